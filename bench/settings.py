"""Settings for the benchmark's server: the project's settings with the benchmark URLconf,
which adds the fixed-body baseline view. Never used outside ``bench/run``."""

from coproduce.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
