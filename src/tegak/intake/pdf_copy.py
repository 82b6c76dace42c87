"""The cleaned copy of a PDF, made in a process of its own with a memory and a time limit.

A PDF is a program of objects: a small file can ask its reader to decompress gigabytes (object
streams that each expand to the reader's per-stream limit, found by the red-team pass of
2026-12-07: 2 MB asked pypdf for 2 GB and kept the job worker at that size). The copy is made
by `python -m tegak.intake.pdf_copy` reading the PDF on standard input and writing the copy on
standard output, under `RLIMIT_AS`; over the memory or the time limit the copy is not made and
the original is "not previewable". No Django here: the child only needs pypdf.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys


def clean(data: bytes) -> bytes:
    """The PDF rewritten without its document information and XMP (author, creator tool,
    dates)."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer._info = None
    if "/Metadata" in writer._root_object:
        del writer._root_object["/Metadata"]
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def clean_in_child(data: bytes, *, memory_mb: int, seconds: int) -> bytes | None:
    """`clean(data)` in a child process limited to `memory_mb` of address space and `seconds`;
    None when it fails, runs out of memory or out of time."""

    try:
        # Our own module and a number: the PDF goes to standard input, never on the command line.
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "tegak.intake.pdf_copy", str(int(memory_mb))],
            input=data,
            capture_output=True,
            timeout=seconds,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        return None
    return done.stdout


def main() -> int:
    # The limit is set by the child itself, first thing (no code runs between fork and exec in
    # the job worker, which has threads).
    size = int(sys.argv[1]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size, size))
    data = sys.stdin.buffer.read()
    try:
        copy = clean(data)
    except MemoryError:
        return 3
    except Exception:  # a PDF pypdf cannot read: no copy
        return 2
    sys.stdout.buffer.write(copy)
    return 0


if __name__ == "__main__":
    sys.exit(main())
