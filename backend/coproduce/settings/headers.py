"""Response headers that are the same everywhere: read from no environment variable."""

from __future__ import annotations

from typing import Any

from csp.constants import NONCE, NONE, SELF

# Content-Security-Policy: only this site's own origin. The front end is a Vite build with no
# inline scripts; the API docs use drf-spectacular-sidecar's files from /static/. Server-rendered
# pages with an inline <style> carry the request's nonce.
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
