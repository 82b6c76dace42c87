"""#12 item 1: an uploaded DOCX template can never run code nor read anything but its kind's data.

Each attack is what the probe did: an instansi administrator (not a superuser) uploads a template
through the real templates page. The upload must be refused, nothing stored, no event written, no
command run, and no secret in the answer.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.documents.models import DocumentTemplate

pytestmark = pytest.mark.django_db


def docx_bytes(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _subclass_walk(body: str) -> str:
    """The classic escape: from a string constant up to `object`, then down to a useful class."""
    return (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'catch_warnings' %}" + body + "{% endif %}{% endfor %}"
    )


def attacks(marker: Path) -> dict[str, str]:
    key_path = "c.__init__.__globals__['sys'].modules['django.conf'].settings.IDENTITY_KEYS[0]"
    return {
        "os-popen-through-mro": _subclass_walk(
            "{{ c.__init__.__globals__['sys'].modules['os'].popen('touch " + str(marker) + "') }}"
        ),
        "identity-key-into-the-error": _subclass_walk("{{ {}[" + key_path + "] }}"),
        "identity-key-into-the-output": _subclass_walk("{{ " + key_path + " }}"),
        "attribute-of-a-placeholder": "{{ employee.name.__class__.__mro__ }}",
        "globals-of-a-jinja-helper": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "format-string-escape": "{{ '{0.__class__}'.format(employee) }}",
        "string-method-call": "{{ employee.name.upper() }}",
        "attr-filter": "{{ employee|attr('__class__') }}",
        "set-and-import": "{% set x = employee %}{% import 'os' as os %}",
        "item-dunder": "{{ employee['__class__'] }}",
        "macro": "{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}",
        "include-a-file": "{% include '/etc/passwd' %}",
        "settings-name": "{{ settings.IDENTITY_KEYS }}",
    }


@pytest.fixture
def upload_as(client, instansi, administrator, verified_client):
    verified_client(administrator)

    def upload(text: str):
        return client.post(
            reverse("documents:templates"),
            {
                "kind": "surat_panggilan_1",
                "file": SimpleUploadedFile("panggilan.docx", docx_bytes("Yth.", text)),
            },
        )

    return upload


@pytest.mark.parametrize("name", sorted(attacks(Path("/x")).keys()))
def test_template_attack_is_refused_and_leaves_nothing(upload_as, tmp_path, name):
    marker = tmp_path / "pwned"
    response = upload_as(attacks(marker)[name])
    assert response.status_code == 200  # the page again, with the refusal on the file field
    body = response.content.decode()
    assert not marker.exists(), "the template ran a shell command"
    for key in settings.IDENTITY_KEYS:
        assert key not in body
    assert settings.SECRET_KEY not in body
    assert settings.SIGNING_KEY not in body
    assert "<class" not in body and "&lt;class" not in body
    assert 'class="errorlist' in body
    assert not DocumentTemplate.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_sandbox_refuses_at_render_time_too(tmp_path):
    """A template that slipped into storage (written before this check existed) still runs
    nothing when a document is rendered: the environment itself is sandboxed."""
    from tegak.documents.render import TemplateBroken, render_docx

    marker = tmp_path / "pwned"
    data = docx_bytes(attacks(marker)["os-popen-through-mro"])
    with pytest.raises(TemplateBroken):
        render_docx(data, {"employee": {"name": "Rina"}})
    assert not marker.exists()


def test_model_objects_never_reach_a_template():
    from tegak.documents.render import TemplateBroken, render_docx

    with pytest.raises((TemplateBroken, TypeError)):
        render_docx(docx_bytes("{{ employee.name }}"), {"employee": AuditEvent()})


def test_an_honest_template_with_loops_conditions_and_filters_is_accepted(upload_as):
    response = upload_as(
        "Yth. {{ employee.name|upper }} NIP {{ employee.nip }}"
        "{% if copies %}{% for item in copies %}{{ loop.index }}. {{ item }}{% endfor %}{% endif %}"
    )
    assert response.status_code == 302
    assert DocumentTemplate.objects.filter(active=True).count() == 1


def test_loops_over_the_letters_of_a_text_are_refused_at_upload_and_at_render(upload_as):
    """Found by the 2026-12-07 attack: loops nested three deep over a letter's text were
    accepted; over a purpose of a few thousand characters they would keep the job worker
    busy for days. Loops run over lists; a text is printed, never looped over."""
    import time

    from tegak.documents.render import TemplateBroken, render_docx

    loops = (
        "{% for a in employee.name %}{% for b in employee.name %}{% for c in employee.name %}"
        "{{ a }}{% endfor %}{% endfor %}{% endfor %}"
    )
    response = upload_as(loops)
    assert response.status_code == 200
    assert "huruf sebuah teks" in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    started = time.monotonic()
    with pytest.raises(TemplateBroken):
        render_docx(docx_bytes(loops), {"employee": {"name": "R" * 5000}})
    assert time.monotonic() - started < 5
    # Printing, filtering and slicing a text, and looping over a list of texts, still work.
    data = render_docx(
        docx_bytes(
            "{{ employee.name|upper }} {{ employee.name|first }} {{ employee.name|length }}",
            "{% for item in copies %}{{ item|truncate(9) }};{% endfor %}",
        ),
        {"employee": {"name": "Rina"}, "copies": ["Inspektorat Daerah", "Arsip"]},
    )
    from docx import Document

    text = "\n".join(paragraph.text for paragraph in Document(io.BytesIO(data)).paragraphs)
    assert "RINA" in text and "Inspektorat Daerah"[:6] in text and "Arsip;" in text


def test_migrate_deactivates_a_stored_template_that_fails_the_check(
    instansi, administrator, tmp_path
):
    """A template stored before the sandbox existed is switched off, audited, and reported."""
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    marker = tmp_path / "pwned"
    honest = DocumentTemplate.objects.create(
        instansi=instansi,
        kind="surat_panggilan_2",
        file=ContentFile(docx_bytes("Yth. {{ employee.name }}"), name="honest.docx"),
        sha256="0" * 64,
        uploaded_by=administrator,
    )
    stored = DocumentTemplate.objects.create(
        instansi=instansi,
        kind="surat_panggilan_1",
        file=ContentFile(docx_bytes(attacks(marker)["os-popen-through-mro"]), name="old.docx"),
        sha256="0" * 64,
        uploaded_by=administrator,
    )
    output = io.StringIO()
    call_command("migrate", verbosity=1, stdout=output)
    stored.refresh_from_db()
    honest.refresh_from_db()
    assert not stored.active
    assert honest.active
    assert f"Template #{stored.pk}" in output.getvalue()
    assert not marker.exists()
    event = AuditEvent.objects.get(action="documents.template_deactivated")
    assert event.target_id == str(stored.pk)
    assert event.data["reason"] == "failed_recheck_on_upgrade"


def test_an_attack_hidden_in_the_document_properties_is_refused(upload_as, client, tmp_path):
    """docxtpl renders the title, subject and other properties too: they are checked as well."""
    import tempfile

    from docx import Document

    marker = Path(tempfile.mkdtemp(prefix="t")) / "p"  # a property holds 255 characters at most
    document = Document()
    document.add_paragraph("Yth. {{ employee.name }}")
    document.core_properties.title = attacks(marker)["os-popen-through-mro"]
    buffer = io.BytesIO()
    document.save(buffer)
    response = client.post(
        reverse("documents:templates"),
        {"kind": "surat_panggilan_1", "file": SimpleUploadedFile("p.docx", buffer.getvalue())},
    )
    assert response.status_code == 200
    assert not marker.exists()
    assert not DocumentTemplate.objects.exists()


def test_every_built_in_template_passes_the_check():
    from tegak.documents.builtin import builtin_template
    from tegak.documents.kinds import KINDS
    from tegak.documents.templates_check import check_template

    for kind in KINDS:
        report = check_template(kind, builtin_template(kind))
        assert report.acceptable, (kind, report.unknown, report.error)


def test_a_template_with_an_entity_bomb_is_refused_on_its_field_not_a_server_error(
    upload_as, client
):
    """Found by the 2026-12-07 attack: a DTD with nested entities in the DOCX's XML answered
    500 (lxml stopped the expansion; nothing caught its error)."""
    import zipfile

    data = docx_bytes("Yth.")
    laughs = (
        b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (name.encode(), (b"&%s;" % previous.encode()) * 10)
            for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + b"]>"
    )
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                head, _, rest = content.partition(b"?>")
                content = head + b"?>" + laughs + rest.replace(b"Yth.", b"&i;")
            target.writestr(item.filename, content)
    response = client.post(
        reverse("documents:templates"),
        {
            "kind": "surat_panggilan_1",
            "file": SimpleUploadedFile("panggilan.docx", out.getvalue()),
        },
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not DocumentTemplate.objects.exists()
