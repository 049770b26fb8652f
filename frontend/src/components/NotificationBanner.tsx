import type { ReactNode } from "react";

type Props = {
  title?: string;
  heading: string;
  children?: ReactNode;
  /** "success" after an action worked; "important" for something the reader must know. */
  type?: "important" | "success";
};

export function NotificationBanner({ title, heading, children, type = "important" }: Props) {
  const success = type === "success";
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="notification-banner-title"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notification-banner-title">
          {title ?? (success ? "Success" : "Important")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
