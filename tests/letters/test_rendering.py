from __future__ import annotations

from datetime import date

import pytest

from letters.rendering import letter_html, letter_pdf, verification_url

from . import pdf as read
from .factories import CONTRIBUTOR_NAME, ORGANISATION_NAME, snapshot_dict

REFERENCE = "CP-ABCDEFGHJK23"
DATED = date(2026, 1, 26)
KINDS = ["benefits_advisor", "payment_statement", "involvement_confirmation"]


def _render(kind: str, **changes: object) -> bytes:
    return letter_pdf(
        snapshot=snapshot_dict(kind=kind, **changes), reference=REFERENCE, kind=kind, dated=DATED
    )


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {kind: _render(kind) for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS)
def test_every_letter_names_the_organisation_person_period_and_reference(
    pdfs: dict[str, bytes], kind: str
) -> None:
    text = read.text(pdfs[kind])

    assert ORGANISATION_NAME in text
    assert CONTRIBUTOR_NAME in text
    assert "5 January 2026 to 25 January 2026" in text
    assert "Sam Signer" in text
    assert "Involvement Lead" in text
    assert f"Reference: {REFERENCE}" in text


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_carries_the_reference_and_page_n_of_m(
    pdfs: dict[str, bytes], kind: str
) -> None:
    pages = read.page_texts(pdfs[kind])

    for number, page in enumerate(pages, start=1):
        assert f"Reference {REFERENCE}" in page
        assert f"Page {number} of {len(pages)}" in page


@pytest.mark.parametrize("kind", KINDS)
def test_letters_are_tagged_with_language_title_and_embedded_fonts(
    pdfs: dict[str, bytes], kind: str
) -> None:
    reader = read.reader(pdfs[kind])
    root = read.catalogue(pdfs[kind])

    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).lower() == "en-gb"
    assert reader.metadata is not None and reader.metadata.title
    assert REFERENCE in reader.metadata.title
    fonts = read.fonts(pdfs[kind])
    assert fonts, "no fonts found"
    assert all(fonts.values()), f"fonts not embedded: {fonts}"
    assert any("DejaVu" in name for name in fonts)


@pytest.mark.parametrize("kind", KINDS)
def test_letters_are_a4_and_small(pdfs: dict[str, bytes], kind: str) -> None:
    page = read.reader(pdfs[kind]).pages[0]

    assert round(float(page.mediabox.width)) == 595
    assert round(float(page.mediabox.height)) == 842
    assert len(pdfs[kind]) < 150 * 1024


@pytest.mark.parametrize("kind", KINDS)
def test_the_qr_code_on_page_one_opens_the_verification_page(
    pdfs: dict[str, bytes], kind: str
) -> None:
    assert read.qr_codes(pdfs[kind]) == [verification_url(REFERENCE)]
    assert verification_url(REFERENCE).endswith(f"/verify/{REFERENCE}/")
    assert "/api/" not in verification_url(REFERENCE)  # a page for people, not JSON


def test_benefits_letter_lists_every_fee_by_week_with_totals_and_expenses_apart(
    pdfs: dict[str, bytes],
) -> None:
    text = read.text(_render("benefits_advisor", grouping="benefit_week"))

    assert "To Jobcentre Plus staff" in text
    assert "13 January 2026 Service design panel 1.5 hours" in text
    assert "Total time 5.5 hours" in text
    assert "Northfield Mind is a local mental health charity." in text
    for heading in (
        "Why we offer payment",
        "How this is different from a job",
        "may stop taking part at any time",
        "Their choice about payment",
        "H3160 to H3161 and H3220",
        "Check that this letter is genuine",
    ):
        assert heading in text
    for week in ("Mon 5 January 2026", "Mon 12 January 2026", "Mon 19 January 2026"):
        assert f"Week from {week}" in text
    assert "Fees paid, week by week" in text
    assert "Panel meeting 6 January" in text and "£25.00 Full fee £25.00" in text
    assert "Panel meeting 13 January" in text and "£25.00 Lower fee, by choice £20.00" in text
    assert "Given to charity: £25.00 to Mind in Northfield £0.00" in text
    assert "Paid in this week £25.00" in text
    assert "Paid in this week £20.00" in text
    assert "Total fees paid to Alex Example in the whole period: £45.00" in text
    # The fee due on 20 January is in its own section, after the paid ones.
    assert text.index("Total fees paid") < text.index("Fees due, not paid yet, week by week")
    assert "Total fees due to Alex Example, not paid yet: £0.00" in text
    assert "hours not recorded" in text
    # Expenses come after the fees, under their own heading, with their own total.
    expenses_at = text.index("Expenses (shown separately)")
    assert text.index("Total fees due") < expenses_at < text.index("Bus fare to panel")
    assert "Total expenses paid back £4.80" in text
    assert "chose for their fee to be paid to a charity" in text


def test_statement_totals_each_tax_year(pdfs: dict[str, bytes]) -> None:
    text = read.text(pdfs["payment_statement"])

    assert "Totals by tax year" in text
    # Paid and due apart (the donated fee, due on 20 January, reaches a charity, not them).
    assert "Fees paid to Alex Example Fees due, not paid yet Expenses" in text
    assert "2025/26 £45.00 £0.00 £4.80" in text
    assert "Bus fare to panel £4.80" in text


def test_involvement_confirmation_lists_roles_dates_and_hours(pdfs: dict[str, bytes]) -> None:
    text = read.text(pdfs["involvement_confirmation"])

    assert "Service design panel Advisory group 6 Jan 2026 to 20 Jan 2026 3 5.5 hours" in text
    for day in ("6 January 2026", "13 January 2026", "20 January 2026"):
        assert day in text
    assert "Total time 5.5 hours" in text
    assert "£" not in text  # a confirmation of involvement says nothing about money


def _group(fees: list[dict[str, object]], start: str, end: str) -> dict[str, object]:
    return {"start": start, "end": end, "fees": fees, "total_received": "", "total_offered": ""}


def test_uc_grouping_calls_each_period_an_assessment_period() -> None:
    groups = [_group(snapshot_dict()["fees"], "2026-01-14", "2026-02-13")]
    pdf = _render("benefits_advisor", grouping="uc_assessment_period", fee_groups=groups)
    text = read.text(pdf)

    assert "Fees paid, by assessment period" in text
    assert "Assessment period from Wed 14 January 2026 to Fri 13 February 2026" in text
    assert "Paid in this assessment period £45.00" in text
    assert "Month from" not in text and "month by month" not in text
    for private in ("Universal Credit", "ESA", "Employment and Support", "Carer", "PIP"):
        assert private not in text


def test_a_letter_with_only_unpaid_fees_says_so_in_its_headings() -> None:
    fees = [dict(f, paid=False, status="approved") for f in snapshot_dict()["fees"]]
    groups = [_group(fees, "2026-01-01", "2026-01-31")]
    text = read.text(
        _render("benefits_advisor", fees=fees, fee_groups=groups, grouping="calendar_month")
    )

    assert "for Jobcentre Plus staff: fees due, none paid yet" in text
    assert "Fees due, not paid yet, month by month" in text
    assert "Total fees due to Alex Example, not paid yet: £45.00" in text
    assert "Fees paid" not in text and "Total fees paid" not in text


def test_a_capped_fee_within_the_cap_is_a_full_fee_and_a_cut_one_says_it_was_cut() -> None:
    base = snapshot_dict()["fees"][0]
    within = dict(base, description="Within the cap", choice="capped", offered="12.00",
                  payable="12.00", hours="1.50")  # fmt: skip
    cut = dict(base, description="Over the cap", choice="capped", offered="25.00",
               payable="8.00", waived="17.00")  # fmt: skip
    groups = [_group([within, cut], "2026-01-01", "2026-01-31")]
    text = read.text(
        _render("benefits_advisor", fees=[within, cut], fee_groups=groups, choices=["capped"])
    )

    role = "(Service design panel)"
    assert f"Within the cap {role} 1.5 hours £12.00 Full fee (within the amount they" in text
    assert f"Over the cap {role} hours not recorded £25.00 Cut to the limit they chose" in text
    assert "so some fees were cut" in text


def test_a_capped_choice_that_cut_nothing_does_not_say_fees_were_cut() -> None:
    base = snapshot_dict()["fees"][0]
    within = dict(base, choice="capped", offered="12.00", payable="12.00")
    groups = [_group([within], "2026-01-01", "2026-01-31")]
    text = read.text(
        _render("benefits_advisor", fees=[within], fee_groups=groups, choices=["capped"])
    )

    assert "Cut to" not in text and "so some fees were cut" not in text
    assert "no fee was cut" in text


def test_text_from_the_organisation_is_escaped_and_a_bad_colour_is_ignored() -> None:
    data = snapshot_dict()
    data["organisation"]["letterhead_colour"] = "red; } body { display: none"
    data["organisation"]["description"] = "<script>alert(1)</script> & friends"

    html = letter_html(snapshot=data, reference=REFERENCE, kind="benefits_advisor", dated=DATED)

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends" in html
    assert "display: none" not in html
    assert "#1d4f91" in html
