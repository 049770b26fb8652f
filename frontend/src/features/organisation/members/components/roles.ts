import { roleName, type Membership } from "../../workspace/sections";
import type { Role } from "../api/members";

const ROLE_HINTS: Record<Role, string> = {
  owner: "Everything an admin does, and makes or changes owners.",
  admin: "Members, letters, settings, and everything coordinators and finance officers do.",
  coordinator: "Roles, applications, people and attendance.",
  finance: "Payments, expense claims and payment runs.",
  viewer: "Sees the overview only.",
};

const ORDER: Role[] = ["owner", "admin", "coordinator", "finance", "viewer"];

/** "Involvement coordinator". */
export function roleLabel(role: Role): string {
  const name = roleName(role);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The roles this member may give: only an owner makes someone an owner. */
export function rolesYouCanGive(membership: Membership): { value: Role; label: string; hint: string }[] {
  return ORDER.filter((role) => role !== "owner" || membership.role === "owner").map((role) => ({
    value: role,
    label: roleLabel(role),
    hint: ROLE_HINTS[role],
  }));
}
