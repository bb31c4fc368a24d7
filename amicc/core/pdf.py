"""PDF files: text extraction for search, and simple documents for demo and test content."""

import logging
from typing import BinaryIO

from fpdf import FPDF
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


def pdf_build(*, heading: str, paragraphs: list[str]) -> bytes:
    """A PDF with a heading and the given paragraphs, in a core font."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())
