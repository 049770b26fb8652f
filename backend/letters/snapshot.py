"""What a letter shows, read from the ledger once, when the letter is requested.

This is the only module of the letters app that reads payments, engagements, attendance,
contributor profiles and periods. Everything downstream (rendering, verification) works from the
JSON this returns, so later changes to the ledger never alter a letter already requested.
Money is a decimal string, dates are ISO 8601.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from accounts.models import User
from contributors.models import BenefitCircumstances, ContributorProfile
from coproduce.money import ZERO
from opportunities.models import Attendance, Engagement
from organisations.models import Organisation
from payments.models import Payment
from periods import PeriodKind, period_containing

SNAPSHOT_VERSION = 2

# How a letter groups fees: chosen by the contributor when they ask for it. A letter an
# organisation asks for is grouped by calendar month, which points to no benefit.
GROUPINGS = (
    str(PeriodKind.CALENDAR_MONTH),
    str(PeriodKind.BENEFIT_WEEK),
    str(PeriodKind.UC_ASSESSMENT_PERIOD),
)
DEFAULT_GROUPING = str(PeriodKind.CALENDAR_MONTH)

# Payment choices whose fee does not reach the contributor.
CHOICE_DONATE = "donate"
STATUS_CANCELLED = "cancelled"
STATUS_PAID = "paid"
KIND_FEE = "fee"
KIND_EXPENSE = "expense"


def contributor_is_engaged(*, organisation: Organisation, contributor: User) -> bool:
    """Whether the contributor has ever been engaged on one of the organisation's roles."""
    return Engagement.objects.filter(
        opportunity__organisation=organisation, contributor=contributor
    ).exists()


def letter_snapshot_build(
    *,
    organisation: Organisation,
    contributor: User,
    kind: str,
    period_start: date,
    period_end: date,
    grouping: str = DEFAULT_GROUPING,
) -> dict[str, Any]:
    """Everything the letter needs, as plain JSON. ``has_involvement`` is false when nothing
    (no attendance, no fee, no expense) falls in the period. ``grouping`` is how fees are
    grouped (calendar months, benefit weeks or assessment periods): only the grouping goes into
    the letter, never the circumstances behind it."""
    week_start, uc_start_day = calendar_for(contributor)

    attendance = list(
        Attendance.objects.filter(
            engagement__opportunity__organisation=organisation,
            engagement__contributor=contributor,
            date__gte=period_start,
            date__lte=period_end,
        )
        .select_related("engagement__opportunity")
        .order_by("date", "id")
    )
    # counts_on is the paid date or, until the payment is paid, its due date.
    payments = list(
        Payment.objects.filter(
            organisation=organisation,
            contributor=contributor,
            counts_on__range=(period_start, period_end),
        )
        .exclude(status=STATUS_CANCELLED)
        .select_related("engagement__opportunity", "attendance")
        .order_by("counts_on", "id")
    )

    fees = [_payment_row(p) for p in payments if p.kind == KIND_FEE]
    expenses = [_payment_row(p) for p in payments if p.kind == KIND_EXPENSE]
    attendance_rows = [
        {
            "date": a.date.isoformat(),
            "role": a.engagement.opportunity.title,
            "hours": str(a.hours),
        }
        for a in attendance
    ]

    return {
        "version": SNAPSHOT_VERSION,
        "kind": kind,
        "period": {"start": period_start.isoformat(), "end": period_end.isoformat()},
        "organisation": organisation_snapshot(organisation),
        "contributor": contributor_snapshot(contributor),
        "grouping": grouping,
        "has_involvement": bool(attendance or payments),
        "roles": _roles(attendance, payments),
        "attendance": attendance_rows,
        "fees": fees,
        "fee_groups": _fee_groups(
            fees, grouping=grouping, week_start=week_start, uc_start_day=uc_start_day
        ),
        "expenses": expenses,
        "totals": _totals(fees, expenses, attendance_rows),
        "tax_years": _tax_years(fees, expenses),
        "choices": sorted({fee["choice"] for fee in fees}),
    }


def organisation_snapshot(organisation: Organisation) -> dict[str, Any]:
    address = [
        line
        for line in (
            organisation.address_line_1,
            organisation.address_line_2,
            organisation.town,
            organisation.postcode,
        )
        if line
    ]
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "kind_label": organisation.get_kind_display(),
        "description": organisation.description,
        "charity_number": organisation.charity_number,
        "address_lines": address,
        "contact_email": organisation.contact_email,
        "contact_phone": organisation.contact_phone,
        "website": organisation.website,
        "letterhead_text": organisation.letterhead_text,
        "letterhead_colour": organisation.letterhead_colour,
        "signatory_name": organisation.signatory_name,
        "signatory_title": organisation.signatory_title,
    }


def contributor_snapshot(contributor: User) -> dict[str, Any]:
    """The full name for letters and the postal address from the contributor's profile; the
    account's full name otherwise. Never the name they like to be called day to day: an
    official letter names the person as their benefit records do."""
    profile = ContributorProfile.objects.filter(user=contributor).first()
    if profile is None:
        return {"name": contributor.full_name, "address_lines": []}
    lines = [profile.address_line_1, profile.address_line_2, profile.town, profile.postcode]
    return {
        "name": profile.name_for_letters.strip() or contributor.full_name,
        "address_lines": [line.strip() for line in lines if line.strip()],
    }


def calendar_for(contributor: User) -> tuple[int, int]:
    """The contributor's benefit week start (0 Monday) and assessment period start day."""
    circumstances = BenefitCircumstances.objects.filter(user=contributor).first()
    if circumstances is None:
        return 0, 1
    return circumstances.benefit_week_start, circumstances.uc_assessment_start_day or 1


def has_assessment_period(contributor: User) -> bool:
    return BenefitCircumstances.objects.filter(
        user=contributor, uc_assessment_start_day__isnull=False
    ).exists()


def _hours(payment: Any) -> str | None:
    """Hours given for a fee: recorded on the payment, else the attendance it came from."""
    recorded = getattr(payment, "hours", None)
    if recorded is not None:
        return str(recorded)
    if payment.attendance_id is not None:
        return str(payment.attendance.hours)
    return None


def _payment_row(payment: Any) -> dict[str, Any]:
    opportunity = payment.engagement.opportunity if payment.engagement_id else None
    return {
        "date": payment.counts_on.isoformat(),
        "paid": payment.status == STATUS_PAID,
        "status": payment.status,
        "role": opportunity.title if opportunity else "",
        "description": payment.description,
        "offered": str(payment.offered),
        "payable": str(payment.payable),
        "waived": str(payment.waived),
        "choice": payment.choice,
        "choice_reason": payment.choice_reason,
        "donated_to": payment.donated_to,
        "method": payment.method,
        "hours": _hours(payment) if payment.kind == KIND_FEE else None,
    }


def _roles(attendance: list[Any], payments: list[Any]) -> list[dict[str, Any]]:
    roles: dict[int, dict[str, Any]] = {}

    def role_for(opportunity: Any) -> dict[str, Any]:
        return roles.setdefault(
            opportunity.pk,
            {
                "title": opportunity.title,
                "involvement_type": opportunity.get_involvement_type_display(),
                "summary": opportunity.summary,
                "dates": set(),
                "hours": ZERO,
                "sessions": 0,
            },
        )

    for a in attendance:
        role = role_for(a.engagement.opportunity)
        role["dates"].add(a.date)
        role["hours"] += Decimal(a.hours)
        role["sessions"] += 1
    for p in payments:
        if p.engagement_id:
            role_for(p.engagement.opportunity)
    out = []
    for role in roles.values():
        dates: set[date] = role.pop("dates")
        role["first_date"] = min(dates).isoformat() if dates else ""
        role["last_date"] = max(dates).isoformat() if dates else ""
        role["hours"] = str(role["hours"])
        out.append(role)
    return sorted(out, key=lambda r: (r["first_date"] or "9999", r["title"]))


def _received(fee: dict[str, Any]) -> Decimal:
    """What reached the contributor: a donated fee went to the charity instead."""
    return ZERO if fee["choice"] == CHOICE_DONATE else Decimal(fee["payable"])


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


def _fee_groups(
    fees: list[dict[str, Any]], *, grouping: str, week_start: int, uc_start_day: int
) -> list[dict[str, Any]]:
    groups: dict[tuple[date, date], list[dict[str, Any]]] = {}
    for fee in fees:
        period = period_containing(
            PeriodKind(grouping),
            date.fromisoformat(fee["date"]),
            week_start=week_start,
            uc_start_day=uc_start_day,
        )
        groups.setdefault((period.start, period.end), []).append(fee)
    return [
        {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "fees": items,
            "total_received": str(_sum(_received(f) for f in items)),
            "total_offered": str(_sum(Decimal(f["offered"]) for f in items)),
        }
        for (start, end), items in sorted(groups.items())
    ]


def _totals(
    fees: list[dict[str, Any]],
    expenses: list[dict[str, Any]],
    attendance: list[dict[str, Any]],
) -> dict[str, str]:
    return {
        "fees_offered": str(_sum(Decimal(f["offered"]) for f in fees)),
        "fees_received": str(_sum(_received(f) for f in fees)),
        "fees_donated": str(
            _sum(Decimal(f["payable"]) for f in fees if f["choice"] == CHOICE_DONATE)
        ),
        "fees_waived": str(_sum(Decimal(f["waived"]) for f in fees)),
        "expenses": str(_sum(Decimal(e["payable"]) for e in expenses)),
        "hours": str(_sum(Decimal(a["hours"]) for a in attendance)),
    }


def _tax_years(fees: list[dict[str, Any]], expenses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    years: dict[tuple[date, date, str], dict[str, Decimal]] = {}
    for rows, key in ((fees, "fees"), (expenses, "expenses")):
        for row in rows:
            year = period_containing(PeriodKind.TAX_YEAR, date.fromisoformat(row["date"]))
            label = f"{year.start.year}/{str(year.end.year)[-2:]}"
            totals = years.setdefault(
                (year.start, year.end, label),
                {"fees": ZERO, "fees_paid": ZERO, "fees_due": ZERO, "expenses": ZERO},
            )
            amount = _received(row) if key == "fees" else Decimal(row["payable"])
            totals[key] += amount
            if key == "fees":
                totals["fees_paid" if row["paid"] else "fees_due"] += amount
    return [
        {
            "label": label,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "fees": str(totals["fees"]),
            "fees_paid": str(totals["fees_paid"]),
            "fees_due": str(totals["fees_due"]),
            "expenses": str(totals["expenses"]),
        }
        for (start, end, label), totals in sorted(years.items())
    ]
