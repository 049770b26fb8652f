"""The lines of a payment run as the finance system sees them: one per payment with money to
pay, coded with the organisation's nominal code, cost centre and tax code. Every export format
is written from these lines, so they all agree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from coproduce.money import ZERO

from ..models import Payment, PaymentKind, PaymentMethod, PaymentRun
from ..runs.services import contributor_reference
from .models import ExportSettings


@dataclass(frozen=True)
class RunLine:
    payment_id: int
    contributor_id: int
    supplier_reference: str
    payee: str  # who the money goes to: the contributor, or the charity they gave it to
    contributor_name: str
    donation: bool
    method: str
    invoice_reference: str
    invoice_date: date
    due_date: date
    description: str
    net: Decimal
    tax_code: str
    tax: Decimal
    nominal_code: str
    cost_centre: str
    run_reference: str

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax

    @property
    def method_label(self) -> str:
        if self.donation:
            return "Charity donation"
        return str(PaymentMethod(self.method).label)


def export_settings_for(organisation_id: int) -> ExportSettings:
    """The organisation's codes, or the defaults (no codes, 'No VAT') if never set."""
    found = ExportSettings.objects.filter(organisation_id=organisation_id).first()
    return found or ExportSettings(organisation_id=organisation_id)


def run_lines(run: PaymentRun) -> list[RunLine]:
    """The run's payments with money to pay (a fee waived in full has nothing to pay), grouped
    by payee in a stable order. The invoice reference is one per payee and run, so a finance
    system makes one bill per person with a line for each payment."""
    codes = export_settings_for(run.organisation_id)
    invoice_date = timezone.localdate(run.created_at)
    due_date = run.pay_on or invoice_date
    payments = (
        Payment.objects.filter(run=run, payable__gt=ZERO)
        .select_related("contributor", "expense_item")
        .order_by("contributor_id", "donated_to", "id")
    )
    lines = []
    for payment in payments:
        category = (
            payment.expense_item.category
            if payment.kind == PaymentKind.EXPENSE and hasattr(payment, "expense_item")
            else None
        )
        if payment.kind == PaymentKind.EXPENSE and category is None:
            category = "other"
        reference = contributor_reference(payment.contributor_id)
        donation = bool(payment.donated_to)
        name = payment.contributor.full_name
        description = payment.description
        if donation:
            description = f"{description} (given to charity on behalf of {name}, {reference})"
        lines.append(
            RunLine(
                payment_id=payment.pk,
                contributor_id=payment.contributor_id,
                supplier_reference=reference,
                payee=payment.donated_to if donation else name,
                contributor_name=name,
                donation=donation,
                method=payment.method,
                # A gift to charity is the charity's own bill: one per payment, as one person
                # may give to two charities in a run.
                invoice_reference=f"{run.reference}-{reference}"
                + (f"-D{payment.pk}" if donation else ""),
                invoice_date=invoice_date,
                due_date=due_date,
                description=description,
                net=payment.payable,
                tax_code=codes.tax_code,
                tax=ZERO,
                nominal_code=codes.nominal_code_for(category),
                cost_centre=codes.cost_centre,
                run_reference=run.reference,
            )
        )
    return lines
