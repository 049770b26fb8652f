from __future__ import annotations

from accounts.models import User
from coproduce.api.errors import PermissionDenied


def require_contributor(user: User, *, action: str) -> None:
    if not user.is_contributor:
        raise PermissionDenied(
            f"Only contributor accounts can {action}. You are signed in with an organisation "
            "account."
        )
