"""The letterhead colour: letters print the organisation's name and headings in it on white."""

from __future__ import annotations

import re

from coproduce.api.errors import ApplicationError

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# WCAG 2.2 AA for normal text: the headings and name are read, so they need it.
MIN_CONTRAST = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of ``colour`` (#rrggbb) against white, from 1 to 21."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
    return 1.05 / (luminance + 0.05)


def letterhead_colour_check(colour: str) -> str:
    """The colour in lower case, or a 400 naming the field if it is not one letters can use."""
    if not HEX_COLOUR.fullmatch(colour):
        raise ApplicationError(
            "The letterhead colour is not a colour.",
            fields={"letterhead_colour": ["Enter a colour as # and six hex digits, like #1d4f91."]},
        )
    ratio = contrast_with_white(colour)
    if ratio < MIN_CONTRAST:
        raise ApplicationError(
            "The letterhead colour is too light to read on white paper.",
            fields={
                "letterhead_colour": [
                    f"Choose a darker colour. This one has a contrast of {ratio:.1f} to 1 "
                    f"with white; it needs at least {MIN_CONTRAST:g} to 1."
                ]
            },
        )
    return colour.lower()
