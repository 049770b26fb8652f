"""Django serves the built web app: its routes answer with index.html, its hashed assets are
cached for a year, and the API, admin and letter checking keep their own answers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

APP_ROUTES = [
    "/",
    "/me/",
    "/me/alerts",
    "/letters/1/",
    "/opportunities/",
    "/opportunities/12/",
    "/organisations/3/",
    "/about/payments-and-benefits",
    "/sign-in",
    "/register",
    "/sign-out",
    "/session-ended",
    "/about/payments",
    "/password-reset",
    "/reset-password/MQ/abc-123/",
    "/confirm-email/MQ/abc-123",
    "/change-password",
    "/sign-in/code",
    "/opportunities/12/apply",
]


def _built_dist() -> Path:
    dist = Path(settings.FRONTEND_DIST_DIR)
    assert (dist / "index.html").is_file(), "build the web app first: `make frontend`"
    return dist


@pytest.mark.parametrize("path", APP_ROUTES)
def test_app_routes_answer_with_the_built_index_never_cached(client: Client, path: str) -> None:
    index = (_built_dist() / "index.html").read_bytes()

    response = client.get(path)

    assert response.status_code == 200
    assert response.content == index
    assert "no-cache" in response["Cache-Control"]
    assert "csrftoken" in response.cookies


def test_the_built_index_loads_nothing_from_another_site() -> None:
    index = (_built_dist() / "index.html").read_text()

    assert "http://" not in index and "https://" not in index
    assert '<div id="root">' in index


def test_hashed_assets_are_served_and_cached_for_a_year(client: Client) -> None:
    asset = next((_built_dist() / "assets").glob("index-*.js"))

    response = client.get(f"/assets/{asset.name}")

    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]


def test_an_unbuilt_app_says_how_to_build_it(client: Client, settings: Any, tmp_path: Path) -> None:
    settings.FRONTEND_DIST_DIR = tmp_path

    response = client.get("/me/")

    assert response.status_code == 503
    assert b"make run" in response.content


@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/nothing/"])
def test_unknown_api_addresses_stay_json_404s(client: Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "code": "not_found", "fields": {}}


def test_letter_checking_and_admin_keep_their_own_pages(client: Client) -> None:
    assert b"Letter reference" in client.get("/verify/").content
    assert client.get("/admin/login/").status_code == 200


def test_a_file_name_under_an_app_route_is_not_the_app(client: Client) -> None:
    assert client.get("/me/secrets.txt").status_code == 404


def test_public_base_url_defaults_to_the_address_make_run_serves() -> None:

    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='coproduce.settings.base';"
        "from django.conf import settings; print(settings.PUBLIC_BASE_URL)"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{settings.BACKEND_DIR}", "PORT": "8123"}
    env["COPRODUCE_VAR_DIR"] = str(settings.VAR_DIR)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)

    assert out.stdout.strip() == "http://127.0.0.1:8123", out.stderr
