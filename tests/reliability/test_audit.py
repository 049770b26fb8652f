"""`make audit` (issue 14, point 12): fails on a known vulnerability, and says plainly when no
vulnerability database could be reached instead of reporting a clean result."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ci_audit", ROOT / ".ci" / "audit.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["ci_audit"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-2025-1"}]},
        {"name": "celery", "version": "5.5.0", "vulns": []},
    ]
}
ALL_SKIPPED = {
    "dependencies": [
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"},
        {"name": "celery", "skip_reason": "Dependency not found on PyPI and could not be audited"},
    ]
}


def test_a_known_vulnerability_is_reported_with_its_id() -> None:
    outcome = _audit().classify_pip_audit(1, json.dumps(VULNERABLE), "", "python/pypi")

    assert outcome.kind == "vulnerable"
    assert "django 5.2.0: PYSEC-2025-1" in outcome.message


def test_no_package_looked_up_is_unreachable_not_clean() -> None:
    outcome = _audit().classify_pip_audit(0, json.dumps(ALL_SKIPPED), "", "python/pypi")

    assert outcome.kind == "unreachable"
    assert "vulnerability database unreachable" in outcome.message


def test_a_connection_failure_is_unreachable() -> None:
    stderr = "requests.exceptions.ConnectionError: Max retries exceeded with url: /v1/query"

    outcome = _audit().classify_pip_audit(1, "", stderr, "python/osv")

    assert outcome.kind == "unreachable"


def test_npm_vulnerabilities_and_an_unreachable_registry() -> None:
    audit = _audit()
    found = {"metadata": {"vulnerabilities": {"low": 0, "high": 2, "total": 2}}}
    offline = {"error": {"code": "ENOTFOUND", "summary": "request failed"}}

    assert audit.classify_npm_audit(1, json.dumps(found), "").kind == "vulnerable"
    assert audit.classify_npm_audit(1, json.dumps(offline), "").kind == "unreachable"


def _run_with_fake_pip_audit(
    tmp_path: Path, report: Mapping[str, object]
) -> subprocess.CompletedProcess[str]:
    fake = tmp_path / "pip-audit"
    fake.write_text(f"#!/bin/sh\necho '{json.dumps(report)}'\nexit 1\n")
    fake.chmod(0o755)
    return subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "audit.py")],
        env={**os.environ, "PIP_AUDIT": str(fake)},
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def test_make_audit_fails_on_a_known_vulnerability(tmp_path: Path) -> None:
    run = _run_with_fake_pip_audit(tmp_path, VULNERABLE)

    assert run.returncode == 1, run.stdout + run.stderr
    assert "PYSEC-2025-1" in run.stdout


def test_make_audit_passes_but_says_so_when_the_database_is_unreachable(tmp_path: Path) -> None:
    run = _run_with_fake_pip_audit(tmp_path, ALL_SKIPPED)

    assert run.returncode == 0, run.stdout + run.stderr
    assert "vulnerability database unreachable" in run.stdout
    assert "no known vulnerabilities" not in run.stdout.lower().replace("database", "")
