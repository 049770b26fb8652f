"""The rule book: which threshold row is in force on a day, and the figure a period is judged by.

Loaded once per evaluation or sweep from ``ThresholdRule``; the ledger (``payments.ledger``)
supplies each contributor's calendar."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from payments.ledger import Calendar
from periods import Period, PeriodKind, period_containing

from ..models import ThresholdRule


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
