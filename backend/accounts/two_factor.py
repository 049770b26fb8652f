"""TOTP two-factor sign-in (django-otp), with single-use recovery codes (its static device).

Organisation accounts holding an owner, admin or finance membership must set it up; until they
do, organisation endpoints answer 403 ``two_factor_setup_required``. Contributors are never
required to, and may not need it at all.
"""

from __future__ import annotations

from base64 import b32encode

from django.conf import settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def two_factor_required(*, user: User) -> bool:
    """Whether this account must sign in with a second factor."""
    if user.is_contributor:
        return False
    # Memberships belong to organisations, above accounts: read through the reverse relation.
    return user.memberships.filter(role__in=settings.TWO_FACTOR_REQUIRED_ROLES).exists()


def two_factor_enabled(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_setup_missing(*, user: User) -> bool:
    """A user who must use two-factor sign-in but has not set it up yet."""
    return two_factor_required(user=user) and not two_factor_enabled(user=user)


def recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_check_code(*, user: User, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts ``code``: the authenticator app's six digits, or one of the
    recovery codes (each works once). django-otp slows down repeated wrong codes."""
    code = code.strip().replace(" ", "").lower()
    if not code:
        return None
    for totp in TOTPDevice.objects.filter(user=user, confirmed=True):
        if code.isdigit() and totp.verify_token(code):
            return totp
    for static in StaticDevice.objects.filter(user=user, confirmed=True):
        if static.verify_token(code):
            return static
    return None


def two_factor_totp_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def base32_secret(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()
