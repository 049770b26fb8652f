"""Threshold rules are data: a versioned file in the repository, loaded into the database."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction

from coproduce.api.errors import ApplicationError
from coproduce.money import MoneyError, money
from periods import PeriodKind
from thresholds.models import AppliesBy, Benefit, RuleStatus, ThresholdRule
from thresholds.signals import rules_changed

RULES_FILE = Path(__file__).resolve().parent / "data" / "threshold_rules.json"

RULE_FIELDS = [
    "title",
    "benefit",
    "purpose",
    "consequence",
    "limit",
    "period_kind",
    "effective_to",
    "applies_by",
    "vouchers_count",
    "status",
    "source_title",
    "source_url",
    "note",
    "published_for_tax_year",
    "data_version",
]


@dataclass(frozen=True)
class LoadResult:
    data_version: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    changed_codes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


class RulesFileError(ApplicationError):
    pass


def _date(value: Any, *, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise RulesFileError(f"{where}: {value!r} is not a date like 2026-04-06.") from exc


def _choice(value: Any, allowed: list[str], *, where: str) -> str:
    if value not in allowed:
        raise RulesFileError(f"{where}: {value!r} is not one of {', '.join(allowed)}.")
    return str(value)


def rule_rows_parse(data: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """Check the contents of a rules file and turn each rule into model field values."""
    version = str(data.get("data_version") or "")
    if not version:
        raise RulesFileError("The rules file has no data_version.")
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, date]] = set()
    for index, raw in enumerate(data.get("rules") or []):
        where = f"rule {index + 1} ({raw.get('code', 'no code')})"
        for required in ("code", "title", "purpose", "consequence", "source_title", "source_url"):
            if not str(raw.get(required) or "").strip():
                raise RulesFileError(f"{where}: {required} is missing.")
        effective_from = _date(raw.get("effective_from"), where=where)
        if effective_from is None:
            raise RulesFileError(f"{where}: effective_from is missing.")
        effective_to = _date(raw.get("effective_to"), where=where)
        if effective_to is not None and effective_to < effective_from:
            raise RulesFileError(f"{where}: effective_to is before effective_from.")
        try:
            limit: Decimal = money(str(raw.get("limit")))
        except MoneyError as exc:
            raise RulesFileError(f"{where}: {exc}") from exc
        if not str(raw["source_url"]).startswith("https://"):
            raise RulesFileError(f"{where}: source_url must be an https:// address.")
        key = (str(raw["code"]), effective_from)
        if key in seen:
            raise RulesFileError(f"{where}: the same code and effective_from appear twice.")
        seen.add(key)
        rows.append(
            {
                "code": str(raw["code"]),
                "effective_from": effective_from,
                "title": str(raw["title"]),
                "benefit": _choice(raw.get("benefit"), Benefit.values, where=where),
                "purpose": str(raw["purpose"]),
                "consequence": str(raw["consequence"]),
                "limit": limit,
                "period_kind": _choice(
                    raw.get("period_kind"), [kind.value for kind in PeriodKind], where=where
                ),
                "effective_to": effective_to,
                "applies_by": _choice(
                    raw.get("applies_by", AppliesBy.PAYMENT_DATE), AppliesBy.values, where=where
                ),
                "vouchers_count": bool(raw.get("vouchers_count", True)),
                "status": _choice(raw.get("status"), RuleStatus.values, where=where),
                "source_title": str(raw["source_title"]),
                "source_url": str(raw["source_url"]),
                "note": str(raw.get("note") or ""),
                "published_for_tax_year": str(raw.get("published_for_tax_year") or ""),
                "data_version": version,
            }
        )
    if not rows:
        raise RulesFileError("The rules file has no rules.")
    return version, rows


def rules_file_read(*, path: Path | None = None) -> dict[str, Any]:
    with (path or RULES_FILE).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def rule_rows_apply(
    *, model: type[models.Model], version: str, rows: list[dict[str, Any]]
) -> LoadResult:
    """Create or bring up to date one row per (code, effective_from). Rows the file does not
    mention are left alone, so a rule added in the admin is never deleted by a reload. Works
    with the historical model inside a migration too."""
    created = updated = unchanged = 0
    changed_codes: set[str] = set()
    manager = model._default_manager
    # An older migration's model may not have every field yet.
    known = {f.name for f in model._meta.get_fields()}
    fields = [name for name in RULE_FIELDS if name in known]
    for row in rows:
        values = {name: row[name] for name in fields}
        existing = (
            manager.select_for_update()
            .filter(code=row["code"], effective_from=row["effective_from"])
            .first()
        )
        if existing is None:
            manager.create(code=row["code"], effective_from=row["effective_from"], **values)
            created += 1
            changed_codes.add(row["code"])
            continue
        changed = [name for name in fields if getattr(existing, name) != values[name]]
        if changed:
            for name in changed:
                setattr(existing, name, values[name])
            existing.save()
            updated += 1
            changed_codes.add(row["code"])
        else:
            unchanged += 1
    return LoadResult(version, created, updated, unchanged, sorted(changed_codes))


@transaction.atomic
def threshold_rules_load(*, path: Path | None = None) -> LoadResult:
    """Load the rules file (by default the one in the repository). Safe to run again: a second
    run creates and changes nothing."""
    version, rows = rule_rows_parse(rules_file_read(path=path))
    result = rule_rows_apply(model=ThresholdRule, version=version, rows=rows)
    if result.changed_codes:
        codes = list(result.changed_codes)
        transaction.on_commit(lambda: rules_changed.send(sender=ThresholdRule, codes=codes))
    return result
