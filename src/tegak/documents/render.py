"""Rendering a context into DOCX (docxtpl) and the same DOCX into PDF (WeasyPrint).

The PDF is the DOCX converted: paragraphs, runs, alignment, indents, borders and tables are read
back from the rendered DOCX and laid out as HTML for WeasyPrint, so an administrator's own
template gives a PDF too, and the two files always say the same thing. No office suite needed.
"""

from __future__ import annotations

import html
import io
import zipfile
from typing import Any

import jinja2
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError
from lxml import etree

from tegak.documents.kinds import get_kind
from tegak.documents.sandbox import (
    DocumentEnvironment,
    TemplateNotAllowed,
    describe_problems,
    names_of,
    plain_data,
)

FORMATS = ("docx", "pdf")


class TemplateBroken(Exception):
    """A template that cannot be read or rendered; the message says why, in plain words."""


def jinja_environment(context: dict[str, Any]) -> DocumentEnvironment:
    """Sandboxed and strict: only the context's placeholders, a missing one is an error."""
    return DocumentEnvironment(names_of(context))  # an ImmutableSandboxedEnvironment (sandbox.py)


def complete_context(kind: str, context: dict[str, Any]) -> dict[str, Any]:
    """Every field the kind's schema names, present (empty where the case has nothing)."""
    full: dict[str, Any] = {}
    for key, fields in get_kind(kind).full_schema.items():
        value = context.get(key)
        if fields is None:
            full[key] = value if value is not None else ([] if key == "copies" else "")
        elif isinstance(value, list):
            full[key] = [_fill(item, fields) for item in value]
        elif key in LIST_KEYS:
            full[key] = []
        else:
            full[key] = _fill(value or {}, fields)
    return full


# Keys whose value is a list of dicts (the rest of the dict-shaped keys hold one dict).
LIST_KEYS = {"allegations", "examiners", "questions", "team"}


def _fill(value: Any, fields: tuple[str, ...]) -> Any:
    if not isinstance(value, dict):
        return value
    return {name: ("" if value.get(name) is None else value.get(name)) for name in fields} | {
        key: item for key, item in value.items() if key not in fields
    }


def render_docx(template: bytes, context: dict[str, Any]) -> bytes:
    """Fill a DOCX template; TemplateBroken when it cannot be read or a placeholder fails."""
    plain = plain_data(context)  # TypeError for model objects: a bug of ours, not of the template
    try:
        document = DocxTemplate(io.BytesIO(template))
        document.render(plain, jinja_env=jinja_environment(plain), autoescape=True)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise TemplateBroken(_("the file is not a readable DOCX document")) from error
    except TemplateNotAllowed as error:
        raise TemplateBroken(describe_problems(error.problems)) from error
    except SecurityError as error:
        raise TemplateBroken(describe_problems([_("a hidden attribute or method")])) from error
    except jinja2.TemplateError as error:
        raise TemplateBroken(
            _("a placeholder cannot be filled: %(detail)s") % {"detail": error}
        ) from error
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def mark_docx(docx: bytes, text: str) -> bytes:
    """The DOCX with a note above everything else (italic, small, ruled off), as any template
    gives it: what the letter is when it is not electronically signed (`services.py`)."""
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    document = Document(io.BytesIO(docx))
    body = document.element.body
    first = next(iter(body.iterchildren()), None)
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.italic = True
    run.font.size = Pt(9)
    properties = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (
        ("w:val", "single"),
        ("w:sz", "4"),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        bottom.set(qn(name), value)
    border.append(bottom)
    properties.append(border)
    if first is not None:
        first.addprevious(paragraph._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PAGE_CSS = """
@page { size: A4; margin: 2cm 2cm 2cm 2.5cm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.35; }
p { margin: 0; min-height: 1.35em; }
table { border-collapse: collapse; width: 100%; margin: 0; }
td { vertical-align: top; padding: 0 3pt; }
tr { break-inside: avoid; }
table.grid td { border: 0.6pt solid #000; padding: 2pt 4pt; }
"""
_ALIGN = {
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "justify",
}


def _paragraph_html(paragraph: Paragraph) -> str:
    styles = []
    if paragraph.alignment in _ALIGN:
        styles.append(f"text-align:{_ALIGN[paragraph.alignment]}")
    format_ = paragraph.paragraph_format
    if format_.left_indent:
        styles.append(f"margin-left:{format_.left_indent.pt:.1f}pt")
    if format_.first_line_indent:
        styles.append(f"text-indent:{format_.first_line_indent.pt:.1f}pt")
    if format_.space_after:
        styles.append(f"margin-bottom:{format_.space_after.pt:.1f}pt")
    if format_.keep_with_next:
        # Word's "keep with next", as an agency's own template may set it too.
        styles.append("break-after:avoid")
    properties = paragraph._p.pPr
    if properties is not None and properties.find(qn("w:pBdr")) is not None:
        styles.append("border-bottom:2.5pt solid #000;padding-bottom:2pt")
    parts = []
    for run in paragraph.runs:
        text = html.escape(run.text).replace("\n", "<br>")
        if not text:
            continue
        run_styles = []
        if run.bold:
            run_styles.append("font-weight:bold")
        if run.italic:
            run_styles.append("font-style:italic")
        if run.underline:
            run_styles.append("text-decoration:underline")
        if run.font.size:
            run_styles.append(f"font-size:{run.font.size.pt * 0.875:.1f}pt")
        parts.append(f'<span style="{";".join(run_styles)}">{text}</span>' if run_styles else text)
    return f'<p style="{";".join(styles)}">{"".join(parts)}</p>'


def _table_html(table: Table, document: Any) -> str:
    grid = table._tbl.tblGrid
    widths = [int(column.get(qn("w:w")) or 0) for column in grid.findall(qn("w:gridCol"))]
    if table.rows:
        # Word keeps the real widths on the cells; the grid may be stale.
        cell_widths = [cell.width or 0 for cell in table.rows[0].cells]
        if len(cell_widths) == len(widths) and all(cell_widths):
            widths = [int(width) for width in cell_widths]
    total = sum(widths) or 1
    style_name = table.style.name if table.style is not None else ""
    css_class = ' class="grid"' if "Grid" in style_name else ""
    indent = table._tbl.tblPr.find(qn("w:tblInd"))
    margin = ""
    if indent is not None and (indent.get(qn("w:w")) or "0").isdigit():
        margin = f' style="margin-left:{int(indent.get(qn("w:w")) or 0) / 20:.1f}pt;width:auto"'

    rows = []
    for row in table.rows:
        cells = []
        for index, cell in enumerate(row.cells):
            width = (
                f' style="width:{100 * widths[index] / total:.1f}%"' if index < len(widths) else ""
            )
            inner = "".join(_block_html(child, document) for child in cell._tc.iterchildren())
            cells.append(f"<td{width}>{inner}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table{css_class}{margin}>{''.join(rows)}</table>"


def _block_html(element: Any, document: Any) -> str:
    if element.tag == qn("w:p"):
        return _paragraph_html(Paragraph(element, document))
    if element.tag == qn("w:tbl"):
        return _table_html(Table(element, document), document)
    return ""


def docx_to_html(docx: bytes) -> str:
    """The body of a DOCX as an HTML page (paragraphs and tables, in order)."""
    document = Document(io.BytesIO(docx))
    body = "".join(
        _block_html(element, document) for element in document.element.body.iterchildren()
    )
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        f"<style>{PAGE_CSS}</style></head><body>{body}</body></html>"
    )


def html_to_pdf(page: str) -> bytes:
    """Lay out HTML as PDF with WeasyPrint (no URLs are fetched: there are none)."""
    import weasyprint  # slow to import (about a second): only when a PDF is asked for

    def no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        raise ValueError(f"documents never load outside resources ({url})")

    return weasyprint.HTML(string=page, url_fetcher=no_fetch).write_pdf()


def docx_to_pdf(docx: bytes) -> bytes:
    """The DOCX converted to PDF."""
    return html_to_pdf(docx_to_html(docx))


def document_render(
    *, kind: str, context: dict[str, Any], fmt: str, template: bytes | None = None
) -> bytes:
    """Render one document of a kind as DOCX or PDF (the built-in template by default)."""
    from tegak.documents.builtin import builtin_template

    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    source = template if template is not None else builtin_template(kind)
    docx = render_docx(source, complete_context(kind, context))
    return docx if fmt == "docx" else docx_to_pdf(docx)
