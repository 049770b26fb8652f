from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.letters.conftest import ledger, scene  # noqa: F401 - shared fixtures
from tests.payments.conftest import contributor, northfield, prefer, southdown  # noqa: F401 - shared fixtures
from workers.celery import app

# Nothing listens on port 1: connecting fails at once, as with a stopped Redis.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def _forget_broker_connections() -> None:
    # Connections made for the previous broker URL must not be reused.
    setattr(app, "_pool", None)  # noqa: B010 - private, not in the stubs
    setattr(app.amqp, "_producer_pool", None)  # noqa: B010 - private, not in the stubs


@pytest.fixture
def broker_down() -> Iterator[None]:
    """Tasks go to a real broker that cannot be reached (not run in-process)."""
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    _forget_broker_connections()
    app.conf["broker_url"] = UNREACHABLE_REDIS
    app.conf["task_always_eager"] = False
    try:
        yield
    finally:
        app.conf["broker_url"], app.conf["task_always_eager"] = saved
        _forget_broker_connections()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """schemathesis (marker ``fuzz``) takes minutes: it runs in CI's own fuzz step
    (``pytest -m fuzz``), not in every ``make test``."""
    if "fuzz" in (config.option.markexpr or ""):
        return
    kept = [item for item in items if item.get_closest_marker("fuzz") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
