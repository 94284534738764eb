"""A batch as Word and PDF, through the bulletins' official-document renderers."""

from __future__ import annotations

from typing import Callable

from yuqing.bulletins.docx_export import layout_docx
from yuqing.bulletins.pdf_export import layout_pdf
from yuqing.forwarding.layout import layout
from yuqing.forwarding.models import Batch

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def batch_docx(batch: Batch) -> bytes:
    return layout_docx(layout(batch))


def batch_pdf(batch: Batch) -> bytes:
    return layout_pdf(layout(batch))


RENDERERS: dict[str, tuple[str, Callable[[Batch], bytes]]] = {"docx": (DOCX, batch_docx), "pdf": ("application/pdf", batch_pdf)}


def file_stem(batch: Batch) -> str:
    return f"报送单-{batch.year}-{batch.number or 'draft'}"
