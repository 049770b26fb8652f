from __future__ import annotations

import factory
from django.utils import timezone

from accounts.models import AccountType, User
from organisations.models import Membership, Organisation, OrganisationKind, Role

TEST_PASSWORD = "a-long-test-passphrase"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    account_type = AccountType.ORGANISATION
    password = factory.django.Password(TEST_PASSWORD)


class ContributorFactory(UserFactory):
    email = factory.Sequence(lambda n: f"contributor{n}@example.org")
    account_type = AccountType.CONTRIBUTOR


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Organisation {n}")
    slug = factory.Sequence(lambda n: f"test-organisation-{n}")
    kind = OrganisationKind.CHARITY
    verified_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.ADMIN
