"""Applying a contributor's payment choice to an offered fee: the rules, as pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from coproduce.money import ZERO, format_gbp

from .models import PaymentChoice, PaymentMethod, choice_values


@dataclass(frozen=True)
class ChoiceSpec:
    """A choice as data, detached from the row it came from."""

    choice: str = PaymentChoice.FULL
    reduced_amount: Decimal | None = None
    cap_amount: Decimal | None = None
    cap_period: str = ""
    charity_name: str = ""
    method: str = PaymentMethod.BANK_TRANSFER
    source: str = "default"  # "default", "preference" or "engagement"

    @classmethod
    def from_row(cls, row: Any, source: str) -> ChoiceSpec:
        """From a PaymentPreference or EngagementPaymentChoice row (None: the full fee)."""
        if row is None:
            return cls()
        return cls(
            choice=row.choice,
            reduced_amount=row.reduced_amount,
            cap_amount=row.cap_amount,
            cap_period=row.cap_period,
            charity_name=row.charity_name,
            method=row.method,
            source=source,
        )

    def as_snapshot(self) -> dict[str, Any]:
        return {**choice_values(self), "source": self.source}


@dataclass(frozen=True)
class FeeDecision:
    payable: Decimal
    waived: Decimal
    reason: str
    donated_to: str = ""


def decide_fee(
    *,
    offered: Decimal,
    spec: ChoiceSpec,
    cap_used: Decimal = ZERO,
    cap_period_label: str = "",
) -> FeeDecision:
    """How much of ``offered`` is payable under ``spec``. ``cap_used`` is what already counts
    against a cap in the fee's cap period, across every organisation."""
    if offered <= ZERO:
        raise ValueError("offered must be positive")
    if spec.choice == PaymentChoice.FULL:
        return FeeDecision(offered, ZERO, "Full fee, as the contributor chose.")
    if spec.choice == PaymentChoice.REDUCED:
        assert spec.reduced_amount is not None  # noqa: S101 - enforced by a constraint
        payable = min(offered, spec.reduced_amount)
        reason = (
            f"The contributor asked to be paid no more than {format_gbp(spec.reduced_amount)} "
            "for each fee."
        )
        return FeeDecision(payable, offered - payable, reason)
    if spec.choice == PaymentChoice.CAPPED:
        assert spec.cap_amount is not None  # noqa: S101 - enforced by a constraint
        headroom = max(ZERO, spec.cap_amount - cap_used)
        payable = min(offered, headroom)
        where = f" for {cap_period_label}" if cap_period_label else ""
        if payable == offered:
            reason = (
                f"Within the contributor's cap of {format_gbp(spec.cap_amount)}{where}: "
                f"{format_gbp(cap_used)} was already counted."
            )
        else:
            reason = (
                "Cut to keep within the contributor's cap of "
                f"{format_gbp(spec.cap_amount)}{where}: {format_gbp(cap_used)} was already "
                f"counted, so {format_gbp(payable)} could be paid."
            )
        return FeeDecision(payable, offered - payable, reason)
    if spec.choice == PaymentChoice.EXPENSES_ONLY:
        return FeeDecision(
            ZERO, offered, "The contributor chose expenses only, so the fee is waived by choice."
        )
    if spec.choice == PaymentChoice.DONATE:
        return FeeDecision(
            offered,
            ZERO,
            f"The contributor asked for the fee to be paid to {spec.charity_name}.",
            donated_to=spec.charity_name,
        )
    raise ValueError(f"unknown choice {spec.choice!r}")
