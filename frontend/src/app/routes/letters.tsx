import { LettersPage } from "@/features/letters/components/LettersPage";

export function Component() {
  return <LettersPage />;
}
