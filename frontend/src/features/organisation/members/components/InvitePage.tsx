import { Link, useNavigate } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary, errorSummaryItems } from "@/components/ErrorSummary";
import { PageHeading } from "@/components/PageHeading";
import { Radios } from "@/components/Radios";
import { TextInput } from "@/components/TextInput";
import { useApiForm } from "@/hooks/useApiForm";

import { workspacePath, type Membership } from "../../workspace/sections";
import { useInvite, type Role } from "../api/members";
import { rolesYouCanGive } from "./roles";

const LABELS = { email: "E-mail address", role: "Role" };

/** Invite someone by e-mail with a role: they join when they accept. */
export function InvitePage({ membership }: { membership: Membership }) {
  const organisationId = membership.organisation_id;
  const invite = useInvite(organisationId);
  const navigate = useNavigate();
  const form = useApiForm({
    fields: ["email", "role"],
    submit: async (values) => {
      await invite.mutateAsync({ email: values.email ?? "", role: (values.role ?? "") as Role });
      return values.email ?? "";
    },
    onSuccess: (email) => navigate(workspacePath(organisationId, "members"), { state: { invited: email } }),
  });
  return (
    <>
      <ErrorSummary errors={errorSummaryItems(form, LABELS)} />
      <PageHeading caption={membership.organisation_name} hasErrors={form.hasErrors}>
        Invite someone
      </PageHeading>
      <form noValidate onSubmit={form.onSubmit}>
        <TextInput name="email" label={LABELS.email} type="email" autoComplete="off" spellCheck={false} hint="Use their work e-mail address. They join once they accept." error={form.fieldErrors.email} />
        <Radios name="role" legend="Their role" options={rolesYouCanGive(membership)} error={form.fieldErrors.role} />
        <Button busy={form.busy}>Send the invitation</Button>
      </form>
      <p className="govuk-body">
        <Link className="govuk-link" to={workspacePath(organisationId, "members")}>
          Back to members
        </Link>
      </p>
    </>
  );
}
