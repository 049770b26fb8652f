import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { ErrorSummary } from "./ErrorSummary";

describe("ErrorSummary", () => {
  it("shows nothing when there are no errors", () => {
    const { container } = render(<ErrorSummary errors={[]} />);
    expect(container).toBeEmptyDOMElement();
  });

  it("links each field's error to its input and takes focus", () => {
    render(<ErrorSummary errors={[{ field: "email", message: "Enter your e-mail address" }, { message: "Try again" }]} />);

    expect(screen.getByRole("link", { name: "Enter your e-mail address" })).toHaveAttribute("href", "#email");
    expect(screen.getByText("Try again")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "There is a problem" }).closest(".govuk-error-summary")).toHaveFocus();
  });

  it("takes focus again on the next failed submit", () => {
    const errors = [{ field: "email", message: "Enter your e-mail address" }];
    const { rerender } = render(<ErrorSummary errors={errors} submitCount={1} />);
    const summary = document.querySelector<HTMLElement>(".govuk-error-summary");
    summary?.blur();
    expect(summary).not.toHaveFocus();

    rerender(<ErrorSummary errors={errors} submitCount={2} />);

    expect(summary).toHaveFocus();
  });
});
