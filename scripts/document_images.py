"""Draw the first page of every kind of document as a small PNG for docs/documents.md.

    .venv/bin/python scripts/document_images.py [--out docs/images/documents] [--dpi 50]

Each letter is issued from the case file the tests check (`tests/documents/every_kind.py`: a
case of the fictional Kota Sukamaju that reaches every step) in a throw-away SQLite database under
the test settings, exactly as an official would issue it, then its first page is rasterised with
`pdftoppm` (poppler-utils) in sixteen greys. Kinds for ASN staff are drawn for a PNS; the two kinds for
non-ASN staff only (coaching minutes, sanction letter) for a contract employee. The reporter's
receipt is drawn from the same case's report. Nothing is drawn from real data.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup() -> None:
    sys.path.insert(0, str(ROOT))  # for tests.documents.every_kind
    os.environ["DJANGO_SETTINGS_MODULE"] = "tegak.config.settings_test"
    os.environ.pop("TEGAK_TEST_DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _pdfs() -> dict[str, bytes]:
    """{kind: PDF bytes} for every kind, each issued in a case that is then rolled back."""
    from django.db import transaction

    from tegak.documents.receipts import receipt_pdf
    from tegak.documents.services import document_file
    from tests.documents import every_kind

    found: dict[str, bytes] = {}
    for status in ("PNS", "NON_ASN"):
        with transaction.atomic():
            case_file = every_kind.build(status)
            for kind, document in every_kind.issue_all(case_file).items():
                found.setdefault(kind, document_file(document, "pdf")[0])
            report = case_file.case.source_reports.get().report
            found.setdefault(
                "tanda_terima_laporan", receipt_pdf(report, receipt_code="KSM7-Q2XW-9HTA")
            )
            transaction.set_rollback(True)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "images" / "documents"))
    parser.add_argument("--dpi", type=int, default=50)
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    from PIL import Image

    _setup()
    with tempfile.TemporaryDirectory() as work:
        for kind, data in sorted(_pdfs().items()):
            pdf = Path(work) / f"{kind}.pdf"
            pdf.write_bytes(data)
            stem = out / kind
            subprocess.run(
                ["pdftoppm", "-png", "-gray", "-r", str(options.dpi), "-f", "1", "-l", "1"]
                + ["-singlefile", str(pdf), str(stem)],
                check=True,
            )
            png = stem.with_suffix(".png")
            # Sixteen greys are enough for text: the file is a third of the size.
            with Image.open(png) as image:
                small = image.convert("L").quantize(colors=16)
            small.save(png, optimize=True)
            print(f"{png} {png.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
