from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from thresholds.rules.services import threshold_rules_load


class Command(BaseCommand):
    help = "Load the threshold rules file into the database (safe to run again)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--path", default="", help="A rules file other than the built-in one.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"]) if options["path"] else None
        result = threshold_rules_load(path=path)
        self.stdout.write(
            self.style.SUCCESS(
                f"Threshold rules {result.data_version}: {result.created} added, "
                f"{result.updated} updated, {result.unchanged} unchanged."
            )
        )
