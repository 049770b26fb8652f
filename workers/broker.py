"""kombu's filesystem transport (the embedded default's broker), with each message written whole
before a worker can see it.

kombu creates a message file under its final name and then writes it. A worker polling the
folder in between takes the empty file, cannot decode it and stops; under ``make run`` honcho
then stops the web server too. So a burst of requests that enqueue tasks could take the whole
system down. Here a message is written under a name the worker skips and renamed into place,
which is atomic.
"""

from __future__ import annotations

import os
import uuid
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    # Same signature as kombu's filesystem Channel, whose stubs name the message differently
    # from the base class's.
    def _put(self, queue: str, payload: dict[str, Any], **kwargs: Any) -> None:  # type: ignore[override]
        # The name kombu gives a message; the worker reads only names ending ".<queue>.msg".
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        path = os.path.join(self.data_folder_out, name)
        partial = f"{path}.part"
        try:
            with open(partial, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(partial, path)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {path!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
