"""The rules in force are kept per process and forgotten when a rule changes: here (the
post_save and post_delete signals) and in any other process (the shared version key)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thresholds.models import ThresholdRule
from thresholds.rules import book as book_module
from thresholds.rules.book import VERSION_KEY, rule_book

pytestmark = pytest.mark.django_db

ON = date(2026, 11, 23)


def _esa_lower() -> ThresholdRule:
    rule = rule_book().in_force("esa_pw_lower", ON)
    assert rule is not None
    return rule


def _change_limit_behind_our_back(rule: ThresholdRule, limit: Decimal) -> None:
    """What another process's save does to the row, without this process hearing of it."""
    with connection.cursor() as cursor:
        cursor.execute(
            'UPDATE thresholds_thresholdrule SET "limit" = %s WHERE id = %s', [limit, rule.pk]
        )


def test_the_rules_are_read_from_the_database_once() -> None:
    first = rule_book()
    with CaptureQueriesContext(connection) as queries:
        again = rule_book()
    assert again is first
    assert queries.captured_queries == []


def test_saving_a_rule_here_is_seen_at_once() -> None:
    before = _esa_lower().limit
    row = ThresholdRule.objects.get(pk=_esa_lower().pk)
    row.limit = before + Decimal("1.00")
    row.save()
    assert _esa_lower().limit == before + Decimal("1.00")


def test_deleting_a_rule_here_is_seen_at_once() -> None:
    assert rule_book().in_force("carers_allowance", ON) is not None
    ThresholdRule.objects.filter(code="carers_allowance").delete()  # sends post_delete per row
    assert rule_book().in_force("carers_allowance", ON) is None


def test_a_rule_changed_by_another_process_is_seen_through_the_shared_version() -> None:
    before = _esa_lower()
    # Another process saves the rule: the row changes (no signal here) and its receiver
    # forgets the shared version (not this process's copy).
    _change_limit_behind_our_back(before, before.limit + Decimal("2.00"))
    assert _esa_lower().limit == before.limit  # this process still has its copy
    cache.delete(VERSION_KEY)
    assert _esa_lower().limit == before.limit + Decimal("2.00")


def test_without_the_cache_the_rules_are_read_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    def unreachable(*args: object, **kwargs: object) -> None:
        raise ConnectionError("no cache")

    monkeypatch.setattr(book_module.cache, "get", unreachable)
    rule = _esa_lower()
    _change_limit_behind_our_back(rule, rule.limit + Decimal("3.00"))
    with CaptureQueriesContext(connection) as queries:
        assert _esa_lower().limit == rule.limit + Decimal("3.00")
    assert len(queries.captured_queries) == 1


def test_a_bulk_update_here_is_seen_at_once() -> None:
    rule = _esa_lower()
    ThresholdRule.objects.filter(pk=rule.pk).update(limit=rule.limit + Decimal("4.00"))
    cache.set(VERSION_KEY, "kept by another process")  # only this process's copy is forgotten
    assert _esa_lower().limit == rule.limit + Decimal("4.00")
