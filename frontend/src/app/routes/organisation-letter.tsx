import { useParams } from "react-router";

import { NotFoundPage } from "@/components/NotFoundPage";
import { LetterDetailPage } from "@/features/organisation/letters/components/LetterDetailPage";
import { useOrganisation } from "../OrganisationLayout";

export function Component() {
  const { membership } = useOrganisation();
  const letterId = Number(useParams().letterId);
  if (!Number.isInteger(letterId) || letterId < 1) return <NotFoundPage />;
  return <LetterDetailPage key={letterId} membership={membership} letterId={letterId} />;
}
