"""The personal data export as one zip file, written to a temporary file (never held whole in
memory, never left on disk: the file has no name and goes when it is closed)."""

from __future__ import annotations

import json
import tempfile
import zipfile
from typing import IO

from django.core.serializers.json import DjangoJSONEncoder

from accounts.models import User

from .selectors import personal_data

DOCUMENT_NAME = "coproduce-data.json"


def personal_data_zip(*, user: User) -> IO[bytes]:
    """A zip of the person's data (JSON) with their letters' PDFs and receipts, rewound."""
    data = personal_data(user=user)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DOCUMENT_NAME, json.dumps(data.document, cls=DjangoJSONEncoder, indent=2))
        for item in data.files:
            archive.write(item.path, arcname=item.name)
    handle.seek(0)
    return handle
