import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router";

import { Button } from "@/components/Button";
import { ErrorSummary } from "@/components/ErrorSummary";
import { NotificationBanner } from "@/components/NotificationBanner";
import { PageHeading } from "@/components/PageHeading";
import { Table } from "@/components/Table";
import type { ApiError } from "@/lib/api";
import { longDate } from "@/lib/format";

import { workspacePath, type Membership } from "../../workspace/sections";
import {
  invitationsQuery,
  membersQuery,
  useChangeRole,
  useRemoveMember,
  useWithdrawInvitation,
  type Member,
  type Role,
} from "../api/members";
import { roleLabel, rolesYouCanGive } from "./roles";

type Props = { membership: Membership; meId: number };

function RoleForm({ member, membership, onChanged }: { member: Member; membership: Membership; onChanged: (text: string) => void }) {
  const changeRole = useChangeRole(membership.organisation_id);
  const options = rolesYouCanGive(membership);
  // Only an owner changes an owner's role.
  if (member.role === "owner" && membership.role !== "owner") return <>{roleLabel(member.role)}</>;
  const id = `role-${member.id}`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const role = new FormData(event.currentTarget).get("role") as Role;
    if (role === member.role) return;
    changeRole.mutate(
      { memberId: member.id, role },
      { onSuccess: (changed) => onChanged(`${changed.full_name} is now ${roleLabel(changed.role).toLowerCase()}.`) },
    );
  };
  return (
    <form onSubmit={submit} className="cp-inline-list">
      <label className="govuk-label govuk-visually-hidden" htmlFor={id}>
        Role for {member.full_name}
      </label>
      <select className="govuk-select govuk-!-margin-right-2" id={id} name="role" defaultValue={member.role}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Button variant="secondary" className="govuk-!-margin-bottom-0" busy={changeRole.isPending}>
        Change role<span className="govuk-visually-hidden"> for {member.full_name}</span>
      </Button>
      {changeRole.error && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {changeRole.error.message}
        </p>
      )}
    </form>
  );
}

/** Who is in the organisation and their roles; invitations not answered yet. */
export function MembersPage({ membership, meId }: Props) {
  const organisationId = membership.organisation_id;
  const members = useQuery(membersQuery(organisationId));
  const invitations = useQuery(invitationsQuery(organisationId));
  const remove = useRemoveMember(organisationId);
  const withdraw = useWithdrawInvitation(organisationId);
  const location = useLocation();
  const invited = (location.state as { invited?: string } | null)?.invited;
  const [done, setDone] = useState<string | null>(invited ? `Invitation sent to ${invited}.` : null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const failure = (remove.error ?? withdraw.error) as ApiError | null;

  return (
    <>
      {done && <NotificationBanner type="success" heading={done} />}
      {failure && <ErrorSummary errors={[{ message: failure.message }]} />}
      <PageHeading caption={membership.organisation_name}>Members</PageHeading>
      <p className="govuk-body">
        <Link className="govuk-button" to={workspacePath(organisationId, "members", "invite")}>
          Invite someone
        </Link>
      </p>
      {removing && (
        <div className="govuk-warning-text" role="alert">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Remove {removing.full_name} from {membership.organisation_name}? They will no longer see anything of the
            organisation.
            <div className="govuk-button-group govuk-!-margin-top-3">
              <Button
                type="button"
                variant="warning"
                busy={remove.isPending}
                onClick={() =>
                  remove.mutate(removing.id, {
                    onSuccess: () => {
                      setDone(`${removing.full_name} has been removed.`);
                      setRemoving(null);
                    },
                    onError: () => setRemoving(null),
                  })
                }
              >
                Yes, remove {removing.full_name}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setRemoving(null)}>
                Cancel
              </Button>
            </div>
          </div>
        </div>
      )}
      <div role="status" aria-live="polite">
        {members.isPending && <p className="govuk-body">Loading members</p>}
        {members.isError && <p className="govuk-body">The members could not be loaded. Try again in a few minutes.</p>}
      </div>
      {members.data && (
        <Table
          caption="Members"
          rows={members.data.results}
          rowKey={(member) => member.id}
          empty="There are no members."
          columns={[
            {
              header: "Name",
              cell: (member) => (
                <>
                  {member.full_name}
                  {member.user_id === meId && " (you)"}
                  <br />
                  <span className="govuk-body-s">{member.email}</span>
                </>
              ),
            },
            {
              header: "Role",
              cell: (member) => (
                <RoleForm
                  member={member}
                  membership={membership}
                  onChanged={(text) => {
                    setDone(text);
                    remove.reset();
                  }}
                />
              ),
            },
            {
              header: "Remove",
              cell: (member) =>
                member.user_id === meId || (member.role === "owner" && membership.role !== "owner") ? null : (
                  <Button
                    type="button"
                    variant="secondary"
                    className="govuk-!-margin-bottom-0"
                    onClick={() => {
                      remove.reset();
                      setDone(null);
                      setRemoving(member);
                    }}
                  >
                    Remove<span className="govuk-visually-hidden"> {member.full_name}</span>
                  </Button>
                ),
            },
          ]}
        />
      )}
      <h2 className="govuk-heading-m">Invitations waiting for an answer</h2>
      {invitations.data && (
        <Table
          caption="Invitations waiting for an answer"
          rows={invitations.data.results}
          rowKey={(invitation) => invitation.id}
          empty="No invitations are waiting for an answer."
          columns={[
            { header: "E-mail address", cell: (invitation) => invitation.email },
            { header: "Role", cell: (invitation) => roleLabel(invitation.role) },
            { header: "Sent", cell: (invitation) => longDate(invitation.created_at) },
            {
              header: "Withdraw",
              cell: (invitation) =>
                invitation.role === "owner" && membership.role !== "owner" ? null : (
                  <Button
                    type="button"
                    variant="secondary"
                    className="govuk-!-margin-bottom-0"
                    busy={withdraw.isPending && withdraw.variables === invitation.id}
                    onClick={() =>
                      withdraw.mutate(invitation.id, { onSuccess: () => setDone(`Invitation to ${invitation.email} withdrawn.`) })
                    }
                  >
                    Withdraw<span className="govuk-visually-hidden"> the invitation to {invitation.email}</span>
                  </Button>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
