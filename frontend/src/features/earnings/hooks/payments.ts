import type { Payment } from "../api/earnings";

export type PaymentState = "Paid" | "Due" | "Cancelled";

/** Paid when the money has gone; due while it is waiting to be paid. */
export function paymentState(payment: Payment): PaymentState {
  if (payment.status === "paid") return "Paid";
  if (payment.status === "cancelled") return "Cancelled";
  return "Due";
}

/** What happened to the part of a fee not paid to the contributor, in plain words. */
export function paymentNote(payment: Payment): string {
  const notes: string[] = [];
  if (payment.choice === "donate" && payment.donated_to) notes.push(`Given to ${payment.donated_to}`);
  else if (payment.choice === "donate") notes.push("Given to charity");
  if (Number(payment.waived) > 0 && payment.choice !== "donate") notes.push("Part not taken, at your request");
  if (payment.choice_reason) notes.push(payment.choice_reason);
  if (payment.status === "cancelled" && payment.cancel_reason) notes.push(`Cancelled: ${payment.cancel_reason}`);
  return notes.join(". ");
}

/** Payments whose money counts on a day from `start` to `end` (both included). */
export function paymentsIn(payments: Payment[], start: string, end: string): Payment[] {
  return payments.filter((payment) => payment.counts_on >= start && payment.counts_on <= end);
}

function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const CSV_COLUMNS: [string, (payment: Payment) => string | number | null][] = [
  ["Organisation", (p) => p.organisation_name],
  ["What for", (p) => p.description],
  ["Kind", (p) => (p.kind === "fee" ? "Fee" : "Expense")],
  ["Offered", (p) => p.offered],
  ["Paid to you", (p) => p.payable],
  ["Not taken", (p) => p.waived],
  ["Given to", (p) => p.donated_to],
  ["Status", (p) => paymentState(p)],
  ["Due on", (p) => p.due_on],
  ["Paid on", (p) => p.paid_on],
  ["Counts on", (p) => p.counts_on],
  ["Why", (p) => p.choice_reason],
];

/** The contributor's own payments as a CSV file, one row a payment. */
export function paymentsCsv(payments: Payment[]): string {
  const lines = [CSV_COLUMNS.map(([header]) => csvCell(header)).join(",")];
  for (const payment of payments) lines.push(CSV_COLUMNS.map(([, cell]) => csvCell(cell(payment))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
