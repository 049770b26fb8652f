"""The README's backup and restore, run for real: pg_dump the database and copy the media folder,
restore both somewhere fresh, and an issued letter still verifies (its stored PDF's SHA-256 is
the one on record). PostgreSQL only: the embedded SQLite mode backs up by copying one file."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.db import connection

from letters.models import Letter, LetterStatus
from letters.services import letter_render, letter_request
from organisations.models import Role
from tests.factories import ContributorFactory, MembershipFactory
from tests.payments.conftest import Org

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="backup and restore with pg_dump applies to the PostgreSQL (services) mode",
    ),
]


def _pg(args: list[str], *, database: str | None = None) -> subprocess.CompletedProcess[str]:
    db = connection.settings_dict
    command = [args[0], "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432)]
    command += ["-U", db["USER"] or "postgres", *args[1:]]
    if database is not None:
        command += ["-d", database]
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    return subprocess.run(command, check=True, capture_output=True, text=True, env=env)


@pytest.fixture
def restore_database() -> Iterator[str]:
    """A fresh database named after this run's test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore"
    _pg(["dropdb", "--if-exists", name])
    _pg(["createdb", name])
    yield name
    _pg(["dropdb", "--if-exists", name])


def test_a_dump_and_the_media_folder_restore_into_a_fresh_database_and_letters_verify(
    settings: LazySettings, tmp_path: Path, restore_database: str
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    northfield = Org("Northfield")
    northfield.organisation.signatory_name = "Sam Signer"
    northfield.organisation.save()
    admin = MembershipFactory.create(organisation=northfield.organisation, role=Role.ADMIN).user
    contributor = ContributorFactory.create()
    northfield.engage(contributor)
    assert northfield.record(contributor, "20.00", date(2026, 11, 2)).status_code == 201
    letter = letter_request(
        requested_by=admin,
        organisation=northfield.organisation,
        contributor=contributor,
        kind="benefits_advisor",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 21),
    )
    letter = letter_render(letter_id=letter.pk)
    assert letter.status == LetterStatus.ISSUED

    # Back up: the database in pg_dump's custom format, and the media folder.
    dump = tmp_path / "coproduce.dump"
    _pg(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump)],
        database=connection.settings_dict["NAME"])  # fmt: skip
    backup_media = tmp_path / "backup" / "media"
    shutil.copytree(settings.MEDIA_ROOT, backup_media)

    # Lose the originals, then restore both somewhere new.
    shutil.rmtree(settings.MEDIA_ROOT)
    _pg(["pg_restore", "--no-owner", "--exit-on-error", str(dump)], database=restore_database)
    restored_media = tmp_path / "restored" / "media"
    shutil.copytree(backup_media, restored_media)

    assert re.fullmatch(r"CP-[0-9A-Z]+", letter.reference)  # safe to put in the query
    query = f"SELECT status, pdf, sha256 FROM letters_letter WHERE reference = '{letter.reference}'"  # noqa: S608
    row = _pg(["psql", "-At", "-F", "|", "-c", query], database=restore_database).stdout.strip()
    status, pdf_name, sha256 = row.split("|")
    assert status == "issued"
    assert sha256 == letter.sha256
    restored_pdf = (restored_media / pdf_name).read_bytes()
    assert hashlib.sha256(restored_pdf).hexdigest() == sha256
    assert Letter.objects.get(pk=letter.pk).sha256 == sha256
