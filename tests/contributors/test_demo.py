from __future__ import annotations

from datetime import date

import pytest

from contributors.models import BenefitCircumstances, ContributorProfile
from core.demo import demo_seed
from thresholds.models import ThresholdRule
from thresholds.rules.selectors import applicable_rule_codes

pytestmark = pytest.mark.django_db


def _state() -> list[tuple[object, ...]]:
    return [
        *BenefitCircumstances.objects.order_by("pk").values_list(
            "pk", "user__email", "receives_esa", "receives_uc", "receives_carers_allowance"
        ),
        *ContributorProfile.objects.order_by("pk").values_list("pk", "postcode"),
        (ThresholdRule.objects.count(),),
    ]


def test_demo_seed_gives_the_demo_contributors_profiles_and_circumstances() -> None:
    demo_seed(password="demo-pass-123")
    first = _state()
    demo_seed(password="demo-pass-123")

    assert _state() == first
    profiles = ContributorProfile.objects.filter(user__email__endswith="@contributors.demo.test")
    assert profiles.count() == 3
    assert all(profile.share_headroom and profile.postcode for profile in profiles)

    on = date(2026, 5, 1)
    by_email = {c.user.email: c for c in BenefitCircumstances.objects.select_related("user").all()}
    esa = by_email["esa@contributors.demo.test"]
    assert esa.benefit_week_start == 0
    assert applicable_rule_codes(esa, on=on)[0] == "esa_pw_lower"
    uc = by_email["uc@contributors.demo.test"]
    assert uc.uc_assessment_start_day == 15
    assert applicable_rule_codes(uc, on=on)[0] == "uc_work_allowance_housing"
    carer = by_email["carer@contributors.demo.test"]
    assert carer.benefit_week_start == 2
    assert applicable_rule_codes(carer, on=on)[0] == "carers_allowance"


def test_demo_seed_keeps_a_contributors_own_later_changes() -> None:
    demo_seed(password="demo-pass-123")
    BenefitCircumstances.objects.filter(user__email="esa@contributors.demo.test").update(
        benefit_week_start=4
    )

    demo_seed(password="demo-pass-123")

    assert (
        BenefitCircumstances.objects.get(
            user__email="esa@contributors.demo.test"
        ).benefit_week_start
        == 4
    )
