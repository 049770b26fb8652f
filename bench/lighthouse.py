"""Lighthouse accessibility and performance (desktop preset) for pages of a running server.

    make run                                   # in another terminal
    .venv/bin/python bench/lighthouse.py [--base-url http://127.0.0.1:8000]

Runs lighthouse@12.2.3 from frontend/node_modules with Debian's chromium. Pages that need a
session sign in first as a demo contributor (DEMO_PASSWORD). Targets (issue 10):
accessibility 100 and performance at least 95. Add pages to PAGES as they are built.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "frontend" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)
DEMO_CONTRIBUTOR = "esa@contributors.demo.test"
TARGETS = {"accessibility": 100, "performance": 95}


@dataclass(frozen=True)
class PageToMeasure:
    path: str
    name: str
    signed_in: bool = False


PAGES = [
    PageToMeasure("/", "Home"),
    PageToMeasure("/sign-in", "Sign in"),
    PageToMeasure("/register", "Create an account"),
    PageToMeasure("/opportunities", "Role search"),
    PageToMeasure("/opportunities/{first_role}", "Role detail"),
    PageToMeasure("/about/payments", "Payments and benefits"),
    PageToMeasure("/me/", "Contributor dashboard", signed_in=True),
    PageToMeasure("/me/earnings", "Your earnings", signed_in=True),
]


def first_role_id(base_url: str) -> int:
    """The first open role the search shows (ids differ between databases)."""
    url = f"{base_url}/api/v1/opportunities/?page_size=1"
    with urllib.request.urlopen(url) as response:  # noqa: S310  # main() allows only http(s)
        return int(json.load(response)["results"][0]["id"])


def session_cookie(base_url: str, email: str, password: str) -> str:
    """Sign in through the API as the browser would and return the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base_url}/api/v1/auth/csrf/") as response:
        token = json.load(response)["csrf_token"]
    request = urllib.request.Request(  # noqa: S310  # main() allows only http(s) URLs
        f"{base_url}/api/v1/auth/login/",
        data=json.dumps({"email": email, "password": password}).encode(),
        headers={"Content-Type": "application/json", "X-CSRFToken": token, "Referer": base_url},
        method="POST",
    )
    opener.open(request).close()
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def measure(url: str, cookie: str | None) -> dict[str, int]:
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
        if cookie:
            command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
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
    args = parser.parse_args()
    base_url = args.base_url.rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        parser.error("--base-url must be an http(s) address")
    if not LIGHTHOUSE.exists():
        print("Install the web app's packages first: make frontend", file=sys.stderr)
        return 2

    cookie: str | None = None
    failed = False
    print(f"{'page':<28} {'path':<14} accessibility  performance")
    for page in PAGES:
        if page.signed_in and cookie is None:
            cookie = session_cookie(base_url, DEMO_CONTRIBUTOR, args.password)
        path = page.path
        if "{first_role}" in path:
            path = path.replace("{first_role}", str(first_role_id(base_url)))
        scores = measure(base_url + path, cookie if page.signed_in else None)
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
