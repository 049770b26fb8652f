import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type Member = Schemas["MemberOutput"];
export type Invitation = Schemas["OrganisationInvitationOutput"];
export type Role = Member["role"];

export const memberKeys = {
  all: (organisationId: number) => ["organisation", organisationId, "members"] as const,
  members: (organisationId: number) => [...memberKeys.all(organisationId), "list"] as const,
  invitations: (organisationId: number) => [...memberKeys.all(organisationId), "invitations"] as const,
};

const path = (organisationId: number) => ({ params: { path: { organisation_id: organisationId } } });

export const membersQuery = (organisationId: number) =>
  queryOptions({
    queryKey: memberKeys.members(organisationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/organisations/{organisation_id}/members/", {
          params: { path: { organisation_id: organisationId }, query: { page_size: 100 } },
        }),
      ),
  });

export const invitationsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: memberKeys.invitations(organisationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/organisations/{organisation_id}/invitations/", {
          params: { path: { organisation_id: organisationId }, query: { page_size: 100 } },
        }),
      ),
  });

export function useInvite(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      unwrap(api.POST("/api/v1/organisations/{organisation_id}/members/", { ...path(organisationId), body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.invitations(organisationId) }),
  });
}

export function useChangeRole(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, role }: { memberId: number; role: Role }) =>
      unwrap(
        api.PATCH("/api/v1/organisations/{organisation_id}/members/{member_id}/", {
          params: { path: { organisation_id: organisationId, member_id: memberId } },
          body: { role },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.members(organisationId) }),
  });
}

export function useRemoveMember(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: number) =>
      unwrap(
        api.DELETE("/api/v1/organisations/{organisation_id}/members/{member_id}/", {
          params: { path: { organisation_id: organisationId, member_id: memberId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.members(organisationId) }),
  });
}

export function useWithdrawInvitation(organisationId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: number) =>
      unwrap(
        api.DELETE("/api/v1/organisations/{organisation_id}/invitations/{invitation_id}/", {
          params: { path: { organisation_id: organisationId, invitation_id: invitationId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.invitations(organisationId) }),
  });
}
