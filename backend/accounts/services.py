from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coproduce.api.errors import ApplicationError, Conflict, ErrorCode, NotFound
from coproduce.tasks import enqueue_on_commit

from . import two_factor
from .models import AccountType, ApiToken, User, normalise_email
from .tokens import api_token_hash, api_token_new_key, email_confirmation_token

REGISTER_MESSAGE = (
    "Check your e-mail. We have sent a message to that address with what to do next. "
    "If it does not arrive in a few minutes, look in your spam folder."
)
RESET_LINK_SENT_MESSAGE = (
    "If an account uses that e-mail address, we have sent it a link to choose a new password. "
    "The link works for 24 hours."
)
_BAD_LINK = (
    "This link has expired or has already been used. Ask for a new one and use the newest "
    "e-mail we send."
)


def account_email_send(*, to: str, subject: str, body: str) -> None:
    """Queue one account e-mail for when the current transaction commits, through the outbox
    (a broker that is down delays the e-mail and never turns the request into an error)."""
    enqueue_on_commit("accounts.send_account_email", to, subject, body)


def _link(path: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}{path}"


def _uid(user: User) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def _user_from_uid(uid: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    if not 0 < pk < 2**63:
        return None
    return User.objects.filter(pk=pk).first()


def _password_errors(password: str, user: User) -> list[str]:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        return list(exc.messages)
    return []


def _send_confirmation(user: User) -> None:
    link = _link(f"/confirm-email/{_uid(user)}/{email_confirmation_token.make_token(user)}")
    account_email_send(
        to=user.email,
        subject="Confirm your e-mail address for Coproduce",
        body=(
            f"Hello {user.full_name},\n\n"
            "Thank you for creating a Coproduce account. To finish, open this link:\n\n"
            f"{link}\n\n"
            "The link works for 24 hours. If you did not ask for an account, you can ignore "
            "this e-mail and nothing will happen.\n"
        ),
    )


@transaction.atomic
def user_register(
    *,
    email: str,
    password: str,
    full_name: str,
    account_type: str,
    organisation_name: str = "",
) -> User | None:
    """Start an account: the same answer whether or not the address already has one, so the
    answer never says who uses Coproduce. A new address gets an inactive account and a link to
    confirm it; an address with an account gets an e-mail saying someone tried. Answers the new
    account, or None when none was made (an organisation account's organisation is made by
    ``organisations.registration``)."""
    email = normalise_email(email)
    fields: dict[str, list[str]] = {}
    if account_type == AccountType.ORGANISATION and not organisation_name.strip():
        fields["organisation_name"] = ["Enter the name of your organisation."]
    candidate = User(email=email, full_name=full_name, account_type=account_type)
    password_errors = _password_errors(password, candidate)
    if password_errors:
        fields["password"] = password_errors
    if fields:
        raise ApplicationError("Some of the information is not right.", fields=fields)

    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        make_password(password)  # the same work as a new account, so timing tells nothing
        if not existing.is_active and existing.last_login is None:
            _send_confirmation(existing)  # never confirmed: send the link again
        else:
            account_email_send(
                to=existing.email,
                subject="Someone tried to create a Coproduce account with your address",
                body=(
                    f"Hello {existing.full_name},\n\n"
                    "Someone tried to create a new Coproduce account with this e-mail address. "
                    "You already have an account, so we did not make another one.\n\n"
                    "If it was you, sign in instead. If you have forgotten your password, "
                    f"choose a new one at {_link('/forgot-password')}\n\n"
                    "If it was not you, you do not need to do anything. Your account has not "
                    "changed.\n"
                ),
            )
        return None

    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                full_name=full_name,
                account_type=account_type,
                is_active=False,
            )
    except IntegrityError:  # a simultaneous registration won the race: same answer
        return None
    _send_confirmation(user)
    return user


@transaction.atomic
def user_register_confirm(*, uid: str, token: str) -> User:
    """Activate the account the link was sent for."""
    user = _user_from_uid(uid)
    if user is None or not email_confirmation_token.check_token(user, token):
        raise ApplicationError(_BAD_LINK, code=ErrorCode.LINK_INVALID)
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def password_reset_request(*, email: str) -> None:
    """E-mail a link to choose a new password, if an active account uses the address. The
    caller answers the same either way."""
    user = User.objects.filter(email__iexact=normalise_email(email), is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    link = _link(f"/reset-password/{_uid(user)}/{default_token_generator.make_token(user)}")
    with transaction.atomic():
        account_email_send(
            to=user.email,
            subject="Choose a new password for Coproduce",
            body=(
                f"Hello {user.full_name},\n\n"
                "Someone asked to choose a new password for your Coproduce account. "
                "To choose one, open this link:\n\n"
                f"{link}\n\n"
                "The link works for 24 hours and only once. If you did not ask, you can "
                "ignore this e-mail: your password has not changed.\n"
            ),
        )


def _set_password(user: User, new_password: str) -> None:
    errors = _password_errors(new_password, user)
    if errors:
        raise ApplicationError("Choose a different password.", fields={"new_password": errors})
    user.set_password(new_password)
    user.save(update_fields=["password"])
    # A new password ends every API client's token; sessions end by Django's session hash.
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    user = _user_from_uid(uid)
    if user is None or not user.is_active or not default_token_generator.check_token(user, token):
        raise ApplicationError(_BAD_LINK, code=ErrorCode.LINK_INVALID)
    _set_password(user, new_password)
    return user


@transaction.atomic
def password_change(*, user: User, current_password: str, new_password: str) -> User:
    if not user.check_password(current_password):
        raise ApplicationError(
            "Your current password is not right.",
            fields={"current_password": ["This is not your current password."]},
        )
    _set_password(user, new_password)
    return user


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for one API client. The key is returned once and never stored."""
    key = api_token_new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip() or "API client",
        key_hash=api_token_hash(key),
        key_prefix=key[:8],
        expires_at=timezone.now() + settings.API_TOKEN_LIFETIME,
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> None:
    token = ApiToken.objects.select_for_update().filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound("There is no token with that id.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


@transaction.atomic
def two_factor_setup_start(*, user: User) -> TOTPDevice:
    """The authenticator-app device being set up: the same one each time until confirmed."""
    if two_factor.two_factor_enabled(user=user):
        raise Conflict(
            "Two-factor sign-in is already set up for your account.",
            code=ErrorCode.TWO_FACTOR_ALREADY_ENABLED,
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=two_factor.TOTP_DEVICE_NAME, confirmed=False
        )
    return device


def two_factor_setup_confirm(*, user: User, code: str) -> list[str]:
    """Confirm the app with a code it shows; returns the recovery codes, shown only now.
    Not one transaction: a wrong code's throttle count must stay recorded."""
    device = two_factor_setup_start(user=user)
    if not device.verify_token(code.strip().replace(" ", "")):
        raise ApplicationError(
            "That code did not work. Enter the 6 numbers your app shows now.",
            code=ErrorCode.TWO_FACTOR_CODE_WRONG,
            fields={"code": ["That code did not work."]},
        )
    with transaction.atomic():
        return _two_factor_enable(user=user, device=device)


def _two_factor_enable(*, user: User, device: TOTPDevice) -> list[str]:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(
        user=user, name=two_factor.RECOVERY_DEVICE_NAME, confirmed=True
    )
    codes = [StaticToken.random_token() for _ in range(two_factor.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes
