from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from core.demo import demo_seed


class Command(BaseCommand):
    help = "Load the demo organisations, staff and contributors (safe to run again)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--url", default="", help="Where the system runs, to print.")

    def handle(self, *args: Any, **options: Any) -> None:
        password = settings.DEMO_PASSWORD
        sign_ins = demo_seed(password=password)
        if options["url"]:
            self.stdout.write(self.style.SUCCESS(f"\nCoproduce is starting at {options['url']}"))
        self.stdout.write(f"\nDemo sign-ins (password: {password}):")
        width = max(len(s.email) for s in sign_ins)
        for sign_in in sign_ins:
            self.stdout.write(f"  {sign_in.email.ljust(width)}  {sign_in.who}")
        self.stdout.write("")
