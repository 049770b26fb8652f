from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from core.demo import demo_seed, demo_two_factor_code, demo_two_factor_secret


class Command(BaseCommand):
    help = "Load the demo organisations, staff and contributors (safe to run again)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--url", default="", help="Where the system runs, to print.")
        parser.add_argument(
            "--two-factor-code",
            action="store_true",
            help="Only print the demo two-factor code for now (demo staff sign-ins).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["two_factor_code"]:
            self.stdout.write(demo_two_factor_code())
            return
        password = settings.DEMO_PASSWORD
        sign_ins = demo_seed(password=password)
        if options["url"]:
            self.stdout.write(self.style.SUCCESS(f"\nCoproduce is starting at {options['url']}"))
        self.stdout.write(f"\nDemo sign-ins (password: {password}):")
        width = max(len(s.email) for s in sign_ins)
        for sign_in in sign_ins:
            marker = " *" if sign_in.two_factor else ""
            self.stdout.write(f"  {sign_in.email.ljust(width)}  {sign_in.who}{marker}")
        self.stdout.write(
            "\n* signs in with a two-factor code as well. DEMO ONLY: add the secret "
            f"{demo_two_factor_secret()} to an authenticator app, or get the current code with\n"
            "  .venv/bin/python backend/manage.py demo_seed --two-factor-code\n"
        )
