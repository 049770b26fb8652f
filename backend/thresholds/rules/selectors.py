from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from contributors.models import BenefitCircumstances, EsaPermittedWork
from periods import PeriodKind, period_containing
from thresholds.models import AppliesBy, ThresholdRule

from .book import rule_book

TAX_YEAR_CODES = ("trading_allowance", "personal_allowance")


def _in_force(on: date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))


def rules_in_force(*, on: date) -> QuerySet[ThresholdRule]:
    """Every rule whose own dates cover ``on``. For Universal Credit this is the figure for an
    assessment period that begins on ``on``."""
    return ThresholdRule.objects.filter(_in_force(on)).order_by("benefit", "code")


def rule_for(*, code: str, on: date) -> ThresholdRule | None:
    """The row for ``code`` whose dates cover ``on`` (the latest start wins if rows overlap)."""
    return (
        ThresholdRule.objects.filter(_in_force(on), code=code).order_by("-effective_from").first()
    )


def rule_for_assessment_period(*, code: str, period_start: date) -> ThresholdRule | None:
    """Universal Credit: the figure in force when the assessment period began."""
    return rule_for(code=code, on=period_start)


def rule_for_payment(*, code: str, on: date, uc_start_day: int = 1) -> ThresholdRule | None:
    """The figure a payment made on ``on`` is judged by: the one in force on that date, or, for
    rules applied by assessment period, the one in force when its assessment period began."""
    rule = rule_for(code=code, on=on)
    if rule is None or rule.applies_by != AppliesBy.ASSESSMENT_PERIOD_START:
        return rule
    period = period_containing(PeriodKind.UC_ASSESSMENT_PERIOD, on, uc_start_day=uc_start_day)
    return rule_for_assessment_period(code=code, period_start=period.start)


def rule_codes_for_circumstances(circumstances: BenefitCircumstances | None) -> list[str]:
    """The rule codes that match what a contributor told us, whatever the date."""
    if circumstances is None:
        return list(TAX_YEAR_CODES)
    codes: list[str] = []
    c = circumstances
    if c.receives_esa:
        lower = c.esa_permitted_work_limit in ("", EsaPermittedWork.LOWER)
        codes.append("esa_pw_lower" if lower else "esa_pw_higher")
    if c.receives_uc and c.uc_work_allowance:
        # Without a work allowance Universal Credit goes down from the first pound earned, so
        # there is no limit to track; the earnings page explains that instead.
        codes.append(
            "uc_work_allowance_housing" if c.uc_housing_element else "uc_work_allowance_no_housing"
        )
    if c.receives_carers_allowance:
        codes.append("carers_allowance")
    if c.receives_carer_support_payment_scotland:
        codes.append("carer_support_payment_scotland")
    if c.receives_legacy_income_support_jsa:
        codes.append("legacy_disregard_single")
    if c.receives_pension_credit and c.pension_credit_category:
        codes.append(f"pension_credit_disregard_{c.pension_credit_category}")
    if c.receives_housing_benefit and c.housing_benefit_category:
        codes.append(f"housing_benefit_disregard_{c.housing_benefit_category}")
    if c.track_tax_year:
        codes.extend(TAX_YEAR_CODES)
    return codes


def applicable_rule_codes(circumstances: BenefitCircumstances | None, *, on: date) -> list[str]:
    """The codes of the rules that apply to these circumstances and have a figure in force on
    ``on``, in a stable order. ``None`` (nothing told yet) means tax-year tracking only. The
    National Insurance lower earnings limit is left out: it only matters for payroll."""
    book = rule_book()
    return [
        code
        for code in rule_codes_for_circumstances(circumstances)
        if book.in_force(code, on) is not None
    ]
