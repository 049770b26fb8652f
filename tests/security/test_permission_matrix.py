"""The permission matrix (issue 14 acceptance), generated from the OpenAPI schema: every
operation is called as each of nine actors, on the objects of organisation X's side (A's
payment, X's role, X's payment run...) and of organisation Y's side (B's...), and each answer
is compared with the expected table below.

An operation in the schema but not in the table fails, so a new endpoint cannot slip through;
an entry for an operation no longer in the schema fails too.

Table: one row per operationId, one column per actor (see ``ACTORS``). A cell is the status
expected on X's objects and on Y's objects (``200/404``), or one status for both (``404``).
Operations without path ids whose body names no organisation or person are called once.
- 2xx: allowed, with a valid body: the write really happens (each call is rolled back).
- 400: allowed, but the body is refused on its merits (``allowed (validation 400)``): a wrong
  two-factor code, an organisation's payment for someone not engaged there...
- 401 anonymous, 403 a member without the role (or an account without it), 404 not theirs
  (another organisation's objects are 404, never 403), 409 the object's state forbids it.
Besides the table, no actor ever gets a 2xx on the other side's objects, except on the public
operations in ``PUBLIC``.
"""

# ruff: noqa: E501 - the expected table reads best one operation to a line
from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import LazySettings
from django.core.cache import cache
from django.db import transaction
from drf_spectacular.generators import SchemaGenerator

from accounts.models import User
from tests.security.permission_world import (
    ACTOR_NAMES,
    ACTORS,
    HOME,
    World,
    body_for,
    client_as,
    world_build,
)

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")

# Anyone may call these, and they answer about what is public (a letter's check, the rules).
PUBLIC = {
    "auth_csrf_retrieve",
    "auth_login_create",
    "auth_login_two_factor_create",
    "auth_password_reset_create",
    "auth_password_reset_confirm_create",
    "auth_register_create",
    "auth_register_confirm_create",
    "auth_token_create",
    "health_retrieve",
    "thresholds_retrieve",
    "verify_retrieve",
    "verify_create",
    # Published roles and their sessions are public (the role search).
    "opportunities_list",
    "opportunities_retrieve",
    "opportunities_sessions_list",
}
# Any contributor may apply to another organisation's published role.
OPEN_TO_ANY_CONTRIBUTOR = {"opportunities_applications_create"}

# fmt: off
# Columns: anon, A, B, X coordinator, X finance, X viewer, X admin, Y admin, platform admin.
EXPECTED: dict[str, str] = {
    "applications_accept_create": "401 404 404 200/404 403/404 403/404 200/404 404/200 404",
    "applications_decline_create": "401 404 404 200/404 403/404 403/404 200/404 404/200 404",
    "applications_list": "401 200 200 200 200 200 200 200 200",
    "applications_retrieve": "401 200/404 404/200 200/404 200/404 200/404 200/404 404/200 404",
    "applications_withdraw_create": "401 200/404 404/200 403/404 403/404 403/404 403/404 404/403 404",
    "auth_csrf_retrieve": "200 200 200 200 200 200 200 200 200",
    "auth_login_create": "200 200 200 200 200 200 200 200 200",
    "auth_login_two_factor_create": "400 400 400 400 400 400 400 400 400",
    "auth_logout_create": "401 204 204 204 204 204 204 204 204",
    "auth_password_change_create": "401 200 200 200 200 200 200 200 200",
    "auth_password_reset_confirm_create": "200 200 200 200 200 200 200 200 200",
    "auth_password_reset_create": "202 202 202 202 202 202 202 202 202",
    "auth_register_confirm_create": "200 200 200 200 200 200 200 200 200",
    "auth_register_create": "202 202 202 202 202 202 202 202 202",
    "auth_token_create": "200 200 200 200 200 200 200 200 200",
    "auth_tokens_create": "401 201 201 201 201 201 201 201 201",
    "auth_tokens_destroy": "401 204/404 404/204 404 404 404 404 404 404",
    "auth_tokens_list": "401 200 200 200 200 200 200 200 200",
    "auth_two_factor_create": "401 400 400 400 400 400 400 400 400",
    "auth_two_factor_retrieve": "401 200 200 200 200 200 200 200 200",
    "engagements_attendance_create": "401 404 404 201/404 403/404 403/404 201/404 404/201 404",
    "engagements_attendance_list": "401 200/404 404/200 200/404 200/404 200/404 200/404 404/200 404",
    "engagements_list": "401 200 200 200 200 200 200 200 200",
    "engagements_partial_update": "401 403/404 404/403 200/404 403/404 403/404 200/404 404/200 404",
    "engagements_retrieve": "401 200/404 404/200 200/404 200/404 200/404 200/404 404/200 404",
    "expense_claims_approve_create": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "expense_claims_create": "401 201/400 400/201 403 403 403 403 403 403",
    "expense_claims_items_receipt_retrieve": "401 200/404 404/200 404 200/404 404 200/404 404/200 404",
    "expense_claims_list": "401 200 200 200 200 200 200 200 200",
    "expense_claims_reject_create": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "expense_claims_retrieve": "401 200/404 404/200 200/404 200/404 200/404 200/404 404/200 404",
    "health_retrieve": "200 200 200 200 200 200 200 200 200",
    "letters_create": "401 202/404 404/202 403/404 403/404 403/404 202/404 404/202 404",
    "letters_issue_create": "401 404 404 404 404 404 409/404 404/409 404",
    "letters_list": "401 200 200 200 200 200 200 200 200",
    "letters_pdf_retrieve": "401 200/404 404/200 404 404 404 200/404 404/200 404",
    "letters_reissue_create": "401 404 404 404 404 404 202/404 404/202 404",
    "letters_retrieve": "401 200/404 404/200 404 404 404 200/404 404/200 404",
    "letters_revoke_create": "401 404 404 404 404 404 200/404 404/200 404",
    "me_alerts_acknowledge_create": "401 200/404 404/200 403 403 403 403 403 403",
    "me_alerts_list": "401 200 200 403 403 403 403 403 403",
    "me_bank_details_destroy": "401 204 204 403 403 403 403 403 403",
    "me_bank_details_retrieve": "401 200 200 403 403 403 403 403 403",
    "me_bank_details_update": "401 200 200 403 403 403 403 403 403",
    "me_benefits_partial_update": "401 200 200 403 403 403 403 403 403",
    "me_benefits_retrieve": "401 200 200 403 403 403 403 403 403",
    "me_benefits_update": "401 200 200 403 403 403 403 403 403",
    "me_earnings_retrieve": "401 200 200 403 403 403 403 403 403",
    "me_erase_create": "401 200 200 200 200 200 409 409 200",
    "me_export_retrieve": "401 200 200 200 200 200 200 200 200",
    "me_invitations_accept_create": "401 200/404 404/200 404 404 404 404 404 404",
    "me_invitations_decline_create": "401 204/404 404/204 404 404 404 404 404 404",
    "me_invitations_list": "401 200 200 200 200 200 200 200 200",
    "me_notification_preferences_retrieve": "401 200 200 200 200 200 200 200 200",
    "me_notification_preferences_update": "401 200 200 200 200 200 200 200 200",
    "me_payment_preference_retrieve": "401 200 200 403 403 403 403 403 403",
    "me_payment_preference_update": "401 200 200 403 403 403 403 403 403",
    "me_profile_partial_update": "401 200 200 403 403 403 403 403 403",
    "me_profile_retrieve": "401 200 200 403 403 403 403 403 403",
    "me_profile_update": "401 200 200 403 403 403 403 403 403",
    "me_retrieve": "401 200 200 200 200 200 200 200 200",
    "notifications_list": "401 200 200 200 200 200 200 200 200",
    "notifications_read_create": "401 200/404 404/200 404 404 404 404 404 404",
    "opportunities_applications_create": "401 409/201 201/409 403 403 403 403 403 403",
    "opportunities_archive_create": "401 404 404 409/404 403/404 403/404 409/404 404/409 404",
    "opportunities_close_create": "401 404 404 200/404 403/404 403/404 200/404 404/200 404",
    "opportunities_copy_create": "401 404 404 201/404 403/404 403/404 201/404 404/201 404",
    "opportunities_create": "401 404 404 201/404 403/404 403/404 201/404 404/201 404",
    "opportunities_list": "200 200 200 200 200 200 200 200 200",
    "opportunities_partial_update": "401 404 404 200/404 403/404 403/404 200/404 404/200 404",
    "opportunities_publish_create": "401 404 404 409/404 403/404 403/404 409/404 404/409 404",
    "opportunities_retrieve": "200 200 200 200 200 200 200 200 200",
    "opportunities_sessions_create": "401 404 404 201/404 403/404 403/404 201/404 404/201 404",
    "opportunities_sessions_cancel_create": "401 404 404 200/404 403/404 403/404 200/404 404/200 404",
    "opportunities_sessions_partial_update": "401 404 404 200/404 403/404 403/404 200/404 404/200 404",
    "opportunities_sessions_retrieve": "401 404 404 200/404 200/404 200/404 200/404 404/200 404",
    "opportunities_sessions_list": "200 200 200 200 200 200 200 200 200",
    "organisations_contributors_list": "401 404 404 200/404 200/404 200/404 200/404 404/200 404",
    "organisations_create": "401 403 403 201 201 201 201 201 201",
    "organisations_dashboard_retrieve": "401 404 404 200/404 200/404 200/404 200/404 404/200 404",
    "organisations_export_settings_retrieve": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_export_settings_update": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_overview_retrieve": "401 404 404 200/404 200/404 200/404 200/404 404/200 404",
    "organisations_finance_settings_retrieve": "401 404 404 200/404 200/404 200/404 200/404 404/200 404",
    "organisations_finance_settings_mileage_rates_destroy": "401 404 404 403/404 204/404 403/404 204/404 404/204 404",
    "organisations_finance_settings_mileage_rates_update": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_finance_settings_update": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_invitations_destroy": "401 404 404 403/404 403/404 403/404 204/404 404/204 404",
    "organisations_invitations_list": "401 404 404 403/404 403/404 403/404 200/404 404/200 404",
    "organisations_leave_create": "401 404 404 204/404 204/404 204/404 204/404 404/204 404",
    "organisations_list": "401 200 200 200 200 200 200 200 200",
    "organisations_letter_preview_create": "401 404 404 403/404 403/404 403/404 200/404 404/200 404",
    "organisations_members_create": "401 404 404 403/404 403/404 403/404 202/404 404/202 404",
    "organisations_members_destroy": "401 404 404 403/404 403/404 403/404 204/404 404/204 404",
    "organisations_members_list": "401 404 404 403/404 403/404 403/404 200/404 404/200 404",
    "organisations_members_partial_update": "401 404 404 403/404 403/404 403/404 200/404 404/200 404",
    "organisations_partial_update": "401 404 404 403/404 403/404 403/404 200/404 404/200 404",
    "organisations_pay_rates_create": "401 404 404 201/404 403/404 403/404 201/404 404/201 404",
    "organisations_pay_rates_destroy": "401 404 404 204/404 403/404 403/404 204/404 404/204 404",
    "organisations_pay_rates_list": "401 404 404 200/404 200/404 200/404 200/404 404/200 404",
    "organisations_pay_rates_partial_update": "401 404 404 200/404 403/404 403/404 200/404 404/200 404",
    "organisations_payment_runs_create": "401 404 404 403/404 201/404 403/404 201/404 404/201 404",
    "organisations_payment_runs_export_csv_retrieve": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_payment_runs_exports_list": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_payment_runs_exports_retrieve": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_payment_runs_list": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_payment_runs_mark_paid_create": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_payment_runs_pay_date_create": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_payment_runs_payees_list": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_payment_runs_preview_list": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_payment_runs_retrieve": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "organisations_registers_list": "401 404 404 200/404 200/404 200/404 200/404 404/200 404",
    "organisations_retrieve": "401 404 404 200/404 200/404 200/404 200/404 404/200 404",
    "payments_approve_create": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "payments_cancel_create": "401 404 404 403/404 200/404 403/404 200/404 404/200 404",
    "payments_create": "401 404 404 201/404 201/404 403/404 201/404 404/201 404",
    "payments_history_list": "401 200/404 404/200 200/404 200/404 200/404 200/404 404/200 404",
    "payments_list": "401 200 200 200 200 200 200 200 200",
    "payments_mark_paid_create": "401 404 404 403/404 409/404 403/404 409/404 404/409 404",
    "payments_reschedule_create": "401 404 404 200/404 200/404 403/404 200/404 404/200 404",
    "payments_retrieve": "401 200/404 404/200 200/404 200/404 200/404 200/404 404/200 404",
    "sessions_register_create": "401 404 404 201/404 403/404 403/404 201/404 404/201 404",
    "sessions_register_retrieve": "401 404 404 200/404 200/404 200/404 200/404 404/200 404",
    "thresholds_retrieve": "200 200 200 200 200 200 200 200 200",
    "verify_create": "200 200 200 200 200 200 200 200 200",
    "verify_retrieve": "200 200 200 200 200 200 200 200 200",
}
# fmt: on


@functools.cache
def operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId -> (method, path, operation), from drf-spectacular's generator."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = {}
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                found[item[method]["operationId"]] = (method, path, item[method])
    return found


def _scopes(operation_id: str, path: str, world: World) -> tuple[str, ...]:
    """Called on both sides' objects when the path or the body names one; else once."""
    if "{" in path:
        return ("x", "y")
    body = body_for(operation_id, world.x, world)
    if body != body_for(operation_id, world.y, world) and operation_id not in PUBLIC:
        return ("x", "y")
    return ("-",)


def _call(world: World, actor: str, operation_id: str, scope: str) -> tuple[int, list[str]]:
    method, path, operation = operations()[operation_id]
    side = world.side("x" if scope == "-" else scope)
    url = path.format(**{k: v for k, v in side.ids.items() if f"{{{k}}}" in path})
    body = body_for(operation_id, side, world)
    content = operation.get("requestBody", {}).get("content", {})
    fmt = "multipart" if next(iter(content), "").startswith("multipart/") else "json"
    cache.clear()  # throttle counters: each call is judged on its own
    with transaction.atomic():
        user = world.user(actor)
        # As stored: an earlier call may have changed the object (its password...).
        client = client_as(None if user is None else User.objects.get(pk=user.pk))
        kwargs: dict[str, Any] = {}
        if body is not None:
            kwargs = {"data": body} if method == "get" else {"data": body, "format": fmt}
        response = getattr(client, method)(url, **kwargs)
        status = response.status_code
        leaked = _leaks(world, actor, operation_id, method, response)
        transaction.set_rollback(True)
    return status, leaked


def _leaks(world: World, actor: str, operation_id: str, method: str, response: Any) -> list[str]:
    """What a read answers must not name the contributor of the side the actor has no part in."""
    if method != "get" or operation_id in PUBLIC or not 200 <= response.status_code < 300:
        return []
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [
        side.contributor.email
        for scope, side in (("x", world.x), ("y", world.y))
        if HOME.get(actor) != scope and side.contributor.email.encode() in content
    ]


def _expected(cell: str, scopes: tuple[str, ...]) -> dict[str, int]:
    parts = [int(code) for code in cell.split("/")]
    if len(parts) == 1:
        parts = parts * len(scopes)
    assert len(parts) == len(scopes), f"cell {cell!r} does not fit scopes {scopes}"
    return dict(zip(scopes, parts, strict=True))


@pytest.fixture
def world(settings: LazySettings, tmp_path: Path) -> Iterator[World]:
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel("2026-11-25 10:00 +00:00", tick=False):
        yield world_build()


def test_the_expected_table_lists_exactly_the_operations_in_the_schema() -> None:
    in_schema = set(operations())
    assert sorted(in_schema - set(EXPECTED)) == [], "operations missing from the table"
    assert sorted(set(EXPECTED) - in_schema) == [], "table entries for operations not in the schema"


@dataclass
class Checked:
    mismatches: list[str]
    cells: list[str]  # what each actor got, in the table's notation
    calls: int


def _check(world: World, operation_id: str, row: list[str]) -> Checked:
    """Call one operation as every actor on each side's objects and compare with ``row``."""
    method, path, _ = operations()[operation_id]
    scopes = _scopes(operation_id, path, world)
    checked = Checked(mismatches=[], cells=[], calls=0)
    for index, actor in enumerate(ACTORS):
        got = {}
        for scope in scopes:
            got[scope], leaked = _call(world, actor, operation_id, scope)
            checked.mismatches.extend(
                f"{method.upper()} {path} as {ACTOR_NAMES[actor]} names {email}" for email in leaked
            )
        checked.calls += len(scopes)
        checked.cells.append(
            "/".join(str(got[s]) for s in scopes)
            if len(set(got.values())) > 1
            else str(got[scopes[0]])
        )
        for scope, status in got.items():
            if (
                scope in ("x", "y")
                and HOME.get(actor) != scope
                and operation_id not in PUBLIC
                and not (operation_id in OPEN_TO_ANY_CONTRIBUTOR and actor in ("a", "b"))
                and 200 <= status < 300
            ):
                checked.mismatches.append(
                    f"{method.upper()} {path} as {ACTOR_NAMES[actor]} on {scope.upper()}'s "
                    f"objects: {status}, but it is not theirs"
                )
        if index < len(row):
            for scope, want in _expected(row[index], scopes).items():
                if got[scope] != want:
                    where = "" if scope == "-" else f" on {scope.upper()}'s objects"
                    checked.mismatches.append(
                        f"{operation_id} ({method.upper()} {path}) as {ACTOR_NAMES[actor]}"
                        f"{where}: {got[scope]}, expected {want}"
                    )
    return checked


def test_every_operation_as_every_actor_on_every_sides_objects(world: World) -> None:
    mismatches: list[str] = []
    calls = 0
    for operation_id in sorted(operations()):
        checked = _check(world, operation_id, EXPECTED.get(operation_id, "").split())
        mismatches.extend(checked.mismatches)
        calls += checked.calls
        if checked.mismatches:  # the row as observed, to compare with the table
            print(f'    "{operation_id}": "{" ".join(checked.cells)}",')
    print(
        f"\npermission matrix: {len(ACTORS)} actors x {len(operations())} operations, {calls} calls"
    )
    assert mismatches == [], "\n".join(mismatches)

    # The comparison can fail: a table saying B may read A's payment is reported.
    wrong = _check(world, "payments_retrieve", ["401", "200/404", "200"])
    assert wrong.mismatches == [
        "payments_retrieve (GET /api/v1/payments/{payment_id}/) as contributor B (engaged with Y)"
        " on X's objects: 404, expected 200"
    ]
