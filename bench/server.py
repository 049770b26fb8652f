"""gunicorn on loopback as the Procfile runs it (backend/gunicorn.conf.py), with the benchmark's
settings (bench.settings: the baseline view's URLconf), for the HTTP and fee benchmarks."""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

from bench.common import PORT, ROOT


@contextlib.contextmanager
def gunicorn(port: int = PORT) -> Iterator[str]:
    log = open(ROOT / "var" / "bench-gunicorn.log", "w")  # noqa: SIM115
    env = {**os.environ, "WEB_PORT": str(port), "NUM_PROXIES": "0"}
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "coproduce.wsgi",
            "--config",
            "gunicorn.conf.py",
        ],
        cwd=ROOT / "backend",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/v1/health/", timeout=5):  # noqa: S310
                    break
            except urllib.error.HTTPError:
                break  # answering (503 without a worker is fine here)
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
