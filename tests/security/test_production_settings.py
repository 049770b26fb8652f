"""Issue 14 points 8 and 11: headers, cookies and production settings."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'backend'}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "coproduce.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "BANK_DETAILS_KEYS": Fernet.generate_key().decode(),
        **env,
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "backend/manage.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING")

    issues = set(re.findall(r"\(([a-z_]+\.[A-Z]\d+)\)", result.stdout + result.stderr))
    # Schema-generation warnings are tests/test_schema.py's business, not deployment's.
    deployment_issues = {i for i in issues if not i.startswith("drf_spectacular.")}
    assert deployment_issues == set(), result.stdout + result.stderr


@pytest.mark.parametrize("keys", ["", "not-a-fernet-key"])
def test_production_settings_refuse_to_start_without_a_bank_details_key(keys: str) -> None:
    result = _manage("check", BANK_DETAILS_KEYS=keys)

    assert result.returncode != 0
    assert "BANK_DETAILS_KEYS" in result.stderr


def test_production_settings_take_the_bank_details_keys_from_the_environment() -> None:
    new, old = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    script = "from django.conf import settings as s; print(len(s.BANK_DETAILS_KEYS))"

    result = _manage("shell", "-c", script, BANK_DETAILS_KEYS=f"{new},{old}")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == "2"


def test_production_settings_redirect_to_https_and_send_hsts() -> None:
    script = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER,"
        " s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.DEBUG)"
    )
    result = _manage("shell", "-c", script, DJANGO_DEBUG="true", DJANGO_SECURE_COOKIES="false")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == (
        "True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https') True True True False"
    )


def test_cookies_are_secure_by_default_outside_make_run() -> None:
    from coproduce.settings import base

    source = (ROOT / "backend/coproduce/settings/base.py").read_text()
    assert 'env.bool("DJANGO_SECURE_COOKIES", default=True)' in source
    assert base.CSRF_COOKIE_HTTPONLY is True
    assert base.SESSION_COOKIE_HTTPONLY is True
    makefile = (ROOT / "Makefile").read_text()
    assert "DJANGO_SECURE_COOKIES=$${DJANGO_SECURE_COOKIES:-false}" in makefile


def test_the_csrf_cookie_cannot_be_read_by_scripts_and_the_token_comes_from_the_api() -> None:
    browser = Client()

    response = browser.get("/api/v1/auth/csrf/")

    assert response.cookies["csrftoken"]["httponly"] is True
    assert response.json()["csrf_token"]


@pytest.mark.parametrize("path", ["/", "/api/v1/health/", "/verify/", "/admin/login/"])
def test_every_answer_has_a_content_security_policy_of_this_origin_only(path: str) -> None:
    response = Client().get(path)

    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1)[0], part.split(" ", 1)[1] if " " in part else "")
        for part in (p.strip() for p in policy.split(";"))
        if part
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "http" not in policy  # no other origin, no CDN
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_verify_page_style_carries_the_policy_nonce() -> None:
    response = Client().get("/verify/")

    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    assert nonce, response.headers["Content-Security-Policy"]
    assert f'<style nonce="{nonce.group(1)}">' in response.content.decode()
