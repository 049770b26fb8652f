from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from dataprotection.services import text_pseudonymise

PSEUDONYM = "Former contributor C-7"
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)


@given(name=names, before=st.lists(words, max_size=4), after=st.lists(words, max_size=4))
def test_a_persons_name_never_survives_in_kept_text(
    name: str, before: list[str], after: list[str]
) -> None:
    text = " ".join([*before, name.title(), *after, name.upper()])

    scrubbed = text_pseudonymise(text, names=[name], pseudonym=PSEUDONYM)

    assert not re.search(rf"\b{re.escape(name)}\b", scrubbed.replace(PSEUDONYM, "#"), re.I)


def test_the_longer_name_goes_first_and_other_words_stay() -> None:
    text = "Fee for Alex Example; Alex asked for Alexandra's slot"

    scrubbed = text_pseudonymise(text, names=["Alex", "Alex Example"], pseudonym=PSEUDONYM)

    assert scrubbed == f"Fee for {PSEUDONYM}; {PSEUDONYM} asked for Alexandra's slot"


def test_a_name_that_is_part_of_the_pseudonym_is_replaced_once() -> None:
    scrubbed = text_pseudonymise(
        "Alex Example, former member", names=["Alex Example", "former"], pseudonym=PSEUDONYM
    )

    assert scrubbed == f"{PSEUDONYM}, {PSEUDONYM} member"
