import { useParams } from "react-router";

import { useSession } from "@/features/auth/api/session";
import { RoleDetailPage } from "@/features/opportunities/components/RoleDetailPage";

export function Component() {
  const { id } = useParams();
  const { data: me } = useSession();
  return <RoleDetailPage roleId={Number(id)} signedIn={Boolean(me)} />;
}
