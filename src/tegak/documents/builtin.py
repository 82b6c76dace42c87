"""The built-in DOCX templates, drawn with python-docx after the tata naskah dinas layout.

Each template is built in memory from the code below (no binary files to drift from the code);
`tegak documents template --kind KIND --out FILE` writes one out for an administrator to adapt.
Placeholders are Jinja for docxtpl: `{{ employee.name }}`, paragraph loops `{%p for ... %}` and
table-row loops `{%tr for ... %}`. Layout: letterhead (kop), number, place and date, subject,
addressee, body, signature block (position, name, rank, NIP), copies (tembusan).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Arial"  # Permendagri 1/2023 naskah dinas: Arial 12 (the PDF uses DejaVu Sans instead)
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

# "ID" rows take their label from the person: NIP, NI PPPK, or Nomor Registrasi Non-ASN. The
# rank row is printed only when the person has one.
ID = "ID"
PERSON_ROWS = [
    ("Nama", "name"),
    (ID, "nip"),
    ("Pangkat/Gol. Ruang", "rank"),
    ("Jabatan", "position"),
    ("Unit Kerja", "unit"),
]
NON_ASN_ROWS = [
    ("Nama", "name"),
    (ID, "nip"),
    ("Jabatan/Tugas", "position"),
    ("Unit Kerja", "unit"),
    ("Status", "status_label"),
]


class Sheet:
    """A DOCX under construction, with the few paragraph and table shapes letters need."""

    def __init__(self) -> None:
        self.document = Document()
        section = self.document.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
        section.left_margin, section.right_margin = Cm(2.5), Cm(2)
        normal = self.document.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(12)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)

    def p(
        self,
        text: str = "",
        *,
        align: WD_ALIGN_PARAGRAPH | None = None,
        bold: bool = False,
        underline: bool = False,
        size: float | None = None,
        indent_cm: float = 0,
        space_after: float = 0,
        border_bottom: bool = False,
        into: object | None = None,
    ) -> Paragraph:
        """A paragraph with one run (a Jinja tag must stay inside one run)."""
        container = into if into is not None else self.document
        paragraph: Paragraph = container.add_paragraph()  # type: ignore[attr-defined]
        if align is not None:
            paragraph.alignment = align
        if indent_cm:
            paragraph.paragraph_format.left_indent = Cm(indent_cm)
        if space_after:
            paragraph.paragraph_format.space_after = Pt(space_after)
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.underline = underline or None
            if size:
                run.font.size = Pt(size)
        if border_bottom:
            _bottom_border(paragraph)
        if text.rstrip().endswith(":"):
            # A line that introduces what follows ("sehubungan dengan:") never ends a page.
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def gap(self, count: int = 1) -> None:
        for _ in range(count):
            self.p()

    def table(
        self, rows: list[list[str | list[str]]], widths_cm: list[float], *, grid: bool = False
    ) -> Table:
        """A table of plain cells; rows holding only a `{%tr ... %}` tag are docxtpl loops.

        A cell given as a list holds one paragraph per item (so a `{%p for %}` loop stays in it).
        """
        table = self.document.add_table(rows=0, cols=len(widths_cm))
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        if grid:
            table.style = self.document.styles["Table Grid"]
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)
        for values in rows:
            cells = table.add_row().cells
            for cell, value, width in zip(cells, values, widths_cm, strict=False):
                cell.width = Cm(width)
                lines = [value] if isinstance(value, str) else value
                cell.paragraphs[0].add_run(lines[0])
                for line in lines[1:]:
                    cell.add_paragraph().add_run(line)
        return table

    def person(
        self, prefix: str, rows: list[tuple[str, str]] = PERSON_ROWS, *, indent_cm: float = 0
    ) -> None:
        """The identity block of one person: Nama / NIP / Pangkat / Jabatan / Unit kerja."""
        lines: list[list[str | list[str]]] = []
        for label, key in rows:
            shown = f"{{{{ {prefix}.id_label }}}}" if label == ID else label
            line: list[str | list[str]] = [shown, ":", f"{{{{ {prefix}.{key} }}}}"]
            if key == "rank":
                lines += [[f"{{%tr if {prefix}.rank %}}"], line, ["{%tr endif %}"]]
            else:
                lines.append(line)
        table = self.table(lines, [4.5, 0.5, 11.5 - indent_cm])
        if indent_cm:
            indent = OxmlElement("w:tblInd")
            indent.set(qn("w:w"), str(int(Cm(indent_cm).twips)))
            indent.set(qn("w:type"), "dxa")
            table._tbl.tblPr.append(indent)

    def numbered(self, loop: str, item: str, *, indent_cm: float = 0.75) -> None:
        """One paragraph per list item, numbered 1., 2., ..."""
        self.p(f"{{%p for item in {loop} %}}")
        self.p(f"{{{{ loop.index }}}}. {item}", indent_cm=indent_cm, align=JUSTIFY)
        self.p("{%p endfor %}")

    def letterhead(self) -> None:
        """The kop: government, issuing unit, address, and a rule under it."""
        self.p("{{ instansi.government }}", align=CENTER, bold=True, size=14)
        self.p("{%p if instansi.unit %}")
        self.p("{{ instansi.unit }}", align=CENTER, bold=True, size=16)
        self.p("{%p endif %}")
        self.p("{{ instansi.address }}", align=CENTER, size=10, border_bottom=True, space_after=12)

    def title(self, text: str, *, number: bool = True) -> None:
        self.p(text, align=CENTER, bold=True, underline=True)
        if number:
            self.p("Nomor: {{ document.number }}", align=CENTER, space_after=12)

    def signature(
        self, *, left: list[str] | None = None, date_line: bool = False, enacted: bool = False
    ) -> None:
        """The signature block on the right (position, space, name, rank, NIP); optional left.

        A decree's "Ditetapkan di … pada tanggal …" (`enacted`) is the first lines of the same
        table row, which is never split across pages (w:cantSplit here, `tr { break-inside:
        avoid }` in the PDF): the place and date never stand at a page's foot with the
        signature on the next page.

        The closing paragraph above it ("Demikian …") goes with the block ("keep with next",
        `break-after: avoid` in the PDF): a letter a little too long for one page never puts
        the signature alone on the next page, under none of its text."""
        body = self.document.element.body
        last = body[-2] if len(body) > 1 and body[-1].tag == qn("w:sectPr") else body[-1]
        if last.tag == qn("w:p"):
            Paragraph(last, self.document).paragraph_format.keep_with_next = True
        self.p().paragraph_format.keep_with_next = True
        table = self.document.add_table(rows=1, cols=2)
        table.autofit = False
        _keep_rows_whole(table)
        left_cell, right_cell = table.rows[0].cells
        left_cell.width, right_cell.width = Cm(8), Cm(8.5)
        table.columns[0].width, table.columns[1].width = Cm(8), Cm(8.5)
        right_lines = []
        if enacted:
            right_lines += [
                "Ditetapkan di {{ document.place }}",
                "pada tanggal {{ document.date }}",
                "",
            ]
        if date_line:
            right_lines.append("{{ document.place }}, {{ document.date }}")
        # No lone "," when the signer has no post, no empty line when there is no rank.
        right_lines += [
            "{%p if signatory.position %}",
            "{{ signatory.position }}{% if not signatory.capacity %},{% endif %}",
            "{%p endif %}",
        ]
        # The capacity of an official acting in another's place (reading D13): under the post.
        right_lines += [
            "{%p if signatory.capacity %}",
            "selaku {{ signatory.capacity }},",
            "{%p endif %}",
        ]
        # Four empty lines: room for a handwritten signature and the seal, or for the box of an
        # electronic signature (esign.box_on_page puts it here).
        right_lines += ["", "", "", "", "{{ signatory.name }}"]
        name_line = len(right_lines) - 1
        right_lines += ["{%p if signatory.rank %}", "{{ signatory.rank }}", "{%p endif %}"]
        right_lines += ["{{ signatory.id_line }}"]
        _fill_cell(right_cell, right_lines, name_line=name_line, left_lines=3 if enacted else 0)
        if left:
            _fill_cell(left_cell, left, name_line=len(left) - 2)

    def copies(self) -> None:
        """Tembusan, only when there are copies."""
        self.p("{%p if copies %}")
        self.p("Tembusan:", space_after=0)
        self.p("{%p for item in copies %}")
        self.p("{{ loop.index }}. {{ item }}")
        self.p("{%p endfor %}")
        self.p("{%p endif %}")

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _fill_cell(cell: object, lines: list[str], *, name_line: int, left_lines: int = 0) -> None:
    """The lines of a signature cell, centred but for the first `left_lines` (a decree's
    place and date of enactment, set flush left in the right column)."""
    paragraphs = [cell.paragraphs[0]]  # type: ignore[attr-defined]
    for _ in lines[1:]:
        paragraphs.append(cell.add_paragraph())  # type: ignore[attr-defined]
    for index, (paragraph, text) in enumerate(zip(paragraphs, lines, strict=True)):
        if index < left_lines:
            paragraph.paragraph_format.left_indent = Cm(1)
        else:
            paragraph.alignment = CENTER
        if text:
            run = paragraph.add_run(text)
            if index == name_line:
                run.bold = True
                run.underline = True


def _keep_rows_whole(table: Table) -> None:
    """Word's "allow row to break across pages" off for every row of the table."""
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))


def _bottom_border(paragraph: Paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thick"), ("w:sz", "18"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties.append(borders)


def _letter_heading(sheet: Sheet) -> None:
    sheet.letterhead()
    sheet.p("{{ document.place }}, {{ document.date }}", align=RIGHT, space_after=6)
    sheet.table(
        [
            ["Nomor", ":", "{{ document.number }}"],
            ["Sifat", ":", "{{ document.nature }}"],
            ["Lampiran", ":", "{{ document.attachment }}"],
            ["Hal", ":", "{{ document.subject }}"],
        ],
        [2.5, 0.5, 13.5],
    )
    sheet.gap()


def summons(ordinal: str) -> bytes:
    """Surat Panggilan I / II (PP 94/2021 Pasal 26)."""
    sheet = Sheet()
    _letter_heading(sheet)
    sheet.p("Yth. Sdr. {{ employee.name }}", indent_cm=9)
    sheet.p("{{ employee.position }}", indent_cm=9)
    sheet.p("di", indent_cm=9)
    sheet.p("Tempat", indent_cm=9.5, space_after=12)
    sheet.p(f"SURAT PANGGILAN {ordinal}", align=CENTER, bold=True, underline=True, space_after=6)
    sheet.p("Dengan ini diminta kehadiran Saudara:", align=JUSTIFY)
    sheet.person("employee")
    sheet.p("untuk menghadap kepada {{ summons.appear_before }} pada:", align=JUSTIFY)
    sheet.table(
        [
            ["Hari, tanggal", ":", "{{ summons.day }}"],
            ["Pukul", ":", "{{ summons.time }}"],
            ["Tempat", ":", "{{ summons.place }}"],
        ],
        [4.5, 0.5, 11.5],
    )
    sheet.p(
        "untuk diperiksa sehubungan dengan dugaan pelanggaran disiplin {{ summons.purpose }}.",
        align=JUSTIFY,
    )
    if ordinal == "II":
        sheet.p(
            "Panggilan ini merupakan panggilan kedua karena Saudara tidak memenuhi Surat "
            "Panggilan I Nomor {{ summons.previous_number }} tanggal {{ summons.previous_date }}. "
            "Apabila Saudara tidak memenuhi panggilan ini, pejabat yang berwenang menghukum "
            "menjatuhkan {{ summons.sanction_kind }} berdasarkan alat bukti dan keterangan yang "
            "ada tanpa dilakukan pemeriksaan ({{ summons.absence_basis }}).",
            align=JUSTIFY,
        )
    sheet.p("Demikian untuk dilaksanakan.", align=JUSTIFY)
    sheet.signature()
    sheet.copies()
    return sheet.to_bytes()


def examination_minutes() -> bytes:
    """Berita Acara Pemeriksaan (PP 94/2021 Pasal 27 ayat (2), Pasal 32)."""
    sheet = Sheet()
    sheet.letterhead()
    sheet.title("BERITA ACARA PEMERIKSAAN")
    sheet.p(
        "Pada {{ examination.day_in_words }}"
        "{% if examination.time %}, pukul {{ examination.time }}{% endif %}, bertempat di "
        "{{ examination.place }}, yang bertanda tangan di bawah ini:",
        align=JUSTIFY,
    )
    sheet.table(
        [
            ["{%tr for member in examiners %}", "", ""],
            [
                "{{ loop.index }}.",
                "{{ member.name }}, {{ member.id_line }}",
                "{{ member.position }} ({{ member.role }})",
            ],
            ["{%tr endfor %}", "", ""],
        ],
        [1, 8, 7.5],
    )
    sheet.p("telah melakukan pemeriksaan terhadap:", align=JUSTIFY)
    sheet.person("employee")
    sheet.p(
        "karena yang bersangkutan diduga melakukan pelanggaran disiplin sebagai berikut:",
        align=JUSTIFY,
    )
    sheet.numbered("allegations", "{{ item.description }} ({{ item.provision_label }})")
    sheet.p("Pertanyaan dan jawaban:", space_after=3)
    sheet.table(
        [
            ["No.", "Pertanyaan", "Jawaban"],
            ["{%tr for qa in questions %}", "", ""],
            ["{{ qa.number }}", "{{ qa.question }}", "{{ qa.answer }}"],
            ["{%tr endfor %}", "", ""],
        ],
        [1.2, 7.5, 7.8],
        grid=True,
    )
    sheet.gap()
    sheet.p(
        "Demikian Berita Acara Pemeriksaan ini dibuat dengan sebenarnya untuk dapat "
        "dipergunakan sebagaimana mestinya.",
        align=JUSTIFY,
    )
    sheet.signature(
        left=["Yang Diperiksa,", "", "", "", "", "{{ employee.name }}", "{{ employee.id_line }}"]
    )
    return sheet.to_bytes()


def findings_report() -> bytes:
    """Laporan Hasil Pemeriksaan to the authorised official (PP 94/2021 Pasal 27 ayat (4))."""
    sheet = Sheet()
    sheet.letterhead()
    sheet.title("LAPORAN HASIL PEMERIKSAAN")
    sheet.p("A. Identitas Pegawai yang Diperiksa", bold=True)
    sheet.person("employee")
    sheet.p("B. Dugaan Pelanggaran", bold=True)
    sheet.numbered("allegations", "{{ item.description }} ({{ item.provision_label }})")
    sheet.p("C. Pemeriksaan", bold=True)
    sheet.p(
        "Pemeriksaan dilakukan pada {{ examination.date_with_day }}"
        "{% if examination.time %} pukul {{ examination.time }}{% endif %} di "
        "{{ examination.place }} oleh:",
        align=JUSTIFY,
    )
    sheet.numbered("examiners", "{{ item.name }}, {{ item.position }} ({{ item.role }})")
    sheet.p("D. Fakta Hasil Pemeriksaan", bold=True)
    sheet.p("{{ findings.facts }}", align=JUSTIFY, indent_cm=0.75)
    sheet.p("E. Kesimpulan", bold=True)
    sheet.p("{{ findings.conclusion }}", align=JUSTIFY, indent_cm=0.75)
    sheet.p("F. Rekomendasi", bold=True)
    sheet.p(
        "{{ findings.recommendation }} {{ findings.sanction_heading }} "
        "berupa {{ findings.sanction_label }}, berdasarkan:",
        align=JUSTIFY,
        indent_cm=0.75,
    )
    sheet.numbered("articles", "{{ item }}", indent_cm=1.25)
    sheet.signature(date_line=True)
    sheet.copies()
    return sheet.to_bytes()


def _decree_opening(sheet: Sheet) -> None:
    sheet.letterhead()
    sheet.p("KEPUTUSAN {{ signatory.position|upper }}", align=CENTER, bold=True)
    sheet.p("NOMOR {{ document.number }}", align=CENTER, bold=True, space_after=6)
    sheet.p("TENTANG", align=CENTER, bold=True, space_after=6)
    sheet.p("{{ document.subject|upper }}", align=CENTER, bold=True, space_after=12)
    sheet.p(
        "{{ signatory.position|upper }}{% if not signatory.capacity %},{% endif %}",
        align=CENTER,
        bold=True,
    )
    # The capacity of an official deciding in another's place (reading D13).
    sheet.p("{%p if signatory.capacity %}")
    sheet.p("SELAKU {{ signatory.capacity|upper }},", align=CENTER, bold=True, space_after=0)
    sheet.p("{%p endif %}")
    sheet.p()  # one empty line before Menimbang, as the 12 pt after the post were
    sheet.table(
        [
            [
                "Menimbang",
                ":",
                [
                    "{%p for item in considerations %}",
                    "{{ 'abcdefghijklmnopqrstuvwxyz'[loop.index0] }}. {{ item }}",
                    "{%p endfor %}",
                ],
            ],
            [
                "Mengingat",
                ":",
                ["{%p for item in legal_basis %}", "{{ loop.index }}. {{ item }}", "{%p endfor %}"],
            ],
        ],
        [3, 0.5, 13],
    )
    sheet.p("MEMUTUSKAN:", align=CENTER, bold=True, space_after=6)
    sheet.table(
        [
            [
                "Menetapkan",
                ":",
                "KEPUTUSAN {{ signatory.position|upper }} TENTANG {{ document.subject|upper }}.",
            ]
        ],
        [3, 0.5, 13],
    )


def _decree_closing(sheet: Sheet) -> None:
    sheet.signature(enacted=True)
    sheet.copies()


def _dictum(sheet: Sheet, heading: str, text: str) -> None:
    sheet.table([[heading, ":", text]], [3, 0.5, 13])


def sanction_decree(level: str) -> bytes:
    """Keputusan Hukuman Disiplin (PP 94/2021 Pasal 33, 37, 38; PP 79/2021 for objections)."""
    sheet = Sheet()
    _decree_opening(sheet)
    if level == "pemberhentian":
        first = (
            "Menjatuhkan hukuman disiplin tingkat berat berupa {{ decision.sanction_label }} "
            "kepada:"
        )
    else:
        first = (
            "Menjatuhkan hukuman disiplin tingkat {{ decision.level_label }} berupa "
            "{{ decision.sanction_label }} kepada:"
        )
    _dictum(sheet, "KESATU", first)
    sheet.person("employee", indent_cm=3.5)
    sheet.p(
        "karena yang bersangkutan terbukti {{ decision.violation }}.",
        align=JUSTIFY,
        indent_cm=3.5,
    )
    _dictum(sheet, "KEDUA", "Keputusan ini mulai berlaku {{ decision.effective_rule }}.")
    _dictum(
        sheet,
        "KETIGA",
        "Apabila yang bersangkutan berkeberatan atas keputusan ini, dapat mengajukan "
        "{{ decision.objection_route }}.",
    )
    _dictum(
        sheet,
        "KEEMPAT",
        "Keputusan ini disampaikan kepada yang bersangkutan untuk diketahui dan "
        "dilaksanakan sebagaimana mestinya.",
    )
    _decree_closing(sheet)
    return sheet.to_bytes()


def team_decree() -> bytes:
    """Keputusan pembentukan Tim Pemeriksa (PP 94/2021 Pasal 29)."""
    sheet = Sheet()
    _decree_opening(sheet)
    _dictum(
        sheet,
        "KESATU",
        "Membentuk Tim Pemeriksa atas dugaan pelanggaran disiplin yang dilakukan oleh "
        "{{ employee.name }}, {{ employee.id_line }}, {{ employee.position }}, dengan "
        "susunan sebagai berikut:",
    )
    sheet.table(
        [
            # Each number carries its own label (NIP, NI PPPK, No. Reg. Non-ASN): the column
            # does not claim that every member has a NIP.
            ["No.", "Nama dan Nomor Pegawai", "Jabatan", "Kedudukan dalam Tim"],
            ["{%tr for member in team %}", "", "", ""],
            [
                "{{ loop.index }}",
                ["{{ member.name }}", "{{ member.id_line }}"],
                "{{ member.position }}",
                "{{ member.role }}",
            ],
            ["{%tr endfor %}", "", "", ""],
        ],
        [1.2, 6, 5.3, 4],
        grid=True,
    )
    _dictum(
        sheet,
        "KEDUA",
        "Tim Pemeriksa bertugas memeriksa dugaan pelanggaran disiplin, menuangkan hasilnya "
        "dalam Berita Acara Pemeriksaan, dan melaporkannya kepada pejabat yang berwenang "
        "menghukum.",
    )
    _dictum(sheet, "KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan.")
    _decree_closing(sheet)
    return sheet.to_bytes()


def coaching_minutes() -> bytes:
    """Berita Acara Pembinaan for non-ASN staff (the instansi's own rule, e.g. a Perwal)."""
    sheet = Sheet()
    sheet.letterhead()
    sheet.title("BERITA ACARA PEMBINAAN")
    sheet.p(
        "Pada {{ coaching.day_in_words }}, bertempat di {{ coaching.place }}, telah "
        "dilakukan pembinaan oleh:",
        align=JUSTIFY,
    )
    sheet.person("coach")
    # One person or the whole group coached together: every name in one list (ADR 0061).
    sheet.p("terhadap pegawai berikut:", align=JUSTIFY, space_after=3)
    sheet.table(
        [
            # The number the instansi registers its staff by, labelled; never a NIK (a
            # citizen's number is personal data, and non-ASN staff have no NIP).
            ["No.", "Nama dan Nomor Pegawai", "Jabatan/Tugas, Unit Kerja", "Sanksi"],
            ["{%tr for person in coached %}", "", "", ""],
            [
                "{{ loop.index }}.",
                ["{{ person.name }}", "{{ person.id_line }}"],
                ["{{ person.position }}", "{{ person.unit }}"],
                "{{ person.sanction_label }}",
            ],
            ["{%tr endfor %}", "", "", ""],
        ],
        [1.2, 5.5, 5.5, 4.3],
        grid=True,
    )
    sheet.gap()
    sheet.p("sehubungan dengan:", align=JUSTIFY)
    sheet.p("{{ coaching.facts }}", align=JUSTIFY, indent_cm=0.75)
    sheet.p("dengan dasar:", align=JUSTIFY)
    sheet.numbered("legal_basis", "{{ item }}")
    sheet.p("Pembinaan yang diberikan:", align=JUSTIFY)
    sheet.p("{{ coaching.guidance }}", align=JUSTIFY, indent_cm=0.75)
    sheet.p("Sanksi administratif: {{ coaching.sanction_label }}.", align=JUSTIFY)
    # Each person's own statement as the official entered it; a blank line when none was.
    sheet.p("Pernyataan yang dibina:", align=JUSTIFY, space_after=3)
    sheet.table(
        [
            ["No.", "Nama", "Pernyataan"],
            ["{%tr for person in coached %}", "", ""],
            ["{{ loop.index }}.", "{{ person.name }}", "{{ person.statement }}"],
            ["{%tr endfor %}", "", ""],
        ],
        [1.2, 5.5, 9.8],
        grid=True,
    )
    sheet.gap()
    sheet.p(
        "Demikian Berita Acara Pembinaan ini dibuat untuk dipergunakan sebagaimana mestinya.",
        align=JUSTIFY,
    )
    sheet.signature()
    sheet.gap()
    sheet.p("Yang Dibina:", space_after=3)
    sheet.table(
        [
            ["No.", "Nama", "Tanda Tangan"],
            ["{%tr for person in coached %}", "", ""],
            ["{{ loop.index }}.", "{{ person.name }}", ""],
            ["{%tr endfor %}", "", ""],
        ],
        [1.2, 8.8, 6.5],
        grid=True,
    )
    sheet.copies()
    return sheet.to_bytes()


def report_receipt() -> bytes:
    """Tanda terima pengaduan: what the reporter keeps."""
    sheet = Sheet()
    sheet.letterhead()
    sheet.title("TANDA TERIMA PENGADUAN")
    sheet.table(
        [
            ["Tanggal diterima", ":", "{{ report.received_when }}"],
            ["Saluran", ":", "{{ report.channel }}"],
            ["Pelapor", ":", "{{ report.reporter_label }}"],
            ["Kode penerimaan", ":", "{{ report.receipt_code }}"],
            ["Ringkasan", ":", "{{ report.summary }}"],
        ],
        [4.5, 0.5, 11.5],
    )
    sheet.gap()
    sheet.p("{{ report.follow_up }}", align=JUSTIFY)
    sheet.signature(date_line=True)
    return sheet.to_bytes()


def delivery_minutes() -> bytes:
    """Berita acara penyampaian keputusan hukuman disiplin (PP 94/2021 Pasal 37), or of the
    sanksi administratif of a non-ASN employee (the instansi's own rule)."""
    sheet = Sheet()
    sheet.letterhead()
    sheet.title("{{ delivery.title }}")
    sheet.p(
        "Pada {{ delivery.day_in_words }}, bertempat di {{ delivery.place }}, telah "
        "disampaikan {{ decision.document_title }} Nomor {{ decision.number }} tanggal "
        "{{ decision.decided_on }} tentang {{ decision.imposition }} berupa "
        "{{ decision.sanction_label }} kepada:",
        align=JUSTIFY,
    )
    sheet.person("employee")
    sheet.p("dengan cara {{ delivery.method }}.", align=JUSTIFY)
    sheet.p(
        # Without a window (a non-ASN employee whose instansi rule sets none) the objection
        # follows that rule, as the sanction letter says: never "paling lambat -".
        "Keberatan atas keputusan tersebut dapat diajukan "
        "{% if delivery.objection_deadline %}paling lambat {{ delivery.objection_deadline }}"
        "{% else %}sesuai dengan ketentuan instansi{% endif %}.",
        align=JUSTIFY,
    )
    sheet.gap()
    sheet.p(
        "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.",
        align=JUSTIFY,
    )
    sheet.signature(
        left=[
            "Yang Menerima,",
            "",
            "",
            "",
            "",
            "{{ delivery.received_by }}",
            "{{ employee.id_line }}",
        ]
    )
    return sheet.to_bytes()


def _addressee(sheet: Sheet, prefix: str = "employee", *, title: str = "Sdr.") -> None:
    sheet.p("Yth. " + title + " {{ " + prefix + ".name }}", indent_cm=9)
    sheet.p("{%p if " + prefix + ".position %}")
    sheet.p("{{ " + prefix + ".position }}", indent_cm=9)
    sheet.p("{%p endif %}")
    sheet.p("di", indent_cm=9)
    sheet.p("Tempat", indent_cm=9.5, space_after=12)


def sanction_letter() -> bytes:
    """Surat pemberian sanksi to a non-ASN employee, under the instansi's own rule."""
    sheet = Sheet()
    _letter_heading(sheet)
    _addressee(sheet)
    sheet.p(
        "Berdasarkan {{ decision.regulation }} dan hasil pemeriksaan atas dugaan pelanggaran "
        "disiplin, dengan ini disampaikan bahwa kepada Saudara:",
        align=JUSTIFY,
    )
    sheet.person("employee", NON_ASN_ROWS)
    sheet.p(
        "yang terbukti {{ decision.violation }}, dijatuhkan sanksi berupa "
        "{{ decision.sanction_label }}.",
        align=JUSTIFY,
        space_after=6,
    )
    sheet.p("Sanksi tersebut dijatuhkan berdasarkan:", align=JUSTIFY)
    sheet.numbered("legal_basis", "{{ item }}")
    sheet.p("{%p if articles %}")
    sheet.p("dengan ketentuan yang dilanggar:", align=JUSTIFY)
    sheet.numbered("articles", "{{ item }}")
    sheet.p("{%p endif %}")
    sheet.p(
        "Sanksi ini berlaku {{ decision.effective_rule }}. Apabila Saudara berkeberatan, "
        "Saudara dapat mengajukan {{ decision.objection_route }}.",
        align=JUSTIFY,
        space_after=6,
    )
    sheet.p("Demikian untuk diketahui dan dilaksanakan.", align=JUSTIFY)
    sheet.signature()
    sheet.copies()
    return sheet.to_bytes()


def release_letter() -> bytes:
    """Surat pembebasan sementara dari tugas jabatan (PP 94/2021 Pasal 31)."""
    sheet = Sheet()
    _letter_heading(sheet)
    _addressee(sheet)
    sheet.p(
        "Berdasarkan {{ release.basis }}, untuk kelancaran pemeriksaan, dengan ini Saudara:",
        align=JUSTIFY,
    )
    sheet.person("employee")
    sheet.p(
        "dibebaskan sementara dari tugas jabatan terhitung mulai "
        "{{ release.starts_on_with_day }} {{ release.until }}, {{ release.reason }}.",
        align=JUSTIFY,
        space_after=6,
    )
    sheet.p("{%p if acting.name %}")
    sheet.p(
        "Selama Saudara dibebaskan sementara, tugas jabatan Saudara dilaksanakan oleh pejabat "
        "pelaksana harian:",
        align=JUSTIFY,
    )
    sheet.person("acting")
    sheet.p("{%p endif %}")
    sheet.p("{{ release.rights }}", align=JUSTIFY, space_after=6)
    sheet.p("Demikian untuk dilaksanakan.", align=JUSTIFY)
    sheet.signature()
    sheet.copies()
    return sheet.to_bytes()


def objection_reply() -> bytes:
    """Tanggapan atas keberatan, from the official to their superior (PP 79/2021 Pasal 8)."""
    sheet = Sheet()
    _letter_heading(sheet)
    sheet.p("Yth. {{ addressee.position }}", indent_cm=9)
    sheet.p("di", indent_cm=9)
    sheet.p("Tempat", indent_cm=9.5, space_after=12)
    sheet.p(
        "Sehubungan dengan keberatan yang diajukan oleh Saudara {{ employee.name }}, "
        "{{ employee.id_line }}, pada tanggal {{ objection.filed_on }} atas "
        "{{ decision.document_title }} Nomor {{ decision.number }} tanggal "
        "{{ decision.decided_on }} tentang penjatuhan hukuman disiplin berupa "
        "{{ decision.sanction_label }}, dengan alasan “{{ objection.grounds }}”, bersama ini kami "
        "sampaikan tanggapan sebagaimana dimaksud dalam Pasal 8 ayat (1) sampai dengan ayat (3) "
        "Peraturan Pemerintah Nomor 79 Tahun 2021 tentang Upaya Administratif dan Badan "
        "Pertimbangan Aparatur Sipil Negara, sebagai berikut:",
        align=JUSTIFY,
        space_after=6,
    )
    sheet.p("{{ reply.text }}", align=JUSTIFY, indent_cm=0.75, space_after=6)
    sheet.p(
        "Hukuman disiplin tersebut dijatuhkan karena yang bersangkutan terbukti "
        "{{ decision.violation }}.",
        align=JUSTIFY,
        space_after=6,
    )
    sheet.p(
        "Demikian tanggapan ini kami sampaikan sebagai bahan pertimbangan dalam mengambil "
        "keputusan atas keberatan tersebut.",
        align=JUSTIFY,
    )
    sheet.signature()
    sheet.copies()
    return sheet.to_bytes()


def objection_decree() -> bytes:
    """Keputusan atas keberatan (PP 79/2021 Pasal 6 or 9)."""
    sheet = Sheet()
    _decree_opening(sheet)
    _dictum(sheet, "KESATU", "{{ decision.justification }}, kepada:")
    sheet.person("employee", indent_cm=3.5)
    _dictum(sheet, "KEDUA", "Keputusan ini mulai berlaku {{ decision.effective_rule }}.")
    _dictum(sheet, "KETIGA", "{{ decision.objection_route }}")
    _dictum(
        sheet,
        "KEEMPAT",
        "Keputusan ini disampaikan kepada {{ decision.notified }} untuk diketahui dan "
        "dilaksanakan sebagaimana mestinya.",
    )
    _decree_closing(sheet)
    return sheet.to_bytes()


def outcome_notice() -> bytes:
    """Pemberitahuan hasil penanganan pengaduan to the reporter (UU 25/2009 Pasal 50(2))."""
    sheet = Sheet()
    _letter_heading(sheet)
    sheet.p("Yth. Pelapor", indent_cm=9)
    sheet.p("Pengaduan Nomor {{ complaint.reference }}", indent_cm=9)
    sheet.p("di", indent_cm=9)
    sheet.p("Tempat", indent_cm=9.5, space_after=12)
    sheet.p(
        "Menindaklanjuti pengaduan Saudara yang kami terima pada tanggal "
        "{{ complaint.received_on }} dengan Nomor {{ complaint.reference }}, bersama ini kami "
        "sampaikan bahwa pengaduan tersebut telah ditangani sesuai dengan ketentuan peraturan "
        "perundang-undangan di bidang disiplin pegawai.",
        align=JUSTIFY,
        space_after=6,
    )
    sheet.p("{{ outcome.text }}", align=JUSTIFY, space_after=6)
    sheet.p(
        "Penanganan pengaduan tersebut telah selesai pada tanggal {{ outcome.final }}. Sesuai "
        "dengan ketentuan pelindungan data pribadi, identitas pegawai yang bersangkutan tidak "
        "dapat kami sampaikan. Identitas Saudara sebagai "
        "pelapor tetap kami rahasiakan.",
        align=JUSTIFY,
        space_after=6,
    )
    sheet.p(
        "Atas perhatian dan kepedulian Saudara, kami sampaikan terima kasih.",
        align=JUSTIFY,
    )
    sheet.signature()
    return sheet.to_bytes()


BUILDERS: dict[str, Callable[[], bytes]] = {
    "surat_panggilan_1": lambda: summons("I"),
    "surat_panggilan_2": lambda: summons("II"),
    "berita_acara_pemeriksaan": examination_minutes,
    "laporan_hasil_pemeriksaan": findings_report,
    "keputusan_hukuman_ringan": lambda: sanction_decree("ringan"),
    "keputusan_hukuman_sedang": lambda: sanction_decree("sedang"),
    "keputusan_hukuman_berat": lambda: sanction_decree("berat"),
    "keputusan_pemberhentian": lambda: sanction_decree("pemberhentian"),
    "keputusan_tim_pemeriksa": team_decree,
    "berita_acara_pembinaan": coaching_minutes,
    "tanda_terima_laporan": report_receipt,
    "tanda_terima_keputusan": delivery_minutes,
    "surat_pemberian_sanksi": sanction_letter,
    "surat_pembebasan_sementara": release_letter,
    "tanggapan_keberatan": objection_reply,
    "keputusan_atas_keberatan": objection_decree,
    "pemberitahuan_hasil": outcome_notice,
}


@cache
def builtin_template(kind: str) -> bytes:
    """The built-in DOCX template of a kind (built once per process; it never changes)."""
    return BUILDERS[kind]()
