"""Demo data for the embedded default: safe to load again and again."""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountType, User
from contributors.demo import seed as contributors_seed
from letters.demo import seed as letters_seed
from opportunities.demo import seed as opportunities_seed
from organisations.models import Membership, Organisation, OrganisationKind, Role
from payments.demo import seed as payments_seed
from thresholds.demo import seed as thresholds_seed
from thresholds.rules.services import threshold_rules_load


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    kind: str
    description: str
    town: str
    postcode: str
    signatory_name: str
    signatory_title: str


ORGANISATIONS = [
    DemoOrganisation(
        slug="northfield",
        name="Northfield Mental Health Network",
        kind=OrganisationKind.CHARITY,
        description=(
            "A registered mental health charity that involves people with lived experience "
            "in designing and checking its services."
        ),
        town="Northfield",
        postcode="NF1 2AB",
        signatory_name="Priya Shah",
        signatory_title="Head of Involvement",
    ),
    DemoOrganisation(
        slug="southdown",
        name="Southdown University Lived Experience Research",
        kind=OrganisationKind.UNIVERSITY,
        description=(
            "A university research team that works with people with lived experience of "
            "mental distress as co-researchers and advisers."
        ),
        town="Southdown",
        postcode="SD3 4CD",
        signatory_name="Dr Tom Okafor",
        signatory_title="Patient and Public Involvement Lead",
    ),
]

STAFF_ROLES = [
    ("admin", Role.ADMIN, "Admin"),
    ("coordinator", Role.COORDINATOR, "Coordinator"),
    ("finance", Role.FINANCE, "Finance officer"),
]

CONTRIBUTORS = [
    ("esa@contributors.demo.test", "Alex Morgan", "receives ESA (permitted work)"),
    ("uc@contributors.demo.test", "Sam Patel", "receives Universal Credit"),
    ("carer@contributors.demo.test", "Jo Williams", "receives Carer's Allowance"),
]

PLATFORM_ADMIN = "platform@demo.test"

# DEMO ONLY: every demo owner, admin and finance officer signs in with a second factor from
# this one published secret, so `make run` works for anyone who adds it to an authenticator
# app (or runs `manage.py demo_seed --two-factor-code`). Never use it for a real account.
DEMO_TOTP_KEY_HEX = b"coproduce-demo-only!".hex()


def demo_two_factor_secret() -> str:
    """The demo secret in base32, the way authenticator apps take it."""
    return b32encode(bytes.fromhex(DEMO_TOTP_KEY_HEX)).decode()


def demo_two_factor_code() -> str:
    """The code an authenticator app shows for the demo secret right now."""
    return f"{TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX)).token():06d}"


def _demo_two_factor(user: User) -> None:
    TOTPDevice.objects.filter(user=user).exclude(key=DEMO_TOTP_KEY_HEX).delete()
    TOTPDevice.objects.update_or_create(
        user=user,
        key=DEMO_TOTP_KEY_HEX,
        defaults={"name": "Demo authenticator (demo only)", "confirmed": True},
    )


@dataclass(frozen=True)
class DemoSignIn:
    email: str
    who: str
    two_factor: bool = False


def _user(email: str, full_name: str, account_type: str, password: str, **extra: bool) -> User:
    user, _ = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "account_type": account_type, **extra}
    )
    user.full_name = full_name
    user.account_type = account_type
    for key, value in extra.items():
        setattr(user, key, value)
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def demo_seed(*, password: str) -> list[DemoSignIn]:
    sign_ins: list[DemoSignIn] = []
    platform = _user(
        PLATFORM_ADMIN,
        "Platform Admin",
        AccountType.ORGANISATION,
        password,
        is_staff=True,
        is_superuser=True,
    )
    _demo_two_factor(platform)  # the admin at /admin/ asks for a second factor
    sign_ins.append(
        DemoSignIn(PLATFORM_ADMIN, "platform admin (Django admin at /admin/)", two_factor=True)
    )

    for spec in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "description": spec.description,
                "address_line_1": "1 Demo Street",
                "town": spec.town,
                "postcode": spec.postcode,
                "contact_email": f"involvement@{spec.slug}.demo.test",
                "signatory_name": spec.signatory_name,
                "signatory_title": spec.signatory_title,
            },
        )
        if organisation.verified_at is None:
            organisation.verified_at = timezone.now()
            organisation.verified_by = platform
            organisation.save(update_fields=["verified_at", "verified_by"])
        for local, role, title in STAFF_ROLES:
            email = f"{local}@{spec.slug}.demo.test"
            user = _user(email, f"{spec.town} {title}", AccountType.ORGANISATION, password)
            Membership.objects.update_or_create(
                organisation=organisation, user=user, defaults={"role": role}
            )
            two_factor = role in settings.TWO_FACTOR_REQUIRED_ROLES
            if two_factor:
                _demo_two_factor(user)
            sign_ins.append(
                DemoSignIn(email, f"{title.lower()}, {spec.name}", two_factor=two_factor)
            )

    for email, name, note in CONTRIBUTORS:
        _user(email, name, AccountType.CONTRIBUTOR, password)
        sign_ins.append(DemoSignIn(email, f"contributor who {note}"))
    threshold_rules_load()  # the rules first: contributors' circumstances are judged by them
    contributors_seed()
    opportunities_seed()
    payments_seed()
    letters_seed()
    thresholds_seed()
    return sign_ins
