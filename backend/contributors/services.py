from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from accounts.models import User
from coproduce.api.errors import ApplicationError

from .models import CIRCUMSTANCE_FIELDS, PROFILE_FIELDS, BenefitCircumstances, ContributorProfile
from .permissions import require_contributor
from .signals import circumstances_changed

EDITABLE_CIRCUMSTANCES = frozenset(CIRCUMSTANCE_FIELDS)


def profile_get_or_create(*, user: User) -> ContributorProfile:
    """The contributor's profile, made (empty) the first time it is asked for."""
    require_contributor(user, action="have a contributor profile")
    try:
        with transaction.atomic():
            profile, _ = ContributorProfile.objects.get_or_create(user=user)
    except IntegrityError:  # made by a request at the same moment
        profile = ContributorProfile.objects.get(user=user)
    return profile


@transaction.atomic
def profile_update(*, user: User, data: dict[str, Any]) -> ContributorProfile:
    profile = profile_get_or_create(user=user)
    profile = ContributorProfile.objects.select_for_update().get(pk=profile.pk)
    for name, value in data.items():
        if name in PROFILE_FIELDS:
            setattr(profile, name, value)
    if "postcode" in data:
        profile.postcode = " ".join(str(data["postcode"]).upper().split())
    profile.save()
    return profile


def _check_circumstances(values: dict[str, Any]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if values["receives_esa"] and not values["esa_permitted_work_limit"]:
        problems["esa_permitted_work_limit"] = [
            "Choose which permitted-work limit applies to you. If you are not sure, choose "
            "the lower limit."
        ]
    if values["receives_uc"] and values["uc_assessment_start_day"] is None:
        problems["uc_assessment_start_day"] = [
            "Enter the day of the month your Universal Credit assessment period starts, "
            "from 1 to 31. It is on your Universal Credit statement."
        ]
    if values["receives_pension_credit"] and not values["pension_credit_category"]:
        problems["pension_credit_category"] = [
            "Choose whether you get Pension Credit as a single person, as a couple, or as a "
            "carer, disabled person or lone parent."
        ]
    if values["receives_housing_benefit"] and not values["housing_benefit_category"]:
        problems["housing_benefit_category"] = [
            "Choose whether you get Housing Benefit as a single person, as a couple or as a "
            "lone parent."
        ]
    return problems


@transaction.atomic
def circumstances_set(*, user: User, data: dict[str, Any]) -> BenefitCircumstances:
    """Replace the contributor's benefit circumstances. Details that only matter for a benefit
    they do not receive are cleared, so nothing stale is kept."""
    require_contributor(user, action="tell us about the benefits they get")
    circumstances = BenefitCircumstances.objects.select_for_update().filter(user=user).first()
    if circumstances is None:
        circumstances = BenefitCircumstances(user=user)
    values = {name: getattr(circumstances, name) for name in EDITABLE_CIRCUMSTANCES}
    values.update({name: value for name, value in data.items() if name in EDITABLE_CIRCUMSTANCES})
    problems = _check_circumstances(values)
    if problems:
        raise ApplicationError("Some of the information is not right.", fields=problems)
    if not values["receives_esa"]:
        values["esa_permitted_work_limit"] = ""
    if not values["receives_uc"]:
        values.update(uc_housing_element=False, uc_work_allowance=False)
        values["uc_assessment_start_day"] = None
    if not values["receives_pension_credit"]:
        values["pension_credit_category"] = ""
    if not values["receives_housing_benefit"]:
        values["housing_benefit_category"] = ""
    for name, value in values.items():
        setattr(circumstances, name, value)
    circumstances.save()
    user_id = user.pk
    transaction.on_commit(
        lambda: circumstances_changed.send(sender=BenefitCircumstances, user_id=user_id)
    )
    return circumstances
