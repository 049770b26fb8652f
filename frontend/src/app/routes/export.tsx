import { ExportPage } from "@/features/account/components/ExportPage";

export function Component() {
  return <ExportPage />;
}
