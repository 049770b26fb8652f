"""The payment-choice rules as pure functions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from payments.choice import ChoiceSpec, decide_fee

D = Decimal


def test_full_choice_pays_the_offered_fee() -> None:
    decision = decide_fee(offered=D("50.00"), spec=ChoiceSpec(choice="full"))

    assert (decision.payable, decision.waived) == (D("50.00"), D("0.00"))


@pytest.mark.parametrize(("offered", "payable"), [("50.00", "20.00"), ("15.00", "15.00")])
def test_reduced_choice_pays_the_lower_of_fee_and_chosen_amount(offered: str, payable: str) -> None:
    decision = decide_fee(
        offered=D(offered), spec=ChoiceSpec(choice="reduced", reduced_amount=D("20.00"))
    )

    assert decision.payable == D(payable)
    assert decision.payable + decision.waived == D(offered)
    assert "£20.00" in decision.reason


@pytest.mark.parametrize(
    ("used", "payable"),
    [("0.00", "20.00"), ("5.00", "15.00"), ("19.99", "0.01"), ("20.00", "0.00"), ("35.00", "0.00")],
)
def test_capped_choice_pays_only_what_is_left_under_the_cap(used: str, payable: str) -> None:
    spec = ChoiceSpec(choice="capped", cap_amount=D("20.00"), cap_period="benefit_week")

    decision = decide_fee(offered=D("25.00"), spec=spec, cap_used=D(used), cap_period_label="week")

    assert decision.payable == D(payable)
    assert decision.waived == D("25.00") - D(payable)


def test_expenses_only_waives_the_whole_fee_by_choice() -> None:
    decision = decide_fee(offered=D("40.00"), spec=ChoiceSpec(choice="expenses_only"))

    assert (decision.payable, decision.waived) == (D("0.00"), D("40.00"))
    assert "expenses only" in decision.reason


def test_donate_pays_the_fee_to_the_named_charity() -> None:
    decision = decide_fee(offered=D("40.00"), spec=ChoiceSpec(choice="donate", charity_name="Mind"))

    assert decision.payable == D("40.00")
    assert decision.donated_to == "Mind"


def test_a_fee_must_be_positive() -> None:
    with pytest.raises(ValueError):
        decide_fee(offered=D("0.00"), spec=ChoiceSpec())
