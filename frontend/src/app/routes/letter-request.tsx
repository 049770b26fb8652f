import { RequestLetterPage } from "@/features/letters/components/RequestLetterPage";

export function Component() {
  return <RequestLetterPage />;
}
