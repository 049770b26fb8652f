import { PageHeading } from "@/components/PageHeading";

/** The contributor's dashboard. Phase 2 adds limits, alerts, sessions and what needs doing. */
export function DashboardPage({ name }: { name: string }) {
  return (
    <>
      <PageHeading caption={name}>Your dashboard</PageHeading>
      <p className="govuk-body">Your earnings, alerts and letters will appear here.</p>
    </>
  );
}
