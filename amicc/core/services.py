from django.db import transaction
from django.dispatch import Signal

from amicc.core.models import CoalitionDocument
from amicc.core.pdf import extract_pdf_text

# Sent with `document` once its extracted text changed, so pages that attach it reindex.
document_text_extracted = Signal()


def document_extract_text(*, document_id: int) -> int:
    """Store the searchable text of a PDF document; returns the number of characters."""
    document = CoalitionDocument.objects.filter(pk=document_id).first()
    if document is None:
        return 0
    text = ""
    if document.is_pdf:
        with document.open_file() as stream:
            text = extract_pdf_text(stream)
    with transaction.atomic():
        document.extracted_text = text
        document.extracted_from_hash = document.get_file_hash()
        document.save(update_fields=["extracted_text", "extracted_from_hash", "file_hash"])
    document_text_extracted.send(sender=CoalitionDocument, document=document)
    return len(text)
