"""Reading a rendered letter back: text, tagging, fonts and the QR code."""

from __future__ import annotations

import io
from typing import Any

import pypdf
import pypdfium2 as pdfium
import zxingcpp


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def catalogue(pdf: bytes) -> Any:
    """The document catalogue (/Root), where tagging, language and viewer hints live."""
    return reader(pdf).trailer["/Root"].get_object()


def text(pdf: bytes) -> str:
    """All the text, with runs of whitespace collapsed so table cells read as one line."""
    raw = "\n".join(page.extract_text() or "" for page in reader(pdf).pages)
    return " ".join(raw.split())


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in reader(pdf).pages]


def _descriptor(font: Any) -> Any:
    font = font.get_object()
    if "/FontDescriptor" in font:
        return font["/FontDescriptor"].get_object()
    descendants = font.get("/DescendantFonts")
    if descendants:
        return descendants[0].get_object()["/FontDescriptor"].get_object()
    return None


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font used, by name, and whether its glyphs are embedded in the file."""
    found: dict[str, bool] = {}
    for page in reader(pdf).pages:
        resources: Any = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).get_object().values():
            descriptor = _descriptor(font)
            name = str(font.get_object().get("/BaseFont"))
            found[name] = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return found


def qr_codes(pdf: bytes, *, page: int = 0, dpi: int = 300) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[page].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]
