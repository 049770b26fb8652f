import { useParams } from "react-router";

import { NotFoundPage } from "@/components/NotFoundPage";
import { LetterPage } from "@/features/letters/components/LetterPage";

/** /me/letters/:letterId, and /letters/:letterId/ (the address in e-mails). */
export function Component() {
  const { letterId } = useParams();
  const id = Number(letterId);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  return <LetterPage key={id} letterId={id} />;
}
