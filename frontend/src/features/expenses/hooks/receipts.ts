/** Matches the server's RECEIPT_MAX_BYTES default (10 MB): checked here first so a phone on a
 * slow connection is not made to send a file the server will refuse. */
export const RECEIPT_MAX_BYTES = 10 * 1024 * 1024;

/** What the file picker offers: photos (the camera too, on a phone) and PDFs. */
export const RECEIPT_ACCEPT = "image/*,application/pdf";

const ACCEPTED = ["image/jpeg", "image/png", "image/heic", "image/heif", "application/pdf"];
// Some browsers give an iPhone photo no type at all: its name says what it is.
const HEIC = /\.(heic|heif)$/i;

/** Why a receipt cannot be sent, or null when it can. The server checks the content again. */
export function receiptProblem(file: File): string | null {
  if (file.size > RECEIPT_MAX_BYTES) return `The file is ${(file.size / (1024 * 1024)).toFixed(1)} MB. Each receipt must be 10 MB or smaller.`;
  if (HEIC.test(file.name)) return null;
  if (!ACCEPTED.includes(file.type)) return "Choose a photo (JPEG, PNG or HEIC) or a PDF of the receipt.";
  return null;
}

export function percent(loaded: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.round((loaded / total) * 100));
}
