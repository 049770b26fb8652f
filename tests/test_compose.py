"""No Docker engine runs here, so check that the compose stack agrees with the settings."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = ("web", "worker", "beat")


def _command(service: str) -> str:
    command = SERVICES[service]["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_stack_has_database_broker_web_worker_and_beat() -> None:
    assert set(SERVICES) == {"db", "redis", "web", "worker", "beat"}
    assert SERVICES["db"]["image"].startswith("postgres:")
    assert SERVICES["redis"]["image"].startswith("redis:")


SETTINGS_DIR = ROOT / "backend/coproduce/settings"
# Read by the settings but rightly not passed by the stack, each for a reason.
NOT_FOR_THE_STACK = {
    "COPRODUCE_VAR_DIR": "the image's layout fixes it (/app/var, the media volume)",
    "CELERY_BROKER_DIR": "the embedded broker only; the stack uses Redis",
    "DEMO_PASSWORD": "demo data is for make run only",
    "DJANGO_SECURE_COOKIES": "production settings always use secure cookies",
    "FRONTEND_DIST_DIR": "the image builds the web app into frontend/dist",
}


def _settings_variables() -> set[str]:
    """Every environment variable a settings module reads (env.str("NAME", ...) and kin)."""
    names: set[str] = set()
    for module in SETTINGS_DIR.glob("*.py"):
        names |= set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]*)"', module.read_text()))
    return names


def test_the_stack_passes_every_setting_the_app_reads() -> None:
    read = _settings_variables()
    assert {"PUBLIC_BASE_URL", "DJANGO_CSRF_TRUSTED_ORIGINS", "EMAIL_HOST_PASSWORD"} <= read
    for name in APP_SERVICES:
        passed = set(SERVICES[name]["environment"])
        missing = read - passed - set(NOT_FOR_THE_STACK)
        assert missing == set(), f"{name} does not pass {sorted(missing)}"


def test_the_stack_runs_the_production_settings() -> None:
    for name in APP_SERVICES:
        env = SERVICES[name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "coproduce.settings.production"
        assert env["PUBLIC_BASE_URL"].startswith("${PUBLIC_BASE_URL:?")
    assert (SETTINGS_DIR / "production.py").exists()


def test_app_services_are_built_from_the_dockerfile_with_the_services_environment() -> None:
    settings_source = "".join(m.read_text() for m in SETTINGS_DIR.glob("*.py"))
    for name in APP_SERVICES:
        service = SERVICES[name]
        assert service["build"] == "."
        env = service["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        for variable in env:
            if variable == "DJANGO_SETTINGS_MODULE":
                continue  # read by Django itself, naming the module
            assert f'"{variable}"' in settings_source, f"{variable} is not read by the settings"
        assert set(service["depends_on"]) == {"db", "redis"}
        assert all(dep["condition"] == "service_healthy" for dep in service["depends_on"].values())
    assert (ROOT / "Dockerfile").exists()


def test_commands_match_the_processes_make_run_starts() -> None:
    assert "gunicorn coproduce.wsgi" in _command("web")
    assert "migrate" in _command("web")
    assert re.search(r"celery -A workers\.celery worker", _command("worker"))
    assert re.search(r"celery -A workers\.celery beat", _command("beat"))
    procfile = (ROOT / "Procfile").read_text()
    for process in APP_SERVICES:
        assert re.search(rf"^{process}:", procfile, re.MULTILINE)


def test_stateful_services_keep_data_in_named_volumes_and_have_health_checks() -> None:
    assert {"pgdata", "redisdata"} <= set(COMPOSE["volumes"])
    assert any(v.startswith("pgdata:") for v in SERVICES["db"]["volumes"])
    assert any(v.startswith("redisdata:") for v in SERVICES["redis"]["volumes"])
    for name in ("db", "redis", "web", "worker"):
        assert SERVICES[name]["healthcheck"]["test"], name


def test_no_secret_is_written_into_the_compose_file() -> None:
    for name in APP_SERVICES:
        env = SERVICES[name]["environment"]
        assert env["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY")
    assert SERVICES["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
