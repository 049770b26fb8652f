import type { Schemas } from "@/lib/api";

export type Membership = Schemas["Membership"];
export type MemberRole = Membership["role"];

/** The roles allowed to act in each area, as the API enforces them (organisations/permissions.py). */
export const ADMIN_ROLES: readonly MemberRole[] = ["owner", "admin"];
export const COORDINATOR_ROLES: readonly MemberRole[] = ["owner", "admin", "coordinator"];
export const FINANCE_ROLES: readonly MemberRole[] = ["owner", "admin", "finance"];
export const ALL_ROLES: readonly MemberRole[] = ["owner", "admin", "coordinator", "finance", "viewer"];

/** One area of the organisation workspace: its address under /organisations/{id}/ and who sees it. */
export type Section = { path: string; label: string; roles: readonly MemberRole[] };

export const SECTIONS: readonly Section[] = [
  { path: "", label: "Overview", roles: ALL_ROLES },
  { path: "roles", label: "Roles", roles: COORDINATOR_ROLES },
  { path: "applications", label: "Applications", roles: COORDINATOR_ROLES },
  { path: "people", label: "People and attendance", roles: COORDINATOR_ROLES },
  { path: "payments", label: "Payments", roles: FINANCE_ROLES },
  { path: "expense-claims", label: "Expense claims", roles: FINANCE_ROLES },
  { path: "payment-runs", label: "Payment runs", roles: FINANCE_ROLES },
  { path: "letters", label: "Letters", roles: ADMIN_ROLES },
  { path: "members", label: "Members", roles: ADMIN_ROLES },
  // Each settings page says who may change it: coordinators the rate card, finance the money.
  { path: "settings", label: "Settings", roles: ["owner", "admin", "coordinator", "finance"] },
];

/** Whether someone with this membership may act in an area (pages hide what a role cannot do). */
export function can(membership: Membership, roles: readonly MemberRole[]): boolean {
  return roles.includes(membership.role);
}

/** The areas this member works in, in menu order. */
export function sectionsFor(membership: Membership): Section[] {
  return SECTIONS.filter((section) => can(membership, section.roles));
}

/** The address of an area, or of a page inside it: workspacePath(7, "payments", 12). */
export function workspacePath(organisationId: number, ...parts: (string | number)[]): string {
  const rest = parts.map(String).filter(Boolean).join("/");
  return `/organisations/${organisationId}/${rest}`;
}

const ROLE_NAMES: Record<MemberRole, string> = {
  owner: "owner",
  admin: "admin",
  coordinator: "involvement coordinator",
  finance: "finance officer",
  viewer: "viewer",
};

/** "involvement coordinator", "finance officer". */
export function roleName(role: MemberRole): string {
  return ROLE_NAMES[role] ?? role;
}

/** "an owner", "a finance officer". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}
