#!/usr/bin/env python
"""Django's command-line utility for Coproduce."""

import os
import sys
from pathlib import Path


def main() -> None:
    # The Celery application lives in ../workers, beside backend/.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings.base")
    # Imported once the path and the settings module are set, which Django reads on import.
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
