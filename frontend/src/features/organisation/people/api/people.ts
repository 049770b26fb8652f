import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/lib/api";

export type EngagedContributor = Schemas["EngagedContributor"];
export type Engagement = Schemas["EngagementOutput"];
export type AttendanceWithFee = Schemas["AttendanceWithFee"];
export type RecordedFee = Schemas["RecordedFee"];
export type SessionRegister = Schemas["SessionRegister"];
export type RegisterRow = Schemas["SessionRegisterRow"];
export type RegisterRecorded = Schemas["RegisterRecorded"];
export type RegisterRowInput = Schemas["SessionRegisterRowInputRequest"];
export type SessionWaiting = Schemas["SessionWaiting"];
export type RoleSession = Schemas["SessionOutput"];

const PAGE = 100; // the API's largest page: an organisation's people and sessions fit in one

export const peopleKeys = {
  all: ["organisation-people"] as const,
  organisation: (organisationId: number) => [...peopleKeys.all, "organisation", organisationId] as const,
  contributors: (organisationId: number) => [...peopleKeys.organisation(organisationId), "contributors"] as const,
  engagements: (organisationId: number) => [...peopleKeys.organisation(organisationId), "engagements"] as const,
  waiting: (organisationId: number) => [...peopleKeys.organisation(organisationId), "registers-waiting"] as const,
  engagement: (engagementId: number) => [...peopleKeys.all, "engagement", engagementId] as const,
  attendance: (engagementId: number) => [...peopleKeys.engagement(engagementId), "attendance"] as const,
  roleSessions: (opportunityId: number) => [...peopleKeys.all, "role-sessions", opportunityId] as const,
  register: (sessionId: number) => [...peopleKeys.all, "register", sessionId] as const,
};

/** Contributors engaged with the organisation: status and room for the next fee, where shared. */
export const contributorsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: peopleKeys.contributors(organisationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/organisations/{organisation_id}/contributors/", {
          params: { path: { organisation_id: organisationId }, query: { page_size: PAGE } },
        }),
      ),
  });

/** Everyone's place on the organisation's roles, newest first. */
export const engagementsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: peopleKeys.engagements(organisationId),
    queryFn: () => unwrap(api.GET("/api/v1/engagements/", { params: { query: { organisation: organisationId, page_size: PAGE } } })),
  });

/** Sessions up to today with someone booked whose attendance is not logged yet. */
export const registersWaitingQuery = (organisationId: number) =>
  queryOptions({
    queryKey: peopleKeys.waiting(organisationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/organisations/{organisation_id}/registers/", {
          params: { path: { organisation_id: organisationId }, query: { page_size: PAGE } },
        }),
      ),
  });

export const engagementQuery = (engagementId: number) =>
  queryOptions({
    queryKey: peopleKeys.engagement(engagementId),
    queryFn: () => unwrap(api.GET("/api/v1/engagements/{engagement_id}/", { params: { path: { engagement_id: engagementId } } })),
  });

export const attendanceQuery = (engagementId: number) =>
  queryOptions({
    queryKey: peopleKeys.attendance(engagementId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/engagements/{engagement_id}/attendance/", {
          params: { path: { engagement_id: engagementId }, query: { page_size: PAGE } },
        }),
      ),
  });

export const roleSessionsQuery = (opportunityId: number) =>
  queryOptions({
    queryKey: peopleKeys.roleSessions(opportunityId),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/opportunities/{opportunity_id}/sessions/", {
          params: { path: { opportunity_id: opportunityId }, query: { page_size: PAGE } },
        }),
      ),
  });

export const registerQuery = (sessionId: number) =>
  queryOptions({
    queryKey: peopleKeys.register(sessionId),
    queryFn: () => unwrap(api.GET("/api/v1/sessions/{session_id}/register/", { params: { path: { session_id: sessionId } } })),
  });

export type AttendanceInput = { session: number | null; date: string; hours: string };

/** Log one person's hours; answers with the fee it recorded. A logged fee changes the
 * organisation's room for the next fee and the registers still to log. */
export function useLogAttendance(organisationId: number, engagementId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AttendanceInput) =>
      unwrap(api.POST("/api/v1/engagements/{engagement_id}/attendance/", { params: { path: { engagement_id: engagementId } }, body })),
    onSuccess: (attendance) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: peopleKeys.attendance(engagementId) }),
        queryClient.invalidateQueries({ queryKey: peopleKeys.contributors(organisationId) }),
        queryClient.invalidateQueries({ queryKey: peopleKeys.waiting(organisationId) }),
        attendance.session_id !== null
          ? queryClient.invalidateQueries({ queryKey: peopleKeys.register(attendance.session_id) })
          : Promise.resolve(),
      ]),
  });
}

export type RegisterInput = { rows: RegisterRowInput[]; idempotencyKey: string };

/** Log a session's register at once (all or nothing); a retry with the same key is safe. */
export function useLogRegister(organisationId: number, sessionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rows, idempotencyKey }: RegisterInput) =>
      unwrap(
        api.POST("/api/v1/sessions/{session_id}/register/", {
          params: { path: { session_id: sessionId }, header: { "Idempotency-Key": idempotencyKey } },
          body: { rows },
        }),
      ),
    onSuccess: (recorded) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: peopleKeys.register(sessionId) }),
        queryClient.invalidateQueries({ queryKey: peopleKeys.waiting(organisationId) }),
        queryClient.invalidateQueries({ queryKey: peopleKeys.contributors(organisationId) }),
        ...recorded.rows.map((row) => queryClient.invalidateQueries({ queryKey: peopleKeys.attendance(row.engagement_id) })),
      ]),
  });
}
