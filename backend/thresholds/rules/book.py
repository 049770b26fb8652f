"""The rule book: which threshold row is in force on a day, and the figure a period is judged by.

Every rule row, loaded from ``ThresholdRule`` once per process and kept (``rule_book()``) until
a rule changes: saving or deleting a rule, loading the rules file or migrating forgets the
process's copy and the shared version key in the cache, so every other process loads the rules
again on its next evaluation. The ledger (``payments.ledger``) supplies each contributor's
calendar."""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction

from payments.ledger import Calendar
from periods import Period, PeriodKind, period_containing

from ..models import ThresholdRule

logger = logging.getLogger(__name__)

# The shared version of the rules: any process whose copy was loaded under another version (or
# none: the key was forgotten, evicted or the cache restarted) loads the rules again.
VERSION_KEY = "thresholds:rules-version"


def tax_year_label(day: date) -> str:
    start = period_containing(PeriodKind.TAX_YEAR, day).start
    return f"{start.year}/{str(start.year + 1)[-2:]}"


@dataclass(frozen=True)
class Figure:
    """A rule row as it applies to one period, with how sure we are of it there."""

    rule: ThresholdRule
    period: Period
    carried_forward: bool  # the period is past the tax year the figure was published for

    @property
    def status(self) -> str:
        return "estimated" if self.carried_forward else self.rule.status

    @property
    def status_note(self) -> str:
        if self.carried_forward:
            return f"carried forward, not yet confirmed for {tax_year_label(self.period.start)}"
        return self.rule.status


class RuleBook:
    """Every rule row, loaded once, answering which figure applies to a period."""

    def __init__(self, rules: Iterable[ThresholdRule]) -> None:
        self.by_code: dict[str, list[ThresholdRule]] = defaultdict(list)
        for rule in rules:
            self.by_code[rule.code].append(rule)
        for rows in self.by_code.values():
            rows.sort(key=lambda r: r.effective_from, reverse=True)

    @classmethod
    def load(cls) -> RuleBook:
        return cls(ThresholdRule.objects.all())

    def limits(self) -> set[Decimal]:
        """Every figure any rule has, in any year."""
        return {rule.limit for rows in self.by_code.values() for rule in rows}

    def in_force(self, code: str, on: date) -> ThresholdRule | None:
        for rule in self.by_code.get(code, []):
            if rule.effective_from <= on and (rule.effective_to is None or rule.effective_to >= on):
                return rule
        return None

    def figure(self, code: str, on: date, calendar: Calendar) -> Figure | None:
        """The figure money counting on ``on`` is judged by, and the whole period it is in:
        the row in force on the first day of that period."""
        rule = self.in_force(code, on)
        if rule is None:
            return None
        period = calendar.period(rule.period_kind, on)
        at_start = self.in_force(code, period.start)
        if at_start is not None and at_start.period_kind == rule.period_kind:
            rule = at_start
        published = rule.published_for_tax_year or ""
        carried = bool(published) and tax_year_label(period.start) > published
        return Figure(rule, period, carried)


# This process's copy: (the shared version it was loaded under, the book).
_loaded: tuple[str, RuleBook] | None = None


def _shared_version() -> str | None:
    """The shared version, made now if there is none; None if the cache cannot be reached."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(VERSION_KEY)
    except Exception:  # noqa: BLE001 - no cache: read the rules from the database every time
        logger.warning("rules: the cache cannot be reached; loading the rules each time")
        return None
    return str(version) if version is not None else None


def rule_book() -> RuleBook:
    """Every rule row, as this process last loaded them, unless a rule changed since."""
    global _loaded
    version = _shared_version()
    found = _loaded
    if version is not None and found is not None and found[0] == version:
        return found[1]
    book = RuleBook.load()
    if version is not None:
        _loaded = (version, book)
    return book


def _forget() -> None:
    global _loaded
    _loaded = None
    try:
        cache.delete(VERSION_KEY)
    except Exception:  # noqa: BLE001 - the cache is unreachable, so nobody is using it
        logger.warning("rules: could not forget the shared rules version")


def rules_forget() -> None:
    """A rule changed: forget the rules now (this process, and the shared version) and again
    once the change commits, so no process keeps a copy read before the commit."""
    _forget()
    transaction.on_commit(_forget)
