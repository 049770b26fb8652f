"""Role text is plain text: HTML and script tags are refused, never stored or cleaned."""

from __future__ import annotations

import re

from rest_framework import serializers

# A tag opening (<b>, </p>, <script ...>, <!-- , <img/src=...>): "<" then a letter, "/" or "!".
_TAG = re.compile(r"<\s*[/!]?\s*[a-zA-Z!]")

HTML_MESSAGE = "Use plain text only. Remove anything that looks like an HTML tag (< and >)."


def contains_html(value: str) -> bool:
    return bool(_TAG.search(value)) or "javascript:" in value.lower()


def plain_text_validator(value: str) -> None:
    if contains_html(value):
        raise serializers.ValidationError(HTML_MESSAGE)


class PlainTextField(serializers.CharField):
    """A CharField that refuses HTML tags with a plain-English field message."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.validators.append(plain_text_validator)
