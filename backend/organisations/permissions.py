"""Who may do what inside an organisation. Outsiders never get here: selectors answer 404."""

from __future__ import annotations

from collections.abc import Iterable

from coproduce.api.errors import ErrorCode, PermissionDenied

from .models import Membership, Organisation, Role

ADMIN_ROLES: frozenset[str] = frozenset({Role.OWNER, Role.ADMIN})
COORDINATOR_ROLES: frozenset[str] = frozenset({Role.OWNER, Role.ADMIN, Role.COORDINATOR})
FINANCE_ROLES: frozenset[str] = frozenset({Role.OWNER, Role.ADMIN, Role.FINANCE})
ALL_ROLES: frozenset[str] = frozenset(Role)

_ROLE_WORDS: dict[frozenset[str], str] = {
    ADMIN_ROLES: "an owner or admin",
    COORDINATOR_ROLES: "a coordinator, admin or owner",
    FINANCE_ROLES: "a finance officer, admin or owner",
}


def require_role(membership: Membership, roles: Iterable[str], *, action: str) -> None:
    allowed = frozenset(roles)
    if membership.role not in allowed:
        who = _ROLE_WORDS.get(allowed, "someone with a different role")
        raise PermissionDenied(f"Only {who} of {membership.organisation.name} can {action}.")


def require_verified(organisation: Organisation, *, action: str) -> None:
    if not organisation.is_verified:
        raise PermissionDenied(
            f"{organisation.name} has not been verified yet, so it cannot {action}. "
            "Coproduce checks every organisation before it can do this.",
            code=ErrorCode.ORGANISATION_NOT_VERIFIED,
        )
