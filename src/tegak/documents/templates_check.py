"""Checking an administrator's DOCX template against what a case can supply."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import jinja2
from django.conf import settings
from django.utils.translation import gettext as _
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from tegak.core.archives import ArchiveRefused, check_zip
from tegak.documents.kinds import get_kind
from tegak.documents.render import TemplateBroken, complete_context, render_docx
from tegak.documents.samples import sample_context
from tegak.documents.sandbox import describe_problems, names_of_schema, template_problems

BUILTIN_NAMES = {"loop", "range", "true", "false", "none", "True", "False", "None"}


@dataclass
class TemplateReport:
    """What a template uses and what of it the kind cannot supply."""

    placeholders: set[str] = field(default_factory=set)
    unknown: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def acceptable(self) -> bool:
        return not self.unknown and not self.error


def template_source(data: bytes) -> str:
    """The Jinja source of a DOCX template (body, headers and footers), as docxtpl sees it.

    Raises TemplateBroken when the bytes are not a DOCX, or would unpack past the archive limits
    (a DOCX is a ZIP: a compression bomb is refused before anything is unpacked).
    """
    try:
        check_zip(zipfile.ZipFile(io.BytesIO(data)))
    except ArchiveRefused as error:
        limits = {
            "mb": settings.ARCHIVE_MAX_BYTES // (1024 * 1024),
            "ratio": settings.ARCHIVE_MAX_RATIO,
            "files": settings.ARCHIVE_MAX_MEMBERS,
        }
        raise TemplateBroken(
            _(
                "the file is refused: a DOCX may unpack to at most %(mb)s MB, in at most "
                "%(files)s parts, each compressed at most %(ratio)s to 1"
            )
            % limits
        ) from error
    except zipfile.BadZipFile as error:
        raise TemplateBroken(_("the file is not a readable DOCX document")) from error
    try:
        Document(io.BytesIO(data))
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
        docx = template.docx
        assert docx is not None
        source = template.patch_xml(template.xml_to_string(docx._element.body))
        for relation in docx._part.rels.values():
            if relation.reltype in (template.HEADER_URI, template.FOOTER_URI):
                source += template.patch_xml(template.xml_to_string(relation.target_part.element))
        # docxtpl renders footnotes and some document properties too: check what it renders.
        for part in docx.part.package.parts:
            if part.content_type.endswith(".footnotes+xml"):
                blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                source += template.patch_xml(blob)
        properties = docx.core_properties
        for name in ("author", "comments", "identifier", "language", "subject", "title"):
            source += "\n" + (getattr(properties, name) or "")
    except (
        zipfile.BadZipFile,
        PackageNotFoundError,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,  # damaged XML, or an entity expansion lxml stops
    ) as error:
        raise TemplateBroken(_("the file is not a readable DOCX document")) from error
    return source


def _attribute_uses(tree: nodes.Template) -> set[str]:
    """Every `name.field` the template reads, following `for item in list` loops."""
    aliases: dict[str, str] = {}
    for loop in tree.find_all(nodes.For):
        if isinstance(loop.target, nodes.Name) and isinstance(loop.iter, nodes.Name):
            aliases[loop.target.name] = loop.iter.name
    uses = set()
    for access in tree.find_all(nodes.Getattr):
        if isinstance(access.node, nodes.Name):
            base = aliases.get(access.node.name, access.node.name)
            uses.add(f"{base}.{access.attr}")
    return uses


def check_template(kind: str, data: bytes) -> TemplateReport:
    """Parse the template, list placeholders the kind cannot supply, and try a full render."""
    report = TemplateReport()
    try:
        source = template_source(data)
    except TemplateBroken as error:
        report.error = str(error)
        return report
    # Parsing only (nothing is compiled or run), and even so in the immutable sandbox.
    environment = ImmutableSandboxedEnvironment(autoescape=True)
    try:
        tree = environment.parse(source)
        top_level = meta.find_undeclared_variables(tree) - BUILTIN_NAMES
    except jinja2.TemplateSyntaxError as error:
        report.error = _("a placeholder is written wrongly: %(detail)s") % {"detail": error.message}
        return report
    schema = get_kind(kind).full_schema
    problems = template_problems(tree, names_of_schema(schema))
    report.placeholders = set(top_level)
    unknown = {name for name in top_level if name not in schema}
    for use in _attribute_uses(tree):
        base, attribute = use.split(".", 1)
        fields = schema.get(base)
        if base in schema and fields is not None and attribute not in fields:
            unknown.add(use)
        report.placeholders.add(use)
    report.unknown = sorted(unknown)
    if report.unknown:
        return report
    if problems:
        report.error = describe_problems(problems)
        return report
    try:
        render_docx(data, complete_context(kind, sample_context(kind)))
    except TemplateBroken as error:
        report.error = str(error)
    return report
