from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import LazySettings, settings

from accounts.models import User
from letters import snapshot
from letters.models import Letter
from letters.services import letter_request
from organisations.models import Membership, Organisation, Role
from tests.factories import ContributorFactory, MembershipFactory, OrganisationFactory, UserFactory

from .factories import snapshot_dict


@pytest.fixture(autouse=True)
def _private_media(request: pytest.FixtureRequest, settings: LazySettings, tmp_path: Path) -> None:
    """Each test writes PDFs to its own folder, except real-worker tests, which must share the
    worker's folder (they clean up after themselves)."""
    if request.node.get_closest_marker("worker") is None:
        settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class FakeLedger:
    """Stands in for the ledger-reading module, so these tests need no payment rows."""

    engaged: set[tuple[int, int]] = field(default_factory=set)
    has_involvement: bool = True
    builds: int = 0
    groupings: list[str] = field(default_factory=list)

    def engage(self, organisation: Organisation, contributor: User) -> None:
        self.engaged.add((organisation.pk, contributor.pk))

    def is_engaged(self, *, organisation: Organisation, contributor: User) -> bool:
        return (organisation.pk, contributor.pk) in self.engaged

    def build(
        self,
        *,
        organisation: Organisation,
        contributor: User,
        kind: str,
        period_start: date,
        period_end: date,
        grouping: str = snapshot.DEFAULT_GROUPING,
    ) -> dict[str, Any]:
        self.builds += 1
        self.groupings.append(grouping)
        return snapshot_dict(
            grouping=grouping,
            kind=kind,
            period={"start": period_start.isoformat(), "end": period_end.isoformat()},
            organisation=snapshot.organisation_snapshot(organisation),
            contributor={"name": contributor.full_name, "address_lines": ["2 Low Road"]},
            has_involvement=self.has_involvement,
        )


@pytest.fixture
def ledger(monkeypatch: pytest.MonkeyPatch) -> FakeLedger:
    fake = FakeLedger()
    monkeypatch.setattr(snapshot, "contributor_is_engaged", fake.is_engaged)
    monkeypatch.setattr(snapshot, "letter_snapshot_build", fake.build)
    return fake


@dataclass
class Scene:
    organisation: Organisation
    admin: User
    coordinator: User
    contributor: User
    outsider: User


@pytest.fixture
def scene(db: None, ledger: FakeLedger) -> Scene:
    """A verified organisation with a signatory, its admin and coordinator, an engaged
    contributor, and someone from elsewhere."""
    organisation = OrganisationFactory.create(
        name="Northfield Mind",
        description="Northfield Mind is a local mental health charity.",
        signatory_name="Sam Signer",
        signatory_title="Involvement Lead",
    )
    admin = MembershipFactory.create(organisation=organisation, role=Role.ADMIN).user
    coordinator = MembershipFactory.create(organisation=organisation, role=Role.COORDINATOR).user
    contributor = ContributorFactory.create(full_name="Alex Example")
    ledger.engage(organisation, contributor)
    outsider = UserFactory.create()
    return Scene(organisation, admin, coordinator, contributor, outsider)


@pytest.fixture
def request_body(scene: Scene) -> Callable[..., dict[str, Any]]:
    def make(**changes: Any) -> dict[str, Any]:
        body = {
            "organisation": scene.organisation.pk,
            "contributor": scene.contributor.pk,
            "kind": "benefits_advisor",
            "period_start": "2026-01-05",
            "period_end": "2026-01-25",
        }
        body.update(changes)
        return body

    return make


@pytest.fixture
def letter_files() -> Iterator[Callable[[], list[Path]]]:
    """The PDF files under MEDIA_ROOT/letters/, for tests that count them."""

    def files() -> list[Path]:
        folder = Path(settings.MEDIA_ROOT) / "letters"
        return sorted(folder.glob("*.pdf")) if folder.exists() else []

    yield files


__all__ = ["FakeLedger", "Membership", "Scene"]


@pytest.fixture
def issued(
    scene: Scene,
    client_for: Callable[[User], Any],
    request_body: Callable[..., dict[str, Any]],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> Letter:
    """A letter asked for through the API and rendered by its (eager) task."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(scene.admin).post("/api/v1/letters/", request_body())
    assert response.status_code == 202, response.json()
    return Letter.objects.get(pk=response.json()["id"])


JAN_5 = date(2026, 1, 5)
JAN_25 = date(2026, 1, 25)


def request_letter(scene: Scene, *, by: Any = None, **changes: Any) -> Letter:
    args: dict[str, Any] = {
        "requested_by": by or scene.admin,
        "organisation": scene.organisation,
        "contributor": scene.contributor,
        "kind": "benefits_advisor",
        "period_start": JAN_5,
        "period_end": JAN_25,
    }
    args.update(changes)
    return letter_request(**args)
