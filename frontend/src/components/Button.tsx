import type { ButtonHTMLAttributes } from "react";

type Props = {
  /** While busy the button says so and cannot be pressed twice; it is never silently frozen. */
  busy?: boolean;
  busyText?: string;
  variant?: "primary" | "secondary" | "warning";
} & ButtonHTMLAttributes<HTMLButtonElement>;

export function Button({ busy = false, busyText = "Please wait", variant = "primary", children, className, ...button }: Props) {
  const variantClass = variant === "primary" ? "" : ` govuk-button--${variant}`;
  return (
    <button
      type="submit"
      {...button}
      className={`govuk-button${variantClass}${className ? ` ${className}` : ""}`}
      aria-disabled={busy || undefined}
      disabled={button.disabled}
      onClick={busy ? (event) => event.preventDefault() : button.onClick}
    >
      {busy ? busyText : children}
    </button>
  );
}
