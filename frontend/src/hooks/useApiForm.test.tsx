import { act, renderHook } from "@testing-library/react";
import type { FormEvent } from "react";
import { describe, expect, it, vi } from "vitest";

import { ApiError } from "@/lib/api";

import { useApiForm } from "./useApiForm";

function submitEvent(values: Record<string, string>): FormEvent<HTMLFormElement> {
  const form = document.createElement("form");
  for (const [name, value] of Object.entries(values)) {
    const input = document.createElement("input");
    input.name = name;
    input.value = value;
    form.append(input);
  }
  return { preventDefault: vi.fn(), currentTarget: form } as unknown as FormEvent<HTMLFormElement>;
}

describe("useApiForm", () => {
  it("passes the form's values to submit and reports success", async () => {
    const submit = vi.fn().mockResolvedValue("ok");
    const onSuccess = vi.fn();
    const { result } = renderHook(() => useApiForm({ submit, onSuccess, fields: ["email"] }));

    await act(() => result.current.onSubmit(submitEvent({ email: "sam@example.org" })));

    expect(submit).toHaveBeenCalledWith({ email: "sam@example.org" });
    expect(onSuccess).toHaveBeenCalledWith("ok");
    expect(result.current.hasErrors).toBe(false);
  });

  it("puts each field's error next to that field", async () => {
    const error = new ApiError(
      { message: "Some of the information is not right.", code: "invalid", fields: { email: ["Enter a valid email address."] } },
      400,
    );
    const { result } = renderHook(() => useApiForm({ submit: vi.fn().mockRejectedValue(error), fields: ["email"] }));

    await act(() => result.current.onSubmit(submitEvent({ email: "nope" })));

    expect(result.current.fieldErrors).toEqual({ email: "Enter a valid email address." });
    expect(result.current.formError).toBeNull();
    expect(result.current.busy).toBe(false);
  });

  it("shows the API's message when no field the form shows is to blame", async () => {
    const error = new ApiError({ message: "The e-mail address or password is not right.", code: "authentication_failed", fields: {} }, 400);
    const { result } = renderHook(() => useApiForm({ submit: vi.fn().mockRejectedValue(error), fields: ["email"] }));

    await act(() => result.current.onSubmit(submitEvent({})));

    expect(result.current.formError).toBe("The e-mail address or password is not right.");
  });

  it("shows an error for a field the form does not show in the summary", async () => {
    const error = new ApiError({ message: "Some of the information is not right.", code: "invalid", fields: { organisation_kind: ["Not a valid choice."] } }, 400);
    const { result } = renderHook(() => useApiForm({ submit: vi.fn().mockRejectedValue(error), fields: ["email"] }));

    await act(() => result.current.onSubmit(submitEvent({})));

    expect(result.current.formError).toBe("Not a valid choice.");
  });
});
