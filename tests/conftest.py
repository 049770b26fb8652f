from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from rest_framework.test import APIClient

from accounts.models import User
from organisations.models import Membership, Organisation, Role

from . import clients
from .factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True, scope="session")
def _private_broker_folder() -> Iterator[None]:
    """Remove this run's own broker folder (see coproduce.settings.test) at the end."""
    yield
    folder = Path(settings.CELERY_BROKER_DIR)
    if folder.name.startswith("test-broker-"):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Throttle counters live in the cache; each test starts with none."""
    cache.clear()


@pytest.fixture(autouse=True)
def _staff_two_factor_verified(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Staff whom tests sign in directly (force_authenticate, force_login, tokens) count as
    having set up two-factor sign-in, and as verified by it in the platform admin; tests marked
    ``two_factor`` see the real requirement."""
    if request.node.get_closest_marker("two_factor") is None:
        from django.contrib.admin import AdminSite

        from coproduce.admin_site import CoproduceAdminSite

        monkeypatch.setattr("accounts.two_factor.two_factor_setup_missing", lambda *, user: False)
        monkeypatch.setattr(CoproduceAdminSite, "has_permission", AdminSite.has_permission)


@pytest.fixture
def on_commit_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run on-commit callbacks (e-mails) when registered: these tests run inside one
    transaction that never commits."""

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for() -> Callable[[User], APIClient]:
    return clients.client_for


@pytest.fixture
def organisation(db: None) -> Organisation:
    return OrganisationFactory.create()


@pytest.fixture
def member_of(organisation: Organisation) -> Callable[[str], Membership]:
    def make(role: str = Role.ADMIN, org: Organisation | None = None) -> Membership:
        return MembershipFactory.create(
            organisation=org or organisation, user=UserFactory.create(), role=role
        )

    return make
