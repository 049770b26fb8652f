from __future__ import annotations

import factory

from contributors.models import BenefitCircumstances, ContributorProfile, EsaPermittedWork
from tests.factories import ContributorFactory


class ContributorProfileFactory(factory.django.DjangoModelFactory[ContributorProfile]):
    class Meta:
        model = ContributorProfile

    user = factory.SubFactory(ContributorFactory)
    preferred_name = factory.Faker("first_name", locale="en_GB")
    town = "Northfield"
    postcode = "NF1 2AB"


class BenefitCircumstancesFactory(factory.django.DjangoModelFactory[BenefitCircumstances]):
    class Meta:
        model = BenefitCircumstances

    user = factory.SubFactory(ContributorFactory)
    receives_esa = True
    esa_permitted_work_limit = EsaPermittedWork.LOWER
