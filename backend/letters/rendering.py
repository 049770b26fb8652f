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

TEMPLATE_VERSION = "1"
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
CHOICE_WORDS = {
    "full": "chose to receive the full fee offered",
    "reduced": "chose to receive a lower fee than the one offered",
    "capped": "chose a limit on how much they receive in a period, so some fees were cut",
    "expenses_only": "chose not to receive fees, only to have their expenses paid back",
    "donate": "chose for their fee to be paid to a charity instead of to them",
}
CHOICE_SHORT = {
    "full": "Full fee",
    "reduced": "Lower fee, by choice",
    "capped": "Cut to their limit",
    "expenses_only": "Fee turned down",
    "donate": "Given to charity",
}
METHOD_WORDS = {"bank_transfer": "Bank transfer", "voucher": "Voucher", "cheque": "Cheque"}


def verification_url(reference: str) -> str:
    """The public page (for people, not the JSON API) that says whether a letter is genuine."""
    base = str(settings.PUBLIC_BASE_URL).rstrip("/")
    return base + reverse("letter-verify-page", kwargs={"reference": reference})


def qr_svg(url: str) -> str:
    qr = segno.make(url, error="m", micro=False)
    svg: str = qr.svg_inline(scale=2.5, border=0, dark="#000", title="QR code to check this letter")
    return svg


def letter_html(*, snapshot: dict[str, Any], reference: str, kind: str, dated: date) -> str:
    url = verification_url(reference)
    organisation = snapshot["organisation"]
    colour = organisation.get("letterhead_colour", "")
    context = {
        "s": _present(snapshot),
        "dated": dated,
        "colour": colour if COLOUR.fullmatch(colour) else DEFAULT_COLOUR,
        "letterhead_lines": [
            line.strip() for line in organisation.get("letterhead_text", "").splitlines() if line
        ],
        "reference": reference,
        "kind": kind,
        "title": TITLES[kind],
        "verify_url": url,
        "qr_svg": qr_svg(url),
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


def letter_pdf(*, snapshot: dict[str, Any], reference: str, kind: str, dated: date) -> bytes:
    return pdf_from_html(
        letter_html(snapshot=snapshot, reference=reference, kind=kind, dated=dated)
    )


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _gbp(value: str) -> str:
    return format_gbp(Decimal(value))


def _hours(value: str) -> str:
    hours = Decimal(value).normalize()
    text = f"{hours:f}"
    return f"{text} hour" if hours == 1 else f"{text} hours"


def _row(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    out["date"] = _day(row["date"])
    for key in ("offered", "payable", "waived"):
        if key in row:
            out[key] = _gbp(row[key])
    out["method_label"] = METHOD_WORDS.get(row.get("method", ""), row.get("method", ""))
    if "choice" in row:
        out["choice_label"] = CHOICE_SHORT.get(row["choice"], row["choice"])
        out["to_charity"] = row["choice"] == "donate"
    return out


def _present(snapshot: dict[str, Any]) -> dict[str, Any]:
    """Dates as dates and money as "£25.00", ready for the templates."""
    totals = snapshot["totals"]
    return {
        "period_start": _day(snapshot["period"]["start"]),
        "period_end": _day(snapshot["period"]["end"]),
        "organisation": snapshot["organisation"],
        "contributor": snapshot["contributor"],
        "weekly": snapshot["grouping"] == "benefit_week",
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
        "fee_groups": [
            {
                "start": _day(g["start"]),
                "end": _day(g["end"]),
                "fees": [_row(f) for f in g["fees"]],
                "total_received": _gbp(g["total_received"]),
                "total_offered": _gbp(g["total_offered"]),
            }
            for g in snapshot["fee_groups"]
        ],
        "expenses": [_row(e) for e in snapshot["expenses"]],
        "totals": {
            **{k: _gbp(v) for k, v in totals.items() if k != "hours"},
            "hours": _hours(totals["hours"]),
            "has_donated": Decimal(totals["fees_donated"]) > 0,
            "has_waived": Decimal(totals["fees_waived"]) > 0,
        },
        "tax_years": [
            {**y, "fees": _gbp(y["fees"]), "expenses": _gbp(y["expenses"])}
            for y in snapshot["tax_years"]
        ],
        "choices": [CHOICE_WORDS[c] for c in snapshot["choices"] if c in CHOICE_WORDS],
        "charities": sorted({f["donated_to"] for f in snapshot["fees"] if f.get("donated_to")}),
    }
