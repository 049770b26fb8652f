import { useParams } from "react-router";

import { ApplyPage } from "@/features/opportunities/components/ApplyPage";

export function Component() {
  const { id } = useParams();
  return <ApplyPage roleId={Number(id)} />;
}
