import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { Button } from "./Button";

describe("Button", () => {
  it("says it is busy and ignores presses while busy", async () => {
    const onClick = vi.fn();
    render(
      <Button type="button" busy busyText="Signing in" onClick={onClick}>
        Sign in
      </Button>,
    );

    const button = screen.getByRole("button", { name: "Signing in" });
    expect(button).toHaveAttribute("aria-disabled", "true");
    await userEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });

  it("can be pressed when not busy", async () => {
    const onClick = vi.fn();
    render(
      <Button type="button" onClick={onClick}>
        Sign in
      </Button>,
    );

    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(onClick).toHaveBeenCalledOnce();
  });
});
