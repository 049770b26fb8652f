import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { SummaryList } from "@/components/SummaryList";
import { useApiForm } from "@/hooks/useApiForm";
import { longDate, money } from "@/lib/format";

import { claimQuery, receiptUrl, useDecideItem, type Claim, type ClaimItem, type Decision } from "../api/claims";
import { can, FINANCE_ROLES, workspacePath, type Membership } from "../../workspace/sections";
import { claimTotal, ClaimStatusTag, ItemStatusTag } from "./claimStatus";

const CATEGORY: Record<ClaimItem["category"], string> = {
  travel: "Travel",
  mileage: "Mileage",
  care: "Care",
  meals: "Meals",
  internet_phone: "Internet and phone",
  other: "Other",
};

function Receipt({ claim, item }: { claim: Claim; item: ClaimItem }) {
  if (!item.has_receipt) return <p className="govuk-body">No receipt was added.</p>;
  const src = receiptUrl(claim.id, item.id);
  return (
    <figure className="cp-receipt">
      {item.receipt_type === "application/pdf" ? (
        <iframe className="cp-receipt__frame" src={src} title={`Receipt for ${item.description}`} />
      ) : (
        <img className="cp-receipt__image" src={src} alt={`Receipt for ${item.description}`} loading="lazy" />
      )}
      <figcaption className="govuk-body-s">
        <a className="govuk-link" href={receiptUrl(claim.id, item.id, true)} download>
          Download the receipt<span className="govuk-visually-hidden"> for {item.description}</span>
        </a>
      </figcaption>
    </figure>
  );
}

function DecisionForm({ item, onNext }: { item: ClaimItem; onNext: (decision: Decision) => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [choice, setChoice] = useState<string>("");
  const id = (name: string) => `item-${item.id}-${name}`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = new FormData(event.currentTarget);
    const decision = String(values.get("decision") ?? "");
    const reason = String(values.get("reason") ?? "").trim();
    if (!decision) return setErrors({ [id("decision")]: "Choose whether to approve this item" });
    if (decision === "reject" && !reason) return setErrors({ [id("reason")]: "Say why the item is not approved" });
    setErrors({});
    onNext({ itemId: item.id, approve: decision === "approve", reason });
  };
  const decisionError = errors[id("decision")];
  const reasonError = errors[id("reason")];
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={Object.entries(errors).map(([field, message]) => ({ field, message }))} />
      <div className={`govuk-form-group${decisionError ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" aria-describedby={decisionError ? `${id("decision")}-error` : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Your decision on {item.description}</legend>
          {decisionError && (
            <p id={`${id("decision")}-error`} className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {decisionError}
            </p>
          )}
          <div className="govuk-radios govuk-radios--small">
            {[
              ["approve", "Approve"],
              ["reject", "Do not approve"],
            ].map(([value, label], index) => (
              <div className="govuk-radios__item" key={value}>
                <input
                  className="govuk-radios__input"
                  id={index === 0 ? id("decision") : id(`decision-${value}`)}
                  name="decision"
                  type="radio"
                  value={value}
                  onChange={() => setChoice(value ?? "")}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={index === 0 ? id("decision") : id(`decision-${value}`)}>
                  {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {choice === "reject" && (
        <div className={`govuk-form-group${reasonError ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor={id("reason")}>
            Why is it not approved?
          </label>
          <div id={`${id("reason")}-hint`} className="govuk-hint">
            The person who claimed can read this.
          </div>
          {reasonError && (
            <p id={`${id("reason")}-error`} className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {reasonError}
            </p>
          )}
          <textarea
            className={`govuk-textarea${reasonError ? " govuk-textarea--error" : ""}`}
            id={id("reason")}
            name="reason"
            rows={2}
            maxLength={1000}
            aria-describedby={`${id("reason")}-hint${reasonError ? ` ${id("reason")}-error` : ""}`}
          />
        </div>
      )}
      <Button variant="secondary">Continue</Button>
    </form>
  );
}

function CheckDecision({
  item,
  decision,
  claim,
  organisationId,
  onDone,
  onBack,
}: {
  item: ClaimItem;
  decision: Decision;
  claim: Claim;
  organisationId: number;
  onDone: (message: string) => void;
  onBack: () => void;
}) {
  const decide = useDecideItem(claim.id, organisationId);
  const form = useApiForm({
    submit: () => decide.mutateAsync(decision),
    onSuccess: () => onDone(decision.approve ? `${item.description}: approved. It will be paid at cost.` : `${item.description}: not approved.`),
    fields: [],
  });
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <ErrorSummary errors={errorSummaryItems(form, {})} />
      <h3 className="govuk-heading-s">Check your decision</h3>
      <SummaryList
        rows={[
          { key: "Decision", value: decision.approve ? `Approve ${money(item.amount)}` : "Do not approve" },
          ...(decision.approve ? [] : [{ key: "Why", value: decision.reason }]),
        ]}
      />
      <div className="govuk-button-group">
        <Button busy={form.busy}>{decision.approve ? "Approve item" : "Do not approve item"}</Button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onBack}>
          Change
        </button>
      </div>
    </form>
  );
}

function Item({
  claim,
  item,
  organisationId,
  mayDecide,
  onDone,
}: {
  claim: Claim;
  item: ClaimItem;
  organisationId: number;
  mayDecide: boolean;
  onDone: (message: string) => void;
}) {
  const [decision, setDecision] = useState<Decision | null>(null);
  return (
    <section className="cp-section" aria-labelledby={`item-${item.id}`}>
      <h2 className="govuk-heading-m" id={`item-${item.id}`}>
        {item.description}
      </h2>
      <SummaryList
        rows={[
          { key: "Kind", value: CATEGORY[item.category] },
          { key: "Spent on", value: longDate(item.spent_on) },
          ...(item.miles ? [{ key: "Miles", value: `${item.miles} miles, at the rate for that tax year` }] : []),
          { key: "Amount", value: money(item.amount) },
          { key: "Status", value: <ItemStatusTag status={item.status} /> },
          ...(item.decision_reason ? [{ key: "Why", value: item.decision_reason }] : []),
        ]}
      />
      {item.category !== "mileage" && <Receipt claim={claim} item={item} />}
      {mayDecide && item.status === "pending" && (
        <>
          {decision === null ? (
            <DecisionForm item={item} onNext={setDecision} />
          ) : (
            <CheckDecision
              item={item}
              decision={decision}
              claim={claim}
              organisationId={organisationId}
              onDone={(message) => {
                setDecision(null);
                onDone(message);
              }}
              onBack={() => setDecision(null)}
            />
          )}
        </>
      )}
    </section>
  );
}

/** Finance: one expense claim, each item decided on its own, receipts shown on the page. */
export function ExpenseClaimPage({ membership, claimId }: { membership: Membership; claimId: number }) {
  const organisationId = membership.organisation_id;
  const claim = useQuery(claimQuery(claimId));
  const [done, setDone] = useState<string | null>(null);
  if (claim.isPending) return <p className="govuk-body cp-placeholder">Loading the claim</p>;
  if (claim.isError || claim.data.organisation !== organisationId) {
    return (
      <>
        <PageHeading>Expense claim not found</PageHeading>
        <p className="govuk-body">There is no expense claim with that number in {membership.organisation_name}.</p>
        <Link className="govuk-link govuk-body" to={workspacePath(organisationId, "expense-claims")}>
          Back to expense claims
        </Link>
      </>
    );
  }
  const data = claim.data;
  return (
    <>
      {done && <NotificationBanner type="success" heading={done} />}
      <PageHeading caption={membership.organisation_name}>{`Expense claim from ${data.contributor_name}`}</PageHeading>
      <SummaryList
        rows={[
          { key: "Sent on", value: longDate(data.created_at) },
          { key: "Status", value: <ClaimStatusTag status={data.status} /> },
          { key: "Total claimed", value: money(claimTotal(data)) },
          ...(data.note ? [{ key: "Note", value: data.note }] : []),
        ]}
      />
      {data.items.map((item) => (
        <Item key={item.id} claim={data} item={item} organisationId={organisationId} mayDecide={can(membership, FINANCE_ROLES)} onDone={setDone} />
      ))}
      <Link className="govuk-link govuk-body" to={workspacePath(organisationId, "expense-claims")}>
        Back to expense claims
      </Link>
    </>
  );
}
