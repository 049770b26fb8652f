import { FieldError } from "./FieldError";
import type { Option } from "./Select";

/** A question with any number of answers. The first box has the name as its id. */
export function Checkboxes({
  name,
  legend,
  options,
  checked,
  error,
}: {
  name: string;
  legend: string;
  options: Option[];
  checked: string[];
  error?: string | undefined;
}) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? `${name}-error` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <FieldError id={`${name}-error`} error={error} />
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {options.map((option, index) => {
            const id = index === 0 ? name : `${name}-${option.value}`;
            return (
              <div className="govuk-checkboxes__item" key={option.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={id}
                  name={name}
                  type="checkbox"
                  value={option.value}
                  defaultChecked={checked.includes(option.value)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
