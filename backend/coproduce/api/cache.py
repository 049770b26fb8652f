"""The cache behind the API's rate limits, failing open when Redis is down.

Rate limits (sign-in, registration, letter checks) count requests in the cache. If Redis cannot
be reached, a request must still be served rather than answer 500: reads find nothing and
writes are dropped, so every limit lets requests through until Redis is back, and each failure
is logged as a warning. Sign-in still checks the password and account lockout.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Give up on an unreachable Redis quickly: a request waits at most this long for it.
SOCKET_TIMEOUT_SECONDS = 0.5


class FailOpenRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(server, {**params, "OPTIONS": options})

    def _fail_open(self, operation: str, call: Callable[[], T], fallback: T) -> T:
        try:
            return call()
        except RedisError as exc:
            logger.warning(
                "cache unavailable (%s: %s); rate limits are not being applied",
                operation,
                exc,
            )
            return fallback

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._fail_open(
            "add", lambda: super(FailOpenRedisCache, self).add(key, value, timeout, version), True
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._fail_open(
            "get", lambda: super(FailOpenRedisCache, self).get(key, default, version), default
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._fail_open(
            "set", lambda: super(FailOpenRedisCache, self).set(key, value, timeout, version), None
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._fail_open(
            "touch", lambda: super(FailOpenRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._fail_open(
            "delete", lambda: super(FailOpenRedisCache, self).delete(key, version), False
        )

    def get_many(self, keys: Iterable[Any], version: Any = None) -> dict[Any, Any]:
        return self._fail_open(
            "get_many", lambda: super(FailOpenRedisCache, self).get_many(keys, version), {}
        )

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._fail_open(
            "has_key", lambda: super(FailOpenRedisCache, self).has_key(key, version), False
        )

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        return self._fail_open(
            "incr", lambda: super(FailOpenRedisCache, self).incr(key, delta, version), delta
        )

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> list[Any]:
        return self._fail_open(
            "set_many", lambda: super(FailOpenRedisCache, self).set_many(data, timeout, version), []
        )

    def delete_many(self, keys: Iterable[Any], version: Any = None) -> None:
        self._fail_open(
            "delete_many", lambda: super(FailOpenRedisCache, self).delete_many(keys, version), None
        )

    def clear(self) -> None:
        self._fail_open("clear", lambda: super(FailOpenRedisCache, self).clear(), None)
