from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from coproduce.api.errors import ApplicationError
from organisations.models import OrganisationKind
from organisations.services import organisation_create

from .models import AccountType, User, normalise_email


@transaction.atomic
def user_register(
    *,
    email: str,
    password: str,
    full_name: str,
    account_type: str,
    organisation_name: str = "",
    organisation_kind: str = OrganisationKind.OTHER,
) -> User:
    """Create an account. An organisation account also creates an unverified organisation with
    the new user as its owner."""
    email = normalise_email(email)
    fields: dict[str, list[str]] = {}
    if User.objects.filter(email__iexact=email).exists():
        fields["email"] = ["An account already uses this e-mail address. Try signing in."]
    if account_type == AccountType.ORGANISATION and not organisation_name.strip():
        fields["organisation_name"] = ["Enter the name of your organisation."]

    candidate = User(email=email, full_name=full_name, account_type=account_type)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        fields["password"] = list(exc.messages)
    if fields:
        raise ApplicationError("Some of the information is not right.", fields=fields)

    try:
        user = User.objects.create_user(
            email=email, password=password, full_name=full_name, account_type=account_type
        )
    except IntegrityError as exc:  # a simultaneous registration won the race
        raise ApplicationError(
            "Some of the information is not right.",
            fields={"email": ["An account already uses this e-mail address. Try signing in."]},
        ) from exc

    if account_type == AccountType.ORGANISATION:
        organisation_create(name=organisation_name.strip(), kind=organisation_kind, owner=user)
    return user
