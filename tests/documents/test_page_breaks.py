"""A decree's "Ditetapkan di … pada tanggal …", the signer's position, the space for the
signature and the name stay on one page: an official never signs a page that holds only their
name under a place and date printed on the page before."""

from __future__ import annotations

import io

import pytest

from tegak.documents.builtin import builtin_template
from tegak.documents.render import document_render
from tegak.documents.samples import sample_context

DECREES = [
    "keputusan_tim_pemeriksa",
    "keputusan_hukuman_ringan",
    "keputusan_hukuman_sedang",
    "keputusan_hukuman_berat",
    "keputusan_pemberhentian",
    "keputusan_atas_keberatan",
]


def _pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def _page_of(pages: list[str], text: str) -> int:
    found = [index for index, page in enumerate(pages) if text in page]
    assert found, f"{text!r} is not in the PDF"
    return found[-1]


def _block_pages(pdf: bytes, context: dict) -> dict[str, int]:
    pages = _pages(pdf)
    signatory = context["signatory"]
    return {
        "ditetapkan": _page_of(pages, "Ditetapkan di"),
        "tanggal": _page_of(pages, "pada tanggal " + context["document"]["date"]),
        "position": _page_of(pages, signatory["position"] + ","),
        "name": _page_of(pages, signatory["name"]),
    }


@pytest.mark.parametrize("kind", DECREES)
def test_every_decree_keeps_place_date_position_and_name_on_one_page(kind):
    context = sample_context(kind)
    pdf = document_render(kind=kind, context=context, fmt="pdf")
    where = _block_pages(pdf, context)
    assert len(set(where.values())) == 1, where


def test_a_long_decree_moves_the_whole_block_to_the_next_page():
    """The sample sanction decree fills its first page almost to the foot; the facts written
    longer push the block across the page break at every step. Before the block was one
    table row, "Ditetapkan di Sukamaju / pada tanggal …" stayed at the foot of page 1 and the
    position and name went to page 2."""
    kind = "keputusan_hukuman_ringan"
    moved = False
    for extra in (0, 2, 4, 7, 10, 13, 16):
        context = sample_context(kind)
        context["decision"]["violation"] += " dan" + " meninggalkan kantor tanpa izin" * extra
        pdf = document_render(kind=kind, context=context, fmt="pdf")
        where = _block_pages(pdf, context)
        assert len(set(where.values())) == 1, (extra, where)
        pages = _pages(pdf)
        last_dictum = _page_of(pages, "KEEMPAT")
        moved = moved or where["ditetapkan"] > last_dictum
    assert moved, "no length tried put the block at a page break; the test proves nothing"


@pytest.mark.parametrize("kind", DECREES)
def test_the_signature_row_may_not_break_across_pages_in_word(kind):
    """The DOCX an official edits keeps the block together in a word processor too."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(builtin_template(kind)))
    rows = [
        row
        for table in document.tables
        for row in table.rows
        if any("Ditetapkan di" in cell.text for cell in row.cells)
    ]
    assert len(rows) == 1
    assert "{{ signatory.name }}" in rows[0].cells[1].text
    assert rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_a_decree_with_many_considerations_letters_them_past_p():
    """Menimbang letters its items a., b., …; a decree weighing more than sixteen facts (many
    allegations) was refused with "str object has no element 16"."""
    kind = "keputusan_hukuman_berat"
    context = sample_context(kind)
    context["considerations"] = [f"bahwa pertimbangan ke-{index};" for index in range(1, 21)]
    text = " ".join(_pages(document_render(kind=kind, context=context, fmt="pdf")))
    assert "q. bahwa pertimbangan ke-17;" in text
    assert "t. bahwa pertimbangan ke-20;" in text


def test_a_line_that_introduces_what_follows_never_ends_a_page():
    """The seed story's berita acara pembinaan for seven contract staff printed "sehubungan
    dengan:" as the last line of page 1 and the facts on page 2."""
    kind = "berita_acara_pembinaan"
    context = sample_context(kind)
    person = context["coached"][0]
    # Enough names that the introducing line falls at the foot of the first page.
    for count in range(6, 12):
        context["coached"] = [{**person, "name": f"Pegawai {n}"} for n in range(count)]
        pages = _pages(document_render(kind=kind, context=context, fmt="pdf"))
        assert "sehubungan dengan:" in " ".join(pages)
        for page in pages[:-1]:
            assert not page.rstrip().endswith(":"), (count, page[-80:])


# Letters and minutes that close with "Demikian …" right above the signature block.
CLOSED_LETTERS = {
    "surat_panggilan_1": "Demikian untuk dilaksanakan.",
    "surat_pemberian_sanksi": "Demikian untuk diketahui dan dilaksanakan.",
    "surat_pembebasan_sementara": "Demikian untuk dilaksanakan.",
    "berita_acara_pemeriksaan": "Demikian Berita Acara Pemeriksaan ini dibuat",
}


def _lengthen(context: dict, extra: int) -> None:
    """Make the body longer by about `extra` lines, in a text each kind prints."""
    padding = " dan meninggalkan kantor tanpa izin pada jam kerja" * (2 * extra)
    for item in context.get("allegations") or []:
        item["description"] = (item.get("description") or "") + padding
        break
    for section, key in (("decision", "violation"), ("summons", "purpose"), ("release", "reason")):
        if key in (context.get(section) or {}):
            context[section][key] += padding


@pytest.mark.parametrize("kind", sorted(CLOSED_LETTERS))
def test_a_letter_never_leaves_its_signature_alone_on_the_next_page(kind):
    """A one-page letter a little too long put the signature block (position, name, NIP) alone
    at the top of page 2, under no text of the letter: the closing paragraph now goes with it.
    The body is lengthened step by step until the block crosses the page break at least once."""
    closing = CLOSED_LETTERS[kind]
    crossed = False
    for extra in range(0, 30):
        context = sample_context(kind)
        _lengthen(context, extra)
        pages = _pages(document_render(kind=kind, context=context, fmt="pdf"))
        name = _page_of(pages, context["signatory"]["name"])
        assert _page_of(pages, closing) == name, (extra, pages[name][:200])
        crossed = crossed or name > 0
        if name > 0 and extra > 0:
            break
    assert crossed, "no length tried put the block on the next page; the test proves nothing"
