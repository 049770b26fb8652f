import { describe, expect, it } from "vitest";

import { percent, RECEIPT_MAX_BYTES, receiptProblem } from "./receipts";

function file(name: string, type: string, size = 10): File {
  const value = new File(["x"], name, { type });
  Object.defineProperty(value, "size", { value: size });
  return value;
}

describe("receiptProblem", () => {
  it("accepts photos and PDFs", () => {
    expect(receiptProblem(file("r.jpg", "image/jpeg"))).toBeNull();
    expect(receiptProblem(file("r.png", "image/png"))).toBeNull();
    expect(receiptProblem(file("r.pdf", "application/pdf"))).toBeNull();
  });

  it("refuses a file over 10 MB, saying how large it is", () => {
    expect(receiptProblem(file("big.jpg", "image/jpeg", RECEIPT_MAX_BYTES + 1))).toMatch(/10\.0 MB.*10 MB or smaller/);
  });

  it("accepts an iPhone HEIC photo, even when the browser gives it no type", () => {
    expect(receiptProblem(file("IMG_1.HEIC", ""))).toBeNull();
    expect(receiptProblem(file("photo", "image/heic"))).toBeNull();
    expect(receiptProblem(file("photo", "image/heif"))).toBeNull();
  });

  it("refuses other kinds of file", () => {
    expect(receiptProblem(file("notes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))).toMatch(/photo .* or a PDF/);
  });
});

describe("percent", () => {
  it("rounds and never passes 100", () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 4)).toBe(100);
    expect(percent(0, 0)).toBe(0);
  });
});
