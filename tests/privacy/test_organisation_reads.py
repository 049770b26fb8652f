"""Acceptance: nothing an organisation can read lets it work out anyone's benefit.

One contributor per benefit, each with a cap and sharing headroom, is paid by two
organisations and booked for more work. Then everything each organisation's staff can read is
collected: every GET in the API that a member of the organisation can call (with every id of
the organisation's own objects), the payment-run CSV, the letters' PDFs, the staff's in-app
notifications and the e-mails sent to them. None of it may carry a limit's figure, a benefit's
name or words, a day on which one of the contributor's benefit periods starts or ends, or
another organisation's money.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import User
from letters.models import Letter
from notifications.models import Notification
from opportunities.models import Application, Engagement, Opportunity, Session
from payments import services
from payments.expenses.services import ItemInput, expense_claim_submit
from payments.exports.models import ExportFormat
from payments.models import ExpenseCategory, ExpenseClaim, ExpenseItem, Payment, PaymentRun
from periods import PeriodKind, period_containing
from tests.clients import client_for
from tests.letters import pdf as read
from thresholds.models import ThresholdAlert, ThresholdRule

from .conftest import TODAY, Org, person

pytestmark = pytest.mark.django_db

# Name (one that names no benefit), circumstances, cap, fee from A, fee from B. The fees take
# each person close to or over the limit that applies to them, so alerts and staff warnings are
# raised.
PEOPLE: list[tuple[str, dict[str, Any], tuple[str, str], str, str]] = [
    ("Avery Stone", {"receives_esa": True, "esa_permitted_work_limit": "lower"},
     ("31.70", "benefit_week"), "9.40", "12.10"),
    ("Blake Reed", {"receives_esa": True, "esa_permitted_work_limit": "higher"},
     ("233.30", "benefit_week"), "97.30", "88.20"),
    ("Casey Lane", {"receives_uc": True, "uc_housing_element": True, "uc_work_allowance": True,
                    "uc_assessment_start_day": 30},
     ("533.30", "uc_assessment_period"), "211.40", "190.10"),
    ("Devon Hart", {"receives_uc": True, "uc_work_allowance": True,
                      "uc_assessment_start_day": 14},
     ("777.70", "uc_assessment_period"), "355.20", "305.70"),
    ("Ellis Moor", {"receives_carers_allowance": True, "benefit_week_start": 2},
     ("251.10", "benefit_week"), "97.60", "88.70"),
    ("Finley Shaw", {"receives_carer_support_payment_scotland": True, "benefit_week_start": 5},
     ("241.90", "benefit_week"), "91.30", "79.80"),
    ("Gray Pike", {"receives_legacy_income_support_jsa": True}, ("7.70", "benefit_week"),
     "2.30", "2.10"),
    ("Harper Cole", {"track_tax_year": True}, ("1111.10", "tax_year"), "480.60", "371.30"),
]  # fmt: skip

BENEFIT_WORDS = [
    r"\bESA\b", r"Employment and Support", r"Universal Credit", r"\bUC\b", r"Carer",
    r"\bPIP\b", r"Personal Independence", r"\bDLA\b", r"Disability Living", r"Attendance Allowance",
    r"Adult Disability", r"permitted[ _]work", r"assessment[ _]period", r"benefit[ _]week",
    r"work[ _]allowance", r"housing[ _]element", r"Housing Benefit", r"Pension Credit",
    r"Income Support", r"Jobseeker", r"\bJSA\b", r"disregard", r"legacy", r"trading allowance",
    r"personal allowance", r"receives_", r"esa_", r"uc_", r"carers_",
]  # fmt: skip

# Readable by anyone and about no one: the published rules, the service's health, CSRF.
NOT_ABOUT_ANYONE = {"api/v1/thresholds/", "api/v1/health/", "api/v1/auth/csrf/"}

MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)|(?<![\d.])(\d[\d,]*\.\d{2})(?![\d])")


def money_in(text: str) -> set[Decimal]:
    found = set()
    for pounds, decimal in MONEY.findall(text):
        value = (pounds or decimal).replace(",", "").rstrip(".")
        found.add(Decimal(value).quantize(Decimal("0.01")))
    return found


def day_formats(day: date) -> list[str]:
    return [
        day.isoformat(),
        f"{day.day} {day:%B}",
        f"{day.day} {day:%b} ",
        f"{day:%d/%m/%Y}",
        f"{day:%A} {day.day}",
    ]


@dataclass
class Seeded:
    orgs: dict[str, Org]
    people: list[User]
    amounts: dict[str, set[Decimal]]  # each organisation's own fees
    cross: set[Decimal]  # totals across both organisations
    boundaries: dict[int, set[date]]  # each person's benefit-period first and last days


def _patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            view = getattr(pattern.callback, "cls", None) or getattr(
                pattern.callback, "view_class", None
            )
            yield prefix + str(pattern.pattern), view


def get_routes() -> list[str]:
    return sorted(
        route
        for route, view in _patterns(get_resolver().url_patterns)
        if route.startswith("api/v1/") and view is not None and hasattr(view, "get")
    )


def _ids_for(org: Org) -> dict[str, list[Any]]:
    organisation = org.organisation
    letters = Letter.objects.filter(organisation=organisation)
    return {
        "organisation_id": [organisation.pk],
        "opportunity_id": list(
            Opportunity.objects.filter(organisation=organisation).values_list("pk", flat=True)
        ),
        "application_id": list(
            Application.objects.filter(opportunity__organisation=organisation).values_list(
                "pk", flat=True
            )
        ),
        "session_id": list(
            Session.all_objects.filter(opportunity__organisation=organisation).values_list(
                "pk", flat=True
            )
        ),
        "engagement_id": list(
            Engagement.objects.filter(opportunity__organisation=organisation).values_list(
                "pk", flat=True
            )
        ),
        "payment_id": list(
            Payment.objects.filter(organisation=organisation).values_list("pk", flat=True)
        ),
        "run_id": list(
            PaymentRun.objects.filter(organisation=organisation).values_list("pk", flat=True)
        ),
        "claim_id": list(
            ExpenseClaim.objects.filter(organisation=organisation).values_list("pk", flat=True)
        ),
        "item_id": list(
            ExpenseItem.objects.filter(claim__organisation=organisation).values_list(
                "pk", flat=True
            )
        ),
        "letter_id": list(letters.values_list("pk", flat=True)),
        "reference": list(letters.values_list("reference", flat=True)),
        # Every file a payment run downloads as, bank details included.
        "export_format": list(ExportFormat.values),
    }


def _body(response: Any) -> str:
    content_type = response.get("Content-Type", "")
    raw = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if "pdf" in content_type:
        return read.text(raw)
    if "zip" in content_type:
        return _zip_text(raw)
    if "spreadsheetml" in content_type:
        return _workbook_text(raw)
    return str(raw.decode())


def _workbook_text(raw: bytes) -> str:
    """Every cell of a workbook (a payment run's XLSX), as text."""
    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
    return "\n".join(
        " ".join("" if value is None else str(value) for value in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def _zip_text(raw: bytes) -> str:
    """Every file in a zip (such as the staff member's own data export), as text."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            parts.append(
                read.text(data) if name.endswith(".pdf") else data.decode(errors="replace")
            )
    return "\n".join(parts)


def _get_all(client: Any, url: str) -> Iterator[str]:
    """The page and, for lists, every following page."""
    response = client.get(url, {"page_size": 100})
    while True:
        if response.status_code != 200:
            return
        text = _body(response)
        yield text
        if "json" not in response.get("Content-Type", ""):
            return
        data = json.loads(text)
        following = data.get("next") if isinstance(data, dict) else None
        if not following:
            return
        response = client.get(following)


def everything_read_by(org: Org) -> list[tuple[str, str]]:
    """(where, text) for everything the organisation's staff can read."""
    ids = _ids_for(org)
    found: list[tuple[str, str]] = []
    for route in get_routes():
        if route in NOT_ABOUT_ANYONE:
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        unknown = [name for name in names if name not in ids]
        assert not unknown, f"{route}: teach this test which ids to try for {unknown}"
        choices = [ids[name] for name in names]
        assert all(choices), f"{route}: the scene has nothing to try it with"
        for values in itertools.product(*choices):
            url = "/" + route
            for name, value in zip(names, values, strict=True):
                url = re.sub(rf"<(?:\w+:)?{name}>", str(value), url, count=1)
            for user in org.staff():
                for text in _get_all(client_for(user), url):
                    found.append((f"GET {url} as {user.email}", text))
    staff = org.staff()
    for note in Notification.objects.filter(user__in=staff):
        found.append((f"notification {note.pk}", f"{note.title}\n{note.body}\n{note.link}"))
    emails = {user.email for user in staff}
    for message in mail.outbox:
        if set(message.to) & emails:
            found.append((f"e-mail to {message.to}", f"{message.subject}\n{message.body}"))
    return found


@pytest.fixture
def seeded(django_capture_on_commit_callbacks: Callable[..., Any]) -> Seeded:
    orgs = {"A": Org("Northfield Mind", "13.45"), "B": Org("Southdown Trust", "14.35")}
    people: list[User] = []
    amounts: dict[str, set[Decimal]] = {"A": set(), "B": set()}
    cross: set[Decimal] = set()
    boundaries: dict[int, set[date]] = {}
    with django_capture_on_commit_callbacks(execute=True):
        for name, circumstances, (cap, cap_period), fee_a, fee_b in PEOPLE:
            user = person(name, cap=cap, cap_period=cap_period, **circumstances)
            people.append(user)
            for key, fee in (("A", fee_a), ("B", fee_b)):
                org = orgs[key]
                engagement = org.engage(user)
                org.book(engagement, TODAY)
                paid = org.record(user, fee, TODAY, engagement=engagement.pk)
                amounts[key] |= {Decimal(paid["offered"]), Decimal(paid["payable"])}
            cross.add(Decimal(fee_a) + Decimal(fee_b))
            week = period_containing(
                PeriodKind.BENEFIT_WEEK,
                TODAY,
                week_start=circumstances.get("benefit_week_start", 0),
            )
            days = {week.start, week.end}
            if circumstances.get("uc_assessment_start_day"):
                uc = period_containing(
                    PeriodKind.UC_ASSESSMENT_PERIOD,
                    TODAY,
                    uc_start_day=circumstances["uc_assessment_start_day"],
                )
                days |= {uc.start, uc.end}
            boundaries[user.pk] = days
        for key, org in orgs.items():
            expense = org.record(people[0], "3.70" if key == "A" else "4.10", TODAY, kind="expense")
            amounts[key].add(Decimal(expense["payable"]))
            claim = expense_claim_submit(
                contributor=people[1],
                organisation_id=org.organisation.pk,
                items=[
                    ItemInput(
                        category=ExpenseCategory.MILEAGE,
                        description="Drive to the meeting",
                        spent_on=TODAY,
                        miles=Decimal("7" if key == "A" else "9"),
                    )
                ],
                receipts={},
            )
            amounts[key] |= set(claim.items.values_list("amount", flat=True))
            for payment in Payment.objects.filter(organisation=org.organisation):
                services.payment_approve(by=org.finance, payment=payment)
            services.payment_run_create(by=org.finance)
            kind = "payment_statement" if key == "A" else "benefits_advisor"
            for user in people:
                response = client_for(org.admin.user).post(
                    "/api/v1/letters/",
                    {
                        "organisation": org.organisation.pk,
                        "contributor": user.pk,
                        "kind": kind,
                        "period_start": "2026-11-01",
                        "period_end": "2026-11-30",
                    },
                )
                assert response.status_code == 202, response.json()
        # A letter a contributor asked for, grouped by their own benefit weeks.
        carer = people[4]
        mine = client_for(carer).post(
            "/api/v1/letters/",
            {
                "organisation": orgs["A"].organisation.pk,
                "kind": "payment_statement",
                "period_start": "2026-11-01",
                "period_end": "2026-11-30",
                "grouping": "benefit_week",
            },
        )
        assert mine.status_code == 202, mine.json()
        # The organisation signs it, so one of its admins issues it.
        issued = client_for(orgs["A"].admin.user).post(
            f"/api/v1/letters/{mine.json()['id']}/issue/"
        )
        assert issued.status_code == 202, issued.json()
    assert not amounts["A"] & amounts["B"], "the scene needs different amounts per organisation"
    return Seeded(orgs, people, amounts, cross, boundaries)


def _limits() -> set[Decimal]:
    figures = {
        limit.quantize(Decimal("0.01"))
        for limit in ThresholdRule.objects.values_list("limit", flat=True)
        if limit > 0  # a limit of nothing points to no one
    }
    assert Decimal("20.00") in figures and Decimal("204.00") in figures
    return figures


def test_the_scene_raises_alerts_and_staff_warnings_for_everyone(seeded: Seeded) -> None:
    """So the acceptance test below reads real warnings, e-mails and headroom."""
    for user in seeded.people:
        assert ThresholdAlert.objects.filter(contributor=user).exists(), user.full_name
    for org in seeded.orgs.values():
        warnings = Notification.objects.filter(user=org.coordinator.user, kind="headroom_warning")
        for user in seeded.people:
            assert warnings.filter(title__startswith=user.full_name).exists(), user.full_name
        assert any(org.coordinator.user.email in m.to for m in mail.outbox)
        rows = client_for(org.coordinator.user).get(
            f"/api/v1/organisations/{org.organisation.pk}/contributors/"
        )
        assert {row["status"] for row in rows.json()["results"]} >= {"near", "over"}
        assert all(row["next_fee"] is not None for row in rows.json()["results"])
    assert Letter.objects.filter(status="issued").count() == 2 * len(seeded.people) + 1


def test_nothing_an_organisation_reads_reveals_a_limit_a_benefit_a_calendar_or_others_money(
    seeded: Seeded,
) -> None:
    limits = _limits()
    words = [re.compile(word, re.IGNORECASE) for word in BENEFIT_WORDS]
    for key, org in seeded.orgs.items():
        other = "B" if key == "A" else "A"
        forbidden_money = limits | (seeded.amounts[other] - seeded.amounts[key]) | seeded.cross
        forbidden_days = [
            (day, text) for days in seeded.boundaries.values() for day in days
            for text in day_formats(day)
        ]  # fmt: skip
        read_by_org = everything_read_by(org)
        assert len(read_by_org) > 100  # the walk reached the organisation's data
        for where, text in read_by_org:
            leaked = money_in(text) & forbidden_money
            assert not leaked, f"{org.organisation.name}: {where} shows {leaked}:\n{text[:3000]}"
            for word in words:
                assert not word.search(text), f"{where} names {word.pattern}:\n{text[:3000]}"
            for day, form in forbidden_days:
                assert form not in text, f"{where} shows a period boundary {day}:\n{text[:3000]}"
