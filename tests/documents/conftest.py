"""Fixtures and readers for documents tests: text out of DOCX (python-docx) and PDF (pypdf)."""

from __future__ import annotations

import io
import re

import pytest


def docx_text(data: bytes) -> str:
    """Every paragraph of a DOCX, tables included, in document order."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(data))
    texts = [node.text or "" for node in document.element.body.iter(qn("w:t"))]
    return re.sub(r"\s+", " ", " ".join(texts))


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def docx_bytes(*paragraphs: str) -> bytes:
    """A small DOCX with these paragraphs (for template uploads)."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def issue(instansi, examiner):
    """Issue a document of a kind for a subject with the sample context."""
    from tegak.documents.samples import sample_context
    from tegak.documents.services import document_issue

    def _issue(kind="surat_panggilan_1", subject_id="1", actor=None, context=None, **extra):
        return document_issue(
            actor=actor or examiner,
            kind=kind,
            instansi=instansi,
            context=context if context is not None else sample_context(kind),
            subject_type="test.step",
            subject_id=subject_id,
            subject_label="KSS-2022-0007",
            case_key="7",
            **extra,
        )

    return _issue
