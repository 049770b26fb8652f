import { ErasePage } from "@/features/account/components/ErasePage";

export function Component() {
  return <ErasePage />;
}
