"""Object ids as the API reads them from paths, query strings and bodies.

An id is a whole number the database can store. A larger one cannot name anything, so it is
answered like any other id that names nothing (a 404 in a path, a 400 naming the field in a query
or body) instead of overflowing inside the database driver.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from rest_framework import serializers

# The largest id the database stores (a signed 64-bit integer in SQLite and PostgreSQL).
MAX_ID = 2**63 - 1


class IdConverter:
    """``<id:...>`` in a URL pattern."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # matches no URL: a 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


class IdFilter(django_filters.NumberFilter):
    """``?organisation=<id>`` and the like."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdField(serializers.IntegerField):
    """An id in a request body."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
