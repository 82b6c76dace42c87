"""Documents rendered per second, to DOCX and to PDF, against a one-line template in the same run.

    .venv/bin/python bench/documents.py [--seconds 3]

The baseline is the same pipeline (docxtpl, then the DOCX-to-HTML conversion and WeasyPrint)
on a template of one line, so the ratio says what the official layout costs on this machine.
No database: rendering is a pure function of the template and the context.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import django
from django.conf import settings

settings.configure(USE_I18N=False, INSTALLED_APPS=[])
django.setup()

from docx import Document  # noqa: E402

from tegak.documents.builtin import builtin_template  # noqa: E402
from tegak.documents.kinds import KINDS  # noqa: E402
from tegak.documents.render import complete_context, docx_to_pdf, render_docx  # noqa: E402
from tegak.documents.samples import sample_context  # noqa: E402


def one_line_template() -> bytes:
    document = Document()
    document.add_paragraph("Nomor {{ document.number }}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rate(work: Callable[[int], object], seconds: float) -> tuple[float, int]:
    """Calls per second over at least `seconds` (and at least 5 calls)."""
    count, start = 0, time.perf_counter()
    while True:
        work(count)
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds and count >= 5:
            return count / elapsed, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    seconds = parser.parse_args().seconds
    kinds = list(KINDS)
    contexts = {kind: complete_context(kind, sample_context(kind)) for kind in kinds}
    templates = {kind: builtin_template(kind) for kind in kinds}
    baseline_template = one_line_template()
    baseline_context = complete_context("surat_panggilan_1", sample_context("surat_panggilan_1"))
    docx_to_pdf(render_docx(baseline_template, baseline_context))  # warm-up: WeasyPrint, fonts

    def baseline_docx(_index: int) -> bytes:
        return render_docx(baseline_template, baseline_context)

    def baseline_pdf(_index: int) -> bytes:
        return docx_to_pdf(render_docx(baseline_template, baseline_context))

    def official_docx(index: int) -> bytes:
        kind = kinds[index % len(kinds)]
        return render_docx(templates[kind], contexts[kind])

    def official_pdf(index: int) -> bytes:
        kind = kinds[index % len(kinds)]
        return docx_to_pdf(render_docx(templates[kind], contexts[kind]))

    results = {}
    for name, work in (
        ("one-line template -> DOCX", baseline_docx),
        ("official documents -> DOCX", official_docx),
        ("one-line template -> PDF", baseline_pdf),
        ("official documents -> PDF", official_pdf),
    ):
        results[name] = rate(work, seconds)
        per_second, count = results[name]
        print(f"{name:30s} {per_second:8.1f} per second ({count} rendered)")
    docx_ratio = results["official documents -> DOCX"][0] / results["one-line template -> DOCX"][0]
    pdf_ratio = results["official documents -> PDF"][0] / results["one-line template -> PDF"][0]
    print(f"ratio official/one-line, DOCX: {docx_ratio:.2f}")
    print(f"ratio official/one-line, PDF:  {pdf_ratio:.2f}")


if __name__ == "__main__":
    main()
