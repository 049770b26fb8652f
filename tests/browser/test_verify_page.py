from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page

from letters.models import LetterStatus
from tests.letters.factories import LetterFactory

AXE_RULES = {"runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}


@pytest.mark.django_db(transaction=True)
def test_a_work_coach_can_check_a_letter_by_keyboard_and_the_page_passes_axe(
    page: Page, live_server
) -> None:
    letter = LetterFactory.create(
        reference="CP-ABCDEFGHJK23",
        status=LetterStatus.ISSUED,
        issued_at=timezone.now(),
        pdf="letters/CP-ABCDEFGHJK23.pdf",
        sha256="a" * 64,
    )

    page.goto(live_server.url + "/verify/")
    assert Axe().run(page, options=AXE_RULES).violations_count == 0
    page.get_by_label("Letter reference").fill(letter.reference.lower())
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/verify/{letter.reference}/")
    assert page.get_by_role("heading", name="This letter is genuine").is_visible()
    results = Axe().run(page, options=AXE_RULES)
    assert results.violations_count == 0, results.generate_report()
