"""Lighthouse accessibility and performance (desktop preset) for pages of a running server.

    make run                                   # in another terminal
    .venv/bin/python bench/lighthouse.py [--base-url http://127.0.0.1:8000]

Runs lighthouse@12.2.3 from frontend/node_modules with Debian's chromium. Pages that need a
session sign in first as a demo contributor, or as Northfield's demo finance officer with the
demo second factor (DEMO_PASSWORD; `manage.py demo_seed` first). Targets (issues 10 and 11):
accessibility 100 and performance at least 95. Add pages to PAGES as they are built.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.cookiejar
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "frontend" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)
DEMO_CONTRIBUTOR = "esa@contributors.demo.test"
DEMO_FINANCE = "finance@northfield.demo.test"
# The demo accounts' published second-factor secret (core/demo.py); never a real account's.
DEMO_TOTP_KEY = b"coproduce-demo-only!"
TARGETS = {"accessibility": 100, "performance": 95}


@dataclass(frozen=True)
class PageToMeasure:
    path: str
    name: str
    signed_in: bool = False
    # Signed in as the demo finance officer, in the organisation workspace.
    finance: bool = False


PAGES = [
    PageToMeasure("/", "Home"),
    PageToMeasure("/sign-in", "Sign in"),
    PageToMeasure("/register", "Create an account"),
    PageToMeasure("/opportunities", "Role search"),
    PageToMeasure("/opportunities/{first_role}", "Role detail"),
    PageToMeasure("/about/payments", "Payments and benefits"),
    PageToMeasure("/me/", "Contributor dashboard", signed_in=True),
    PageToMeasure("/me/earnings", "Your earnings", signed_in=True),
    PageToMeasure("/organisations/{organisation}/", "Organisation overview", finance=True),
    PageToMeasure("/organisations/{organisation}/payments", "Payments", finance=True),
    PageToMeasure(
        "/organisations/{organisation}/payment-runs/{paid_run}", "Payment run", finance=True
    ),
]


def _json(opener: urllib.request.OpenerDirector, url: str) -> Any:
    with opener.open(url) as response:
        return json.load(response)


def _totp(key: bytes, step: int = 30, digits: int = 6) -> str:
    """RFC 6238: the code an authenticator app shows for ``key`` now."""
    counter = struct.pack(">Q", int(time.time()) // step)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"


def first_role_id(base_url: str) -> int:
    """The first open role the search shows (ids differ between databases)."""
    url = f"{base_url}/api/v1/opportunities/?page_size=1"
    with urllib.request.urlopen(url) as response:  # noqa: S310  # main() allows only http(s)
        return int(json.load(response)["results"][0]["id"])


def signed_in_opener(
    base_url: str, email: str, password: str
) -> tuple[urllib.request.OpenerDirector, http.cookiejar.CookieJar]:
    """Sign in through the API as the browser would (with the demo second factor when the
    account asks for one)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(path: str, body: dict[str, str]) -> Any:
        token = _json(opener, f"{base_url}/api/v1/auth/csrf/")["csrf_token"]
        request = urllib.request.Request(  # noqa: S310  # main() allows only http(s) URLs
            f"{base_url}{path}",
            data=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/json",
                "X-CSRFToken": token,
                "Referer": base_url,
            },
            method="POST",
        )
        with opener.open(request) as response:
            return json.load(response)

    answer = post("/api/v1/auth/login/", {"email": email, "password": password})
    if answer.get("two_factor_required"):
        post("/api/v1/auth/login/two-factor/", {"code": _totp(DEMO_TOTP_KEY)})
    return opener, jar


def session_cookie(jar: http.cookiejar.CookieJar) -> str:
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def finance_ids(base_url: str, opener: urllib.request.OpenerDirector) -> dict[str, str]:
    """The demo finance officer's organisation and its latest paid run."""
    organisation = _json(opener, f"{base_url}/api/v1/organisations/")["results"][0]["id"]
    runs = _json(
        opener, f"{base_url}/api/v1/organisations/{organisation}/payment-runs/?status=paid"
    )["results"]
    return {"organisation": str(organisation), "paid_run": str(runs[0]["id"]) if runs else "0"}


SIGNED_IN_SCRIPT = ROOT / "bench" / "lighthouse_signed_in.mjs"


def measure_signed_in(url: str, cookie: str) -> dict[str, int]:
    """Chrome drops a Cookie header given with --extra-headers from the page's own API calls
    (the page would be measured signed out): the cookie goes in the browser's jar instead."""
    command = ["node", str(SIGNED_IN_SCRIPT), url, cookie, CHROMIUM]
    for attempt in range(3):
        done = subprocess.run(
            command, check=attempt == 2, cwd=ROOT / "frontend", capture_output=True, text=True
        )
        if done.returncode == 0:
            break
    scores = json.loads(done.stdout.strip().splitlines()[-1])
    return {name: round(scores[name] * 100) for name in TARGETS}


def measure(url: str, cookie: str | None) -> dict[str, int]:
    if cookie:
        return measure_signed_in(url, cookie)
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--preset=desktop",
            "--only-categories=accessibility,performance",
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        # Lighthouse sometimes loses the page-load trace (NO_NAVSTART) and asks to be run again.
        for attempt in range(3):
            done = subprocess.run(command, check=attempt == 2, env=env, cwd=ROOT / "frontend")
            if done.returncode == 0:
                break
        categories = json.loads(report.read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in TARGETS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
    parser.add_argument("--base-url", default=default_url)
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "coproduce-demo"))
    parser.add_argument(
        "--only", action="append", default=[], help="Only pages whose name contains this"
    )
    args = parser.parse_args()
    base_url = args.base_url.rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        parser.error("--base-url must be an http(s) address")
    if not LIGHTHOUSE.exists():
        print("Install the web app's packages first: make frontend", file=sys.stderr)
        return 2

    cookie: str | None = None
    finance_cookie: str | None = None
    ids: dict[str, str] = {}
    failed = False
    print(f"{'page':<28} {'path':<14} accessibility  performance")
    for page in PAGES:
        if args.only and not any(part.lower() in page.name.lower() for part in args.only):
            continue
        if page.signed_in and cookie is None:
            cookie = session_cookie(signed_in_opener(base_url, DEMO_CONTRIBUTOR, args.password)[1])
        if page.finance and finance_cookie is None:
            opener, jar = signed_in_opener(base_url, DEMO_FINANCE, args.password)
            finance_cookie = session_cookie(jar)
            ids = finance_ids(base_url, opener)
        path = page.path
        if "{first_role}" in path:
            path = path.replace("{first_role}", str(first_role_id(base_url)))
        path = path.format(**ids) if page.finance else path
        sent = finance_cookie if page.finance else cookie if page.signed_in else None
        scores = measure(base_url + path, sent)
        misses = [name for name, target in TARGETS.items() if scores[name] < target]
        failed = failed or bool(misses)
        flag = f"  below target: {', '.join(misses)}" if misses else ""
        print(
            f"{page.name:<28} {path:<14} {scores['accessibility']:>13}"
            f"  {scores['performance']:>11}{flag}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
