"""How gunicorn serves Coproduce: the Procfile (``make run``) and the benchmarks (bench/server.py)
both start it with this file, so the benchmark measures the server as it runs.

Single-threaded (sync) workers, one process per request at a time: the work of a request is
Python, and threads of one process take turns on the interpreter lock, so under load two
processes of four threads answered in two to three times the 95th percentile of four
single-threaded processes on the same two cores (bench/README.md). ``WEB_CONCURRENCY`` sets
the number of processes.
"""

import os

bind = f"127.0.0.1:{os.environ.get('WEB_PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
threads = 1
accesslog = "-"
graceful_timeout = 3
