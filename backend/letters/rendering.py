"""Letter snapshot -> HTML (Django templates) -> tagged PDF (WeasyPrint, PDF/UA-1).

Pure functions of the snapshot and the reference: no database access, so a render is the same
whichever worker runs it and whenever.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from coproduce.money import format_gbp

TEMPLATE_VERSION = "2"
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
DEFAULT_COLOUR = "#1d4f91"
PDF_VARIANT = "pdf/ua-1"

TEMPLATES = {
    "benefits_advisor": "letters/benefits_advisor.html",
    "payment_statement": "letters/payment_statement.html",
    "involvement_confirmation": "letters/involvement_confirmation.html",
}
TITLES = {
    "benefits_advisor": "Letter about paid involvement, for Jobcentre Plus staff",
    "payment_statement": "Statement of involvement payments",
    "involvement_confirmation": "Confirmation of involvement",
}
# How fees are grouped, as the contributor chose: (caption, one group, the heading's words).
GROUP_WORDS = {
    "benefit_week": ("Week", "week", "week by week"),
    "uc_assessment_period": ("Assessment period", "assessment period", "by assessment period"),
    "calendar_month": ("Month", "month", "month by month"),
}
HOURS_NOT_RECORDED = "hours not recorded"
METHOD_WORDS = {"bank_transfer": "Bank transfer", "voucher": "Voucher", "cheque": "Cheque"}


def verification_url(reference: str) -> str:
    """The public page (for people, not the JSON API) that says whether a letter is genuine."""
    base = str(settings.PUBLIC_BASE_URL).rstrip("/")
    return base + reverse("letter-verify-page", kwargs={"reference": reference})


def qr_svg(url: str) -> str:
    qr = segno.make(url, error="m", micro=False)
    svg: str = qr.svg_inline(scale=2.5, border=0, dark="#000", title="QR code to check this letter")
    return svg


PREVIEW_MARK = "Preview — not a real letter"


def letter_html(
    *, snapshot: dict[str, Any], reference: str, kind: str, dated: date, preview: bool = False
) -> str:
    """A preview carries ``PREVIEW_MARK`` on every page and no way to check it: it is never
    stored and no reference of a real letter is printed on it."""
    url = verification_url(reference)
    organisation = snapshot["organisation"]
    colour = organisation.get("letterhead_colour", "")
    fees = snapshot.get("fees", [])
    title = TITLES[kind]
    if kind != "involvement_confirmation" and fees and not any(f.get("paid") for f in fees):
        title = f"{title}: fees due, none paid yet"
    context = {
        "s": _present(snapshot),
        "dated": dated,
        "colour": colour if COLOUR.fullmatch(colour) else DEFAULT_COLOUR,
        "letterhead_lines": [
            line.strip() for line in organisation.get("letterhead_text", "").splitlines() if line
        ],
        "reference": reference,
        "kind": kind,
        "title": title,
        "verify_url": url,
        "qr_svg": "" if preview else qr_svg(url),
        "preview": PREVIEW_MARK if preview else "",
        "template_version": TEMPLATE_VERSION,
    }
    return render_to_string(TEMPLATES[kind], context)


def pdf_from_html(html: str) -> bytes:
    """A4, tagged (PDF/UA-1: structure tree, language, title), fonts embedded."""
    from weasyprint import HTML  # heavy: imported by the worker when it first renders

    pdf: bytes = HTML(string=html, base_url=str(settings.BACKEND_DIR)).write_pdf(
        pdf_variant=PDF_VARIANT
    )
    return pdf


def letter_pdf(
    *, snapshot: dict[str, Any], reference: str, kind: str, dated: date, preview: bool = False
) -> bytes:
    return pdf_from_html(
        letter_html(snapshot=snapshot, reference=reference, kind=kind, dated=dated, preview=preview)
    )


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _gbp(value: str) -> str:
    return format_gbp(Decimal(value))


def _hours(value: str) -> str:
    hours = Decimal(value).normalize()
    text = f"{hours:f}"
    return f"{text} hour" if hours == 1 else f"{text} hours"


def _cut(row: dict[str, Any]) -> bool:
    return Decimal(row["payable"]) < Decimal(row["offered"])


def choice_label(row: dict[str, Any]) -> str:
    """What the contributor's choice did to this fee, true of the fee itself: a £12 fee that
    fits within a cap is a full fee, not one cut to the cap."""
    choice = row.get("choice", "")
    if choice == "full":
        return "Full fee"
    if choice == "expenses_only":
        return "Fee turned down, by choice"
    if choice == "donate":
        return "Given to charity"
    if choice in ("reduced", "capped"):
        if Decimal(row["payable"]) <= 0:
            return "Not paid, by their choice"
        if _cut(row):
            return "Lower fee, by choice" if choice == "reduced" else "Cut to the limit they chose"
        return "Full fee (within the amount they chose)"
    return choice


def _choice_words(snapshot: dict[str, Any]) -> list[str]:
    fees = snapshot["fees"]
    words = []
    for choice in snapshot["choices"]:
        cut = any(_cut(f) for f in fees if f["choice"] == choice)
        if choice == "full":
            words.append("chose to receive the full fee offered")
        elif choice == "reduced":
            words.append(
                "chose to receive a lower fee than the one offered"
                if cut
                else "chose the most they want to be paid for each fee; no fee was above it"
            )
        elif choice == "capped":
            words.append(
                "chose a limit on how much they receive in a period, so some fees were cut"
                if cut
                else "chose a limit on how much they receive in a period; no fee was cut"
            )
        elif choice == "expenses_only":
            words.append("chose not to receive fees, only to have their expenses paid back")
        elif choice == "donate":
            words.append("chose for their fee to be paid to a charity instead of to them")
    return words


def _received(row: dict[str, Any]) -> Decimal:
    return Decimal(0) if row.get("choice") == "donate" else Decimal(row["payable"])


def _total(rows: list[dict[str, Any]], value: Any) -> str:
    return _gbp(str(sum((value(r) for r in rows), Decimal(0))))


def _tax_year(year: dict[str, Any], fees: list[dict[str, Any]]) -> dict[str, Any]:
    """A tax year's fees paid and fees due apart (worked out from the rows for letters whose
    snapshot predates the split)."""
    if "fees_paid" in year:
        paid, due = Decimal(year["fees_paid"]), Decimal(year["fees_due"])
    else:
        mine = [f for f in fees if year["start"] <= f["date"] <= year["end"]]
        paid = sum((_received(f) for f in mine if f.get("paid")), Decimal(0))
        due = sum((_received(f) for f in mine if not f.get("paid")), Decimal(0))
    return {
        **year,
        "fees_paid": _gbp(str(paid)),
        "fees_due": _gbp(str(due)),
        "expenses": _gbp(year["expenses"]),
    }


def _fee_sections(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """Paid fees and fees due but not paid yet, each in its own section with its own totals."""
    caption, one, how = GROUP_WORDS.get(snapshot["grouping"], GROUP_WORDS["calendar_month"])
    sections = []
    for paid in (True, False):
        groups = []
        rows: list[dict[str, Any]] = []
        for group in snapshot["fee_groups"]:
            fees = [f for f in group["fees"] if bool(f.get("paid")) == paid]
            if not fees:
                continue
            rows.extend(fees)
            groups.append(
                {
                    "caption": caption,
                    "start": _day(group["start"]),
                    "end": _day(group["end"]),
                    "fees": [_row(f) for f in fees],
                    "total_received": _total(fees, _received),
                }
            )
        if not groups:
            continue
        donated = sum((Decimal(f["payable"]) for f in rows if f["choice"] == "donate"), Decimal(0))
        waived = sum((Decimal(f["waived"]) for f in rows), Decimal(0))
        sections.append(
            {
                "paid": paid,
                "heading": f"Fees paid, {how}" if paid else f"Fees due, not paid yet, {how}",
                "one": one,
                "groups": groups,
                "total_received": _total(rows, _received),
                "total_offered": _total(rows, lambda f: Decimal(f["offered"])),
                "total_donated": _gbp(str(donated)),
                "total_waived": _gbp(str(waived)),
                "has_donated": donated > 0,
                "has_waived": waived > 0,
            }
        )
    return sections


def _row(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["date"] = _day(row["date"])
    for key in ("offered", "payable", "waived"):
        if key in row:
            out[key] = _gbp(row[key])
    out["method_label"] = METHOD_WORDS.get(row.get("method", ""), row.get("method", ""))
    if "choice" in row:
        out["choice_label"] = choice_label(row)
        out["to_charity"] = row["choice"] == "donate"
    hours = row.get("hours")
    out["hours_label"] = _hours(str(hours)) if hours else HOURS_NOT_RECORDED
    return out


def _present(snapshot: dict[str, Any]) -> dict[str, Any]:
    """Dates as dates and money as "£25.00", ready for the templates."""
    totals = snapshot["totals"]
    expenses = snapshot["expenses"]
    paid_expenses = [e for e in expenses if e.get("paid")]
    due_expenses = [e for e in expenses if not e.get("paid")]
    return {
        "period_start": _day(snapshot["period"]["start"]),
        "period_end": _day(snapshot["period"]["end"]),
        "organisation": snapshot["organisation"],
        "contributor": snapshot["contributor"],
        "grouping": snapshot["grouping"],
        "fee_sections": _fee_sections(snapshot),
        "only_unpaid": bool(snapshot["fees"]) and not any(f.get("paid") for f in snapshot["fees"]),
        "roles": [
            {
                **role,
                "first_date": _day(role["first_date"]),
                "last_date": _day(role["last_date"]),
                "hours": _hours(role["hours"]),
            }
            for role in snapshot["roles"]
        ],
        "attendance": [
            {**a, "date": _day(a["date"]), "hours": _hours(a["hours"])}
            for a in snapshot["attendance"]
        ],
        "fees": [_row(f) for f in snapshot["fees"]],
        "expenses": [_row(e) for e in expenses],
        "expenses_paid": _total(paid_expenses, lambda e: Decimal(e["payable"])),
        "expenses_due": _total(due_expenses, lambda e: Decimal(e["payable"])),
        "has_due_expenses": bool(due_expenses),
        "totals": {
            **{k: _gbp(v) for k, v in totals.items() if k != "hours"},
            "hours": _hours(totals["hours"]),
            "has_donated": Decimal(totals["fees_donated"]) > 0,
            "has_waived": Decimal(totals["fees_waived"]) > 0,
        },
        "tax_years": [_tax_year(y, snapshot["fees"]) for y in snapshot["tax_years"]],
        "has_due_fees": any(not f.get("paid") for f in snapshot["fees"]),
        "choices": _choice_words(snapshot),
        "charities": sorted({f["donated_to"] for f in snapshot["fees"] if f.get("donated_to")}),
    }
