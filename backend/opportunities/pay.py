"""The fee offered for one attendance under a role's pay offer. Pure: no database."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from coproduce.money import ZERO, round_pennies

from .models import PayUnit

HALF_DAY_HOURS = Decimal(4)
DAY_HOURS = Decimal(8)


def _started_blocks(hours: Decimal, block: Decimal) -> Decimal:
    """How many blocks of ``block`` hours the time touches: 4h -> 1 half day, 4.25h -> 2."""
    return (hours / block).to_integral_value(rounding=ROUND_CEILING)


def offered_fee(
    *, rate: Decimal | None, unit: str, hours: Decimal, first_attendance: bool = True
) -> Decimal:
    """The offered fee in pounds, rounded to the penny.

    * hour: rate x hours;
    * half_day: rate for each started block of up to 4 hours;
    * day: rate for each started block of up to 8 hours;
    * session: rate once for the attendance;
    * fixed: the whole fee on the engagement's first attendance, nothing after.

    An unpaid role (no rate) offers 0.00.
    """
    if hours <= 0:
        raise ValueError("hours must be more than 0")
    if rate is None:
        return ZERO
    if rate < 0:
        raise ValueError("rate must not be negative")
    match unit:
        case PayUnit.HOUR:
            return round_pennies(rate * hours)
        case PayUnit.HALF_DAY:
            return round_pennies(rate * _started_blocks(hours, HALF_DAY_HOURS))
        case PayUnit.DAY:
            return round_pennies(rate * _started_blocks(hours, DAY_HOURS))
        case PayUnit.SESSION:
            return round_pennies(rate)
        case PayUnit.FIXED:
            return round_pennies(rate) if first_attendance else ZERO
    raise ValueError(f"unknown pay unit: {unit!r}")
