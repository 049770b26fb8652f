"""Money: exact Decimal pounds with two places, parsed, rounded and formatted in one place.

Never a float. Computed amounts (a rate times hours) are rounded half-up to the penny once, here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from rest_framework import serializers

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("100000.00")


class MoneyError(ValueError):
    pass


def money(value: Decimal | str | int) -> Decimal:
    """An exact amount in pounds. Refuses floats and amounts with fractions of a penny."""
    if isinstance(value, float):
        raise MoneyError("Money must not be a float.")
    try:
        amount = Decimal(str(value).strip().removeprefix("£").replace(",", ""))
    except InvalidOperation as exc:
        raise MoneyError(f"Not an amount of money: {value!r}") from exc
    if not amount.is_finite():
        raise MoneyError(f"Not an amount of money: {value!r}")
    if amount != amount.quantize(PENNY):
        raise MoneyError("Amounts can have at most two decimal places (pence).")
    return amount.quantize(PENNY)


def round_pennies(value: Decimal) -> Decimal:
    """Round a computed amount to the penny, halves up (12.345 -> 12.35)."""
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def format_gbp(value: Decimal) -> str:
    """£1,234.50; negative amounts as -£5.00."""
    amount = value.quantize(PENNY)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


class MoneyField(models.DecimalField):
    """Pounds with two decimal places, up to £9,999,999,999.99."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)


class MoneyInput(serializers.DecimalField):
    """A positive amount of money in a request: "25.00" (a JSON number is accepted too)."""

    default_error_messages = {
        "invalid": "Enter an amount of money, like 25.00.",
        "max_decimal_places": "Amounts can have at most two decimal places (pence).",
        "min_value": "Enter an amount of at least £{min_value}.",
        "max_value": "Enter an amount of £{max_value} or less.",
        "max_digits": "Enter an amount of £100,000.00 or less.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", PENNY)
        kwargs.setdefault("max_value", MAX_AMOUNT)
        kwargs.setdefault("coerce_to_string", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, float):
            # A JSON number arrives as float; go through its shortest repr so 25.1 stays 25.10.
            data = repr(data)
        value: Decimal = super().to_internal_value(data)
        return value.quantize(PENNY)


MONEY_VALIDATORS = [MinValueValidator(ZERO), MaxValueValidator(MAX_AMOUNT)]


class MoneyOutput(serializers.DecimalField):
    """An amount of money in a response: a string with two decimal places, "25.00".

    For answers only (output serializers); the schema shows it as a decimal string, exactly as
    the models store it. Not marked read-only, so the schema (and the web app's types) stay as
    they were with the plain ``DecimalField`` it replaces."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("coerce_to_string", True)
        super().__init__(**kwargs)
