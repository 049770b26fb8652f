from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.letters.conftest import ledger, scene  # noqa: F401 - shared fixtures
from tests.payments.conftest import contributor, northfield, prefer, southdown  # noqa: F401 - shared fixtures
from workers.celery import app

# Nothing listens on port 1: connecting fails at once, as with a stopped Redis.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def _forget_broker_connections() -> None:
    app._pool = None
    app.amqp._producer_pool = None


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
