"""`make audit`: known vulnerabilities in the locked dependencies, said honestly.

Python: every package pinned in uv.lock (all groups) is checked with pip-audit, against PyPI's
advisory data and then OSV. Node: `npm audit --omit=dev` in frontend/ when it has a
package-lock.json.

Exit status: 1 when a known vulnerability is found; 0 when none is found *or* no vulnerability
database could be reached, and then it says so ("vulnerability database unreachable") instead
of reporting a clean bill of health. AUDIT_REQUIRE_DATABASE=1 makes an unreachable database
exit 2.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNREACHABLE_MARKERS = (
    "ConnectionError",
    "Max retries exceeded",
    "Name or service not known",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "timed out",
    "ENOTFOUND",
    "ECONNREFUSED",
    "EAI_AGAIN",
    "ETIMEDOUT",
    "audit endpoint returned an error",
)


@dataclass(frozen=True)
class Outcome:
    kind: str  # "clean", "vulnerable", "unreachable", "skipped"
    message: str


def classify_pip_audit(returncode: int, stdout: str, stderr: str, service: str) -> Outcome:
    """What one pip-audit run (``-f json``) found."""
    try:
        report = json.loads(stdout) if stdout.strip() else None
    except json.JSONDecodeError:
        report = None
    if report is None:
        if any(marker in stderr for marker in UNREACHABLE_MARKERS):
            return Outcome("unreachable", f"{service}: vulnerability database unreachable")
        return Outcome("unreachable", f"{service}: pip-audit failed: {stderr.strip()[-300:]}")
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    if vulnerable:
        lines = [
            f"  {d['name']} {d.get('version', '')}: "
            + ", ".join(v.get("id", "?") for v in d["vulns"])
            for d in vulnerable
        ]
        return Outcome("vulnerable", f"{service}: known vulnerabilities:\n" + "\n".join(lines))
    checked = [d for d in dependencies if not d.get("skip_reason")]
    if dependencies and not checked:
        return Outcome(
            "unreachable",
            f"{service}: vulnerability database unreachable (none of {len(dependencies)} "
            "packages could be looked up)",
        )
    skipped = len(dependencies) - len(checked)
    note = f", {skipped} could not be looked up" if skipped else ""
    return Outcome("clean", f"{service}: no known vulnerabilities in {len(checked)} packages{note}")


def classify_npm_audit(returncode: int, stdout: str, stderr: str) -> Outcome:
    try:
        report = json.loads(stdout) if stdout.strip() else {}
    except json.JSONDecodeError:
        report = {}
    error = report.get("error") or {}
    if error or (returncode != 0 and "vulnerabilities" not in report.get("metadata", {})):
        text = json.dumps(error) + stderr
        if any(marker in text for marker in UNREACHABLE_MARKERS) or error:
            return Outcome("unreachable", "npm: vulnerability database unreachable")
    counts = report.get("metadata", {}).get("vulnerabilities", {})
    total = sum(v for k, v in counts.items() if k != "total" and isinstance(v, int))
    if total:
        return Outcome("vulnerable", f"npm: {total} known vulnerabilities: {counts}")
    return Outcome("clean", "npm: no known vulnerabilities")


def audit_python() -> Outcome:
    uv = ROOT / ".tools" / "bin" / "uv"
    requirements = ROOT / "var" / "audit-requirements.txt"
    requirements.parent.mkdir(exist_ok=True)
    exported = subprocess.run(  # noqa: S603 - our own tools, fixed arguments
        [str(uv), "export", "--frozen", "--format", "requirements-txt", "--no-hashes",
         "--all-groups", "--no-emit-project", "-q", "-o", str(requirements)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if exported.returncode != 0:
        return Outcome("unreachable", f"python: could not export uv.lock: {exported.stderr}")
    pip_audit = os.environ.get("PIP_AUDIT", str(ROOT / ".venv" / "bin" / "pip-audit"))
    outcome = Outcome("unreachable", "python: vulnerability database unreachable")
    for service in ("pypi", "osv"):
        run = subprocess.run(  # noqa: S603 - our own tools, fixed arguments
            [pip_audit, "-r", str(requirements), "--no-deps", "--disable-pip", "-f", "json",
             "--progress-spinner", "off", "--timeout", "15", "-s", service],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        outcome = classify_pip_audit(run.returncode, run.stdout, run.stderr, f"python/{service}")
        print(outcome.message)
        if outcome.kind != "unreachable":
            return outcome
    return Outcome("unreachable", "python: vulnerability database unreachable")


def audit_node() -> Outcome:
    frontend = ROOT / "frontend"
    if not (frontend / "package-lock.json").exists():
        return Outcome("skipped", "npm: frontend/ has no package-lock.json; nothing to check")
    npm = shutil.which("npm")
    if npm is None:
        return Outcome("unreachable", "npm: npm is not installed; nothing was checked")
    run = subprocess.run(  # noqa: S603 - our own tools, fixed arguments
        [npm, "audit", "--omit=dev", "--json"],
        cwd=frontend, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return classify_npm_audit(run.returncode, run.stdout, run.stderr)


def main() -> int:
    outcomes = [audit_python(), audit_node()]
    print(outcomes[1].message)
    if any(o.kind == "vulnerable" for o in outcomes):
        for o in outcomes:
            if o.kind == "vulnerable":
                print(o.message)
        print("audit: FAILED, known vulnerabilities found")
        return 1
    if any(o.kind == "unreachable" for o in outcomes):
        print("audit: vulnerability database unreachable; dependencies were NOT checked")
        return 2 if os.environ.get("AUDIT_REQUIRE_DATABASE") == "1" else 0
    print("audit: no known vulnerabilities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
