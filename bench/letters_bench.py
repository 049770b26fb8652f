"""Letters: the full render path against a bare WeasyPrint render of the same HTML.

Renders 100 letters through ``letters.services.letter_render`` (row lock, template, QR code,
WeasyPrint, SHA-256, file write, issue) and, interleaved in the same run, a bare
``weasyprint.HTML(string=...).write_pdf()`` of exactly the HTML that letter produces. Prints the
median milliseconds per letter for both, their ratio (target < 1.2) and the PDF size (target
< 150 KB).

    .venv/bin/python bench/letters_bench.py [--letters 100]

Uses an in-memory SQLite database and a temporary media folder; needs no services.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]
os.environ["DJANGO_SETTINGS_MODULE"] = "coproduce.settings.base"
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from weasyprint import HTML  # noqa: E402

from bench.common import Row, emit  # noqa: E402
from letters import rendering  # noqa: E402
from letters.models import Letter  # noqa: E402
from letters.services import letter_render  # noqa: E402
from tests.factories import ContributorFactory, OrganisationFactory, UserFactory  # noqa: E402
from tests.letters.factories import snapshot_dict  # noqa: E402
from workers.celery import app  # noqa: E402

TARGET_RATIO = 1.2
TARGET_BYTES = 150 * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--size", help="given by bench/run; letters need no seeded data")
    args = parser.parse_args()

    logging.disable(logging.INFO)  # WeasyPrint logs every step at INFO
    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="letters-bench-"))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    app.conf.task_always_eager = True  # the "letter ready" e-mail runs in-process, not queued
    call_command("migrate", verbosity=0)

    organisation = OrganisationFactory.create(signatory_name="Sam Signer", signatory_title="Lead")
    contributor = ContributorFactory.create(full_name="Alex Example")
    requester = UserFactory.create()

    def new_letter() -> Letter:
        return Letter.objects.create(
            kind="benefits_advisor",
            organisation=organisation,
            contributor=contributor,
            period_start=date(2026, 1, 5),
            period_end=date(2026, 1, 25),
            snapshot=snapshot_dict(),
            template_version=rendering.TEMPLATE_VERSION,
            requested_by=requester,
            approved_at=timezone.now(),
            approved_by=requester,
        )

    ours_ms: list[float] = []
    bare_ms: list[float] = []
    sizes: list[int] = []

    def bare(letter: Letter) -> bytes:
        html = rendering.letter_html(
            snapshot=letter.snapshot,
            reference=letter.reference,
            kind=letter.kind,
            dated=timezone.localdate(letter.created_at),
        )
        started = time.perf_counter()
        pdf: bytes = HTML(string=html, base_url=str(settings.BACKEND_DIR)).write_pdf(
            pdf_variant=rendering.PDF_VARIANT
        )
        bare_ms.append((time.perf_counter() - started) * 1000)
        return pdf

    # Warm up both paths (fonts, fontconfig cache, templates) before measuring.
    for _ in range(3):
        letter_render(letter_id=new_letter().pk)
        bare(new_letter())
    bare_ms.clear()

    for n in range(args.letters):
        letter = new_letter()
        # Alternate which goes first, so neither always runs on a warmer cache.
        if n % 2:
            bare(letter)
        started = time.perf_counter()
        issued = letter_render(letter_id=letter.pk)
        ours_ms.append((time.perf_counter() - started) * 1000)
        if not n % 2:
            bare(letter)
        assert issued.status == "issued"
        sizes.append(issued.pdf.size)

    ours, baseline = statistics.median(ours_ms), statistics.median(bare_ms)
    ratio = ours / baseline
    largest = max(sizes)
    files = list((Path(settings.MEDIA_ROOT) / "letters").glob("*.pdf"))
    print(f"letters rendered:             {args.letters} (+3 warm-up), {len(files)} files")
    print(f"letter_render median:         {ours:8.1f} ms per letter")
    print(f"bare WeasyPrint median:       {baseline:8.1f} ms per letter (same HTML)")
    print(f"ratio:                        {ratio:8.3f}  (target < {TARGET_RATIO})")
    print(
        f"PDF size:                     {largest / 1024:8.1f} KB largest, "
        f"{statistics.median(sizes) / 1024:.1f} KB median  (target < {TARGET_BYTES // 1024} KB)"
    )
    ok = ratio < TARGET_RATIO and largest < TARGET_BYTES
    print("result:                       " + ("within targets" if ok else "OUTSIDE TARGETS"))
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    emit(
        [
            Row(
                "letters rendered per minute by one worker process (median render)",
                f"{60_000 / ours:.0f} per minute ({ours:.0f} ms each)",
                f"{60_000 / baseline:.0f} per minute bare WeasyPrint ({baseline:.0f} ms)",
                f"{ratio:.2f}x the time",
                f"under {TARGET_RATIO}x",
                ratio < TARGET_RATIO,
            ),
            Row(
                "letter PDF size (largest)",
                f"{largest / 1024:.1f} KB",
                target=f"under {TARGET_BYTES // 1024} KB",
                passed=largest < TARGET_BYTES,
            ),
        ]
    )


if __name__ == "__main__":
    main()
