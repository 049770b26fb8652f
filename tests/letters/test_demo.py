from __future__ import annotations

import pytest

from core.demo import demo_seed
from letters.demo import seed
from letters.models import Letter, LetterStatus


@pytest.mark.django_db
def test_demo_data_has_one_issued_and_one_revoked_letter_and_reloads_safely() -> None:
    demo_seed(password="a-long-demo-passphrase")

    seed()
    seed()

    assert sorted(Letter.objects.values_list("status", flat=True)) == [
        LetterStatus.ISSUED,
        LetterStatus.REVOKED,
    ]
    assert all(letter.sha256 for letter in Letter.objects.all())
