"""Dates as the API reads them from request bodies and query strings."""

from __future__ import annotations

from datetime import date
from typing import Any

from rest_framework import serializers

# The dates the service works with. Far outside them a week, month or tax year around the date
# runs past the first or last date Python has (years 1 and 9999).
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
OUT_OF_RANGE = "Enter a date between 1900 and 2999."


class DayField(serializers.DateField):
    """A date in the years the service works with."""

    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def to_internal_value(self, value: Any) -> date:
        day = super().to_internal_value(value)
        if not EARLIEST <= day <= LATEST:
            self.fail("out_of_range")
        return day
