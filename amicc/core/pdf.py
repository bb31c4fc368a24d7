"""Text extraction from PDF files, for search."""

import logging
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.errors import PdfReadError

logger = logging.getLogger(__name__)

# Enough for any publication the coalition writes; guards the index against huge files.
MAX_PAGES = 500
MAX_CHARS = 1_000_000


def extract_pdf_text(stream: BinaryIO) -> str:
    """The text of a PDF, page after page; empty when the file cannot be read."""
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        chunks: list[str] = []
        size = 0
        for page in reader.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            chunks.append(text)
            size += len(text)
            if size >= MAX_CHARS:
                break
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        logger.warning("Could not read PDF text: %s", error)
        return ""
    return " ".join(" ".join(chunks).split())[:MAX_CHARS]
