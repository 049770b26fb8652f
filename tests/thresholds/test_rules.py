from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from contributors.models import BenefitCircumstances, EsaPermittedWork, HousingBenefitCategory
from periods import PeriodKind, uk_today
from thresholds.models import AppliesBy, ThresholdRule
from thresholds.rules.selectors import (
    applicable_rule_codes,
    rule_for,
    rule_for_assessment_period,
    rule_for_payment,
    rules_in_force,
)
from thresholds.rules.services import RULES_FILE, RulesFileError, threshold_rules_load

pytestmark = pytest.mark.django_db


def _file() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    return data


def _snapshot() -> list[tuple[object, ...]]:
    return list(
        ThresholdRule.objects.order_by("code", "effective_from").values_list(
            "id", "code", "effective_from", "effective_to", "limit", "status", "updated_at"
        )
    )


def test_every_rule_in_the_file_has_an_https_source_and_a_valid_period_kind() -> None:
    rules = _file()["rules"]
    kinds = {kind.value for kind in PeriodKind}
    assert rules
    for rule in rules:
        assert rule["source_url"].startswith("https://"), rule["code"]
        assert rule["source_title"].strip(), rule["code"]
        assert rule["period_kind"] in kinds, rule["code"]
        assert rule["status"] in {"confirmed", "estimated"}, rule["code"]
        assert rule["applies_by"] in AppliesBy.values, rule["code"]


def test_file_covers_both_years_for_every_rule_code() -> None:
    rules = _file()["rules"]
    for code in {rule["code"] for rule in rules}:
        starts = sorted(rule["effective_from"] for rule in rules if rule["code"] == code)
        assert len(starts) == 2, code
        assert starts[0].startswith("2025-04"), code
        assert starts[1].startswith("2026-04"), code


def test_loader_run_twice_leaves_the_same_rows() -> None:
    ThresholdRule.objects.all().delete()
    first = threshold_rules_load()
    assert first.created == len(_file()["rules"])
    before = _snapshot()

    second = threshold_rules_load()

    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == first.created
    assert second.changed_codes == []
    assert _snapshot() == before


def test_migration_already_loaded_the_rules_file() -> None:
    assert ThresholdRule.objects.count() == len(_file()["rules"])
    assert threshold_rules_load().created == 0


def test_loader_brings_a_changed_figure_back_in_line_with_the_file() -> None:
    rule = ThresholdRule.objects.get(code="esa_pw_lower", effective_from=date(2025, 4, 7))
    rule.limit = Decimal("99.00")
    rule.save()

    result = threshold_rules_load()

    assert result.updated == 1
    assert result.changed_codes == ["esa_pw_lower"]
    rule.refresh_from_db()
    assert rule.limit == Decimal("20.00")


def test_loader_refuses_a_file_with_a_bad_period_kind(tmp_path: Path) -> None:
    data = _file()
    data["rules"][0]["period_kind"] = "fortnight"
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(RulesFileError, match="fortnight"):
        threshold_rules_load(path=path)


def _limits(on: date) -> dict[str, Decimal]:
    return {rule.code: rule.limit for rule in rules_in_force(on=on)}


def test_5_april_2026_uses_the_2025_26_figures() -> None:
    limits = _limits(date(2026, 4, 5))
    assert limits["carers_allowance"] == Decimal("196.00")
    assert limits["esa_pw_higher"] == Decimal("195.50")
    assert limits["ni_lower_earnings_limit"] == Decimal("125.00")
    assert limits["uc_work_allowance_housing"] == Decimal("411.00")


def test_6_april_2026_changes_benefit_and_tax_figures_but_not_universal_credit() -> None:
    for day in (date(2026, 4, 6), date(2026, 4, 7)):
        limits = _limits(day)
        assert limits["carers_allowance"] == Decimal("204.00")
        assert limits["esa_pw_higher"] == Decimal("203.50")
        assert limits["ni_lower_earnings_limit"] == Decimal("129.00")
        assert limits["uc_work_allowance_housing"] == Decimal("411.00")
        assert limits["uc_work_allowance_no_housing"] == Decimal("684.00")


def test_universal_credit_figures_change_for_periods_starting_13_april_2026() -> None:
    limits = _limits(date(2026, 4, 13))
    assert limits["uc_work_allowance_housing"] == Decimal("427.00")
    assert limits["uc_work_allowance_no_housing"] == Decimal("710.00")


def test_exactly_one_figure_per_code_is_in_force_on_any_day() -> None:
    for day in (date(2025, 4, 7), date(2026, 4, 5), date(2026, 4, 6), date(2026, 4, 13)):
        codes = list(rules_in_force(on=day).values_list("code", flat=True))
        assert len(codes) == len(set(codes))


def test_no_benefit_rule_is_in_force_before_the_2025_uprating() -> None:
    assert rule_for(code="carers_allowance", on=date(2025, 4, 6)) is None
    assert rule_for(code="personal_allowance", on=date(2025, 4, 6)) is not None


def test_universal_credit_payment_is_judged_by_the_figure_when_its_period_began() -> None:
    # Assessment period 1 April to 30 April 2026 began before 13 April: the old figure.
    rule = rule_for_payment(code="uc_work_allowance_housing", on=date(2026, 4, 20), uc_start_day=1)
    assert rule is not None and rule.limit == Decimal("411.00")
    # Assessment period from 15 April 2026: the new figure.
    rule = rule_for_payment(code="uc_work_allowance_housing", on=date(2026, 4, 20), uc_start_day=15)
    assert rule is not None and rule.limit == Decimal("427.00")
    rule = rule_for_assessment_period(
        code="uc_work_allowance_no_housing", period_start=date(2026, 4, 13)
    )
    assert rule is not None and rule.limit == Decimal("710.00")


def test_other_payments_are_judged_by_the_figure_on_their_date() -> None:
    rule = rule_for_payment(code="carers_allowance", on=date(2026, 4, 5))
    assert rule is not None and rule.limit == Decimal("196.00")
    rule = rule_for_payment(code="carers_allowance", on=date(2026, 4, 6))
    assert rule is not None and rule.limit == Decimal("204.00")


def test_applicable_codes_follow_the_circumstances() -> None:
    on = date(2026, 5, 1)
    circumstances = BenefitCircumstances(
        receives_esa=True,
        esa_permitted_work_limit=EsaPermittedWork.SUPPORTED,
        receives_uc=True,
        uc_work_allowance=True,
        uc_housing_element=False,
        uc_assessment_start_day=3,
        receives_housing_benefit=True,
        housing_benefit_category=HousingBenefitCategory.LONE_PARENT,
        receives_pip_dla_adp=True,
        track_tax_year=False,
    )
    assert applicable_rule_codes(circumstances, on=on) == [
        "esa_pw_higher",
        "uc_work_allowance_no_housing",
        "housing_benefit_disregard_lone_parent",
    ]


def test_universal_credit_without_work_allowance_has_no_limit_to_track() -> None:
    circumstances = BenefitCircumstances(
        receives_uc=True, uc_assessment_start_day=1, track_tax_year=True
    )
    assert applicable_rule_codes(circumstances, on=date(2026, 5, 1)) == [
        "trading_allowance",
        "personal_allowance",
    ]


def test_nothing_told_yet_means_tax_year_tracking_only() -> None:
    assert applicable_rule_codes(None, on=date(2026, 5, 1)) == [
        "trading_allowance",
        "personal_allowance",
    ]


def test_thresholds_endpoint_lists_rules_in_force_with_sources(api: APIClient) -> None:
    response = api.get("/api/v1/thresholds/", {"on": "2026-04-06"})

    assert response.status_code == 200
    body = response.json()
    assert body["on"] == "2026-04-06"
    rules = {rule["code"]: rule for rule in body["rules"]}
    assert rules["carers_allowance"]["limit"] == "204.00"
    assert rules["carers_allowance"]["source_url"].startswith("https://")
    assert rules["esa_pw_lower"]["status"] == "confirmed"  # unchanged and published
    assert rules["esa_pw_higher"]["status"] == "estimated"
    assert rules["uc_work_allowance_housing"]["limit"] == "411.00"
    assert rules["uc_work_allowance_housing"]["applies_by"] == "assessment_period_start"
    assert rules["ni_lower_earnings_limit"]["period_kind"] == "tax_week"
    assert "independent" in body["advice"]


@pytest.mark.usefixtures("db")
def test_thresholds_endpoint_defaults_to_today(api: APIClient) -> None:

    response = api.get("/api/v1/thresholds/")

    assert response.status_code == 200
    assert response.json()["on"] == uk_today().isoformat()


def test_thresholds_endpoint_rejects_a_bad_date_with_a_field_message(api: APIClient) -> None:
    response = api.get("/api/v1/thresholds/", {"on": "6 April"})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "2026-04-06" in body["fields"]["on"][0]
