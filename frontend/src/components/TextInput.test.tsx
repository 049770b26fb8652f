import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { TextInput } from "./TextInput";

describe("TextInput", () => {
  it("is labelled and described by its hint", () => {
    render(<TextInput name="email" label="E-mail address" hint="We only use it to sign you in." />);

    const input = screen.getByLabelText("E-mail address");
    expect(input).toHaveAttribute("id", "email");
    expect(input).toHaveAccessibleDescription("We only use it to sign you in.");
    expect(input).not.toHaveAttribute("aria-invalid");
  });

  it("shows its error next to it and is marked invalid", () => {
    render(<TextInput name="email" label="E-mail address" error="Enter a real e-mail address" />);

    const input = screen.getByLabelText("E-mail address");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("Error: Enter a real e-mail address");
    expect(input.closest(".govuk-form-group")).toHaveClass("govuk-form-group--error");
  });
});
