"""Dossiers for oversight bodies and auditors: one ZIP that proves what it contains.

Layout (format `tegak-dossier/2`):

    manifest.json   what is inside: every file with its SHA-256 and size, the case, the recipient
    manifest.sig    Ed25519 signature (base64) of manifest.json by the installation's key
    summary.pdf     the case: accused (post on each letter's date), allegations, outcome, objection
                    and its outcome, statements (flagged when the evidence contradicts them),
                    documents and evidence with the SHA-256 of the files in this ZIP
    documents/...   each issued document's PDF, and its signed scan when there is one
    evidence/...    cleaned copies of evidence files (metadata removed), never the originals
    audit.jsonl     the case's audit events, each with its previous hash and hash

Anyone can check the signature, the files against the manifest and each audit event against its
own hash with the ZIP alone (`tegak dossier verify FILE.zip --public-key KEY`: no server, no
database); the public key is printed on the portal. The reporter's identity never enters a
dossier: it is not read, receipts are left out, and the text is scanned for contact details
before anything is sent.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tegak.audit.models import AuditEvent
from tegak.audit.services import audit_record
from tegak.core import signing
from tegak.core.archives import ArchiveRefused, check_zip
from tegak.core.errors import InputError
from tegak.documents.access import DOSSIER_SENDERS, has_role
from tegak.documents.dossier_offline import (
    AUDIT,
    CHECKPOINT,
    FORMAT,
    MANIFEST,
    SIGNATURE,
    DossierUnreadable,
    VerifyReport,
    verify_dossier,
)
from tegak.documents.formatting import long_date
from tegak.documents.kinds import KINDS
from tegak.documents.models import DossierDispatch, IssuedDocument, RecipientKind
from tegak.documents.render import html_to_pdf

__all__ = ["AUDIT", "MANIFEST", "SIGNATURE", "DossierUnreadable", "VerifyReport", "dossier_verify"]
# Keys that would carry a reporter's identity; none may appear in an exported audit event.
IDENTITY_KEYS = {"reporter", "reporter_name", "identity", "nik", "phone", "email", "receipt_code"}
# What a reporter's contact details look like in text.
CONTACT_PATTERNS = {
    gettext_lazy("an e-mail address"): re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    gettext_lazy("a phone number"): re.compile(
        r"(?<!\d)(?:\+62|62|0)8\d{1,3}[- ]?\d{3,4}[- ]?\d{3,5}(?!\d)"
    ),
    gettext_lazy("a NIK (16-digit identity number)"): re.compile(r"(?<!\d)\d{16}(?!\d)"),
}


_HEX_RUN = re.compile(r"\b[0-9a-f]{32,}\b")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")


@dataclass
class _Content:
    files: dict[str, bytes] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    # The source text of a generated file, scanned instead of text extracted from its PDF.
    texts: dict[str, str] = field(default_factory=dict)

    def add(self, path: str, data: bytes, kind: str, text: str | None = None) -> None:
        self.files[path] = data
        self.kinds[path] = kind
        if text is not None:
            self.texts[path] = text


def _case_events(case: Any) -> list[AuditEvent]:
    """The case's events: those about the case itself and those that name it."""
    return list(
        AuditEvent.objects.filter(
            Q(target_type="cases.case", target_id=str(case.pk))
            | Q(data__case_id=case.pk)
            | Q(data__case_id=str(case.pk))
        ).order_by("sequence")
    )


def _event_line(event: AuditEvent) -> dict[str, Any]:
    return {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "instansi_code": event.instansi_code,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "data": event.data,
        "previous_hash": event.previous_hash,
        "hash": event.hash,
    }


def _evidence(case: Any) -> list[dict[str, Any]]:
    """Evidence of the reports the case was opened from: cleaned copies only (metadata removed).

    An original file without a cleaned copy is listed by its hash but not sent; links are listed.
    """
    from tegak.cases.models import CaseReport
    from tegak.intake.models import Evidence

    report_ids = CaseReport.objects.filter(case=case).values_list("report_id", flat=True)
    rows = Evidence.objects.filter(
        Q(report_id__in=report_ids)
        | Q(report__case_reference__in=[str(case.pk), case.register_number])
    ).order_by("created_at", "id")
    items = []
    for evidence in rows:
        copy = getattr(evidence, "clean_copy", None) if hasattr(evidence, "clean_copy") else None
        item: dict[str, Any] = {"kind": evidence.kind, "sha256_original": evidence.sha256}
        if evidence.kind == "link":
            item["url"] = evidence.url
        elif copy is not None:
            with copy.file.open("rb") as handle:
                item["data"] = handle.read()
            item["media_type"] = copy.media_type
        else:
            item["media_type"] = evidence.media_type
        items.append(item)
    return items


# The steps a deviation can be recorded on, as the Indonesian summary names them.
STEP_NAMES = {
    "summons_issue_1": "surat panggilan I",
    "summons_issue_2": "surat panggilan II",
    "examination_missed": "ketidakhadiran pada pemeriksaan",
    "examination_hold": "pemeriksaan",
    "question_record": "tanya jawab pemeriksaan",
    "bap_record": "berita acara pemeriksaan",
    "findings_report": "laporan hasil pemeriksaan",
    "team_form": "pembentukan tim pemeriksa",
    "temporary_release": "pembebasan sementara dari tugas jabatan",
    "decision_take": "keputusan hukuman disiplin",
    "objection_reply": "tanggapan atas keberatan",
    "objection_decide": "keputusan atas keberatan",
}


OUTCOME_WORDS = {
    "confirmed": "memperkuat keputusan",
    "reduced": "memperingan hukuman",
    "increased": "memperberat hukuman",
    "changed": "mengubah hukuman",
    "revoked": "mencabut keputusan",
    "annulled": "membatalkan keputusan",
}
STATEMENT_SOURCES = {
    "accused": "Terperiksa",
    "unit": "Unit kerja / instansi (klarifikasi)",
    "witness": "Saksi",
    "reporter": "Pelapor",
}


def _e(value: Any) -> str:
    return html.escape(str(value))


def _document_accused(documents: list[IssuedDocument]) -> dict[int, int]:
    """Each document's accused (id), found through the step it records."""
    from django.apps import apps

    found: dict[int, int] = {}
    for document in documents:
        try:
            subject_id = document.subject_id
            if document.subject_type == "cases.accused":
                # A pemberitahuan hasil to a further complainant: `<accused id>:<report id>`.
                subject_id = subject_id.split(":", 1)[0]
            step = apps.get_model(document.subject_type).objects.get(pk=subject_id)
        except (LookupError, ValueError, ObjectDoesNotExist):
            continue
        if step._meta.label_lower == "cases.accused":
            found[document.pk] = step.pk
            continue
        for path in ("accused_id", "decision.accused_id", "objection.decision.accused_id"):
            value: Any = step
            for part in path.split("."):
                value = getattr(value, part, None)
            if value is not None:
                found[document.pk] = value
                break
    return found


def _posts_on_letters(accused: Any, documents: list[IssuedDocument], owners: dict[int, int]) -> str:
    """The accused's post on the date of each of their letters, as the letters print it."""
    from tegak.documents.context import person_on

    rows = []
    for document in documents:
        if owners.get(document.pk) != accused.pk:
            continue
        person = person_on(accused.employee, document.dated, accused.case)
        post = ", ".join(part for part in (person["position"], person["unit"]) if part)
        rows.append(
            f"<tr><td>{_e(KINDS[document.kind].label)}</td><td>{_e(document.number)}</td>"
            f"<td>{_e(long_date(document.dated))}</td><td>{_e(post or 'tidak tercatat')}</td></tr>"
        )
    if not rows:
        return "<p>Belum ada surat yang diterbitkan untuk pegawai ini.</p>"
    return (
        "<p>Jabatan pada tanggal setiap surat:</p><table><tr><th>Surat</th><th>Nomor</th>"
        f"<th>Tanggal</th><th>Jabatan dan unit kerja pada tanggal itu</th></tr>{''.join(rows)}"
        "</table>"
    )


def _objection_html(accused: Any) -> str:
    from tegak.documents.context import sanction_label

    decision = getattr(accused, "decision", None) if hasattr(accused, "decision") else None
    objection = getattr(decision, "objection", None) if hasattr(decision, "objection") else None
    if decision is None:
        return ""
    if objection is None:
        return "<p>Keberatan / banding: tidak diajukan.</p>"
    kind = "Banding administratif" if objection.kind == "appeal" else "Keberatan"
    reply = getattr(objection, "reply", None) if hasattr(objection, "reply") else None
    parts = [
        f"<p>{kind} diajukan {_e(long_date(objection.filed_on))}. Alasan: "
        f"{_e(objection.grounds.strip())}</p>"
    ]
    if reply is not None:
        parts.append(
            f"<p>Tanggapan pejabat yang berwenang menghukum ({_e(long_date(reply.replied_on))}): "
            f"{_e(reply.text.strip())}</p>"
        )
    if objection.outcome:
        result = OUTCOME_WORDS.get(objection.outcome, objection.outcome)
        if objection.outcome_sanction_code:
            result += f" menjadi {sanction_label(objection.outcome_sanction_code)}"
        decided = f" pada {long_date(objection.decided_on)}" if objection.decided_on else ""
        parts.append(f"<p>Hasil {kind.lower()}: {_e(result)}{_e(decided)}.</p>")
    else:
        parts.append(f"<p>Hasil {kind.lower()}: belum diputus.</p>")
    return "".join(parts)


def _statements_html(case: Any) -> str:
    """Every statement of the case, and whether the evidence contradicts it."""
    from tegak.cases.timeline import case_timeline

    with translation.override("id"):
        entries = [entry for entry in case_timeline(case) if entry.kind == "statement"]
    if not entries:
        return "<p>Tidak ada keterangan yang dicatat.</p>"
    statements = {statement.text: statement for statement in case.statements.all()}
    rows = []
    for entry in entries:
        statement = statements.get(entry.detail)
        source = STATEMENT_SOURCES.get(statement.source, "") if statement else ""
        given = long_date(statement.given_on) if statement else ""
        flag = (
            "<strong>BERTENTANGAN DENGAN BUKTI</strong>: "
            + " ".join(_e(text) for text in entry.contradictions)
            if entry.contradictions
            else "tidak bertentangan dengan bukti yang tercatat"
        )
        rows.append(
            f"<tr><td>{_e(source)}</td><td>{_e(given)}</td><td>{_e(entry.detail)}</td>"
            f"<td>{flag}</td></tr>"
        )
    contradicted = sum(1 for entry in entries if entry.contradictions)
    return (
        f"<p>{len(entries)} keterangan; {contradicted} bertentangan dengan bukti.</p>"
        "<table><tr><th>Pemberi keterangan</th><th>Tanggal</th><th>Keterangan</th>"
        f"<th>Pemeriksaan terhadap bukti</th></tr>{''.join(rows)}</table>"
    )


def _accused_html(accused: Any, documents: list[IssuedDocument], owners: dict[int, int]) -> str:
    from tegak.documents.context import person_on, provision_label_for, sanction_label

    person = person_on(accused.employee, accused.case.opened_on, accused.case)
    allegations = "".join(
        f"<li>{_e(provision_label_for(accused, item))}, "
        f"{_e(long_date(item.committed_on, with_day=True))}: {_e(item.description.strip())}</li>"
        for item in accused.allegations.all()
    )
    decision = getattr(accused, "decision", None) if hasattr(accused, "decision") else None
    outcome = (
        f"{_e(sanction_label(decision.sanction_code))} ({_e(long_date(decision.decided_on))})"
        if decision is not None
        else "belum diputus"
    )
    # Steps taken by someone other than the lawful official (tegak.cases.authority).
    deviations = "".join(
        f"<li>{_e(long_date(row.day))}, {_e(STEP_NAMES.get(row.step, row.step))}: "
        f"bukan pejabat yang berwenang ({_e(row.expected)}); alasan: {_e(row.reason)}</li>"
        for row in accused.step_authorities.filter(deviation=True).order_by("day", "id")
    )
    identity = " — ".join(part for part in (person["name"], person["id_line"]) if part)
    return (
        f"<h3>{_e(identity)}</h3>"
        f"<p>{_e(person['status_label'])}. Saat kasus dibuka: "
        f"{_e(', '.join(part for part in (person['position'], person['unit']) if part) or '-')}."
        f"</p><ul>{allegations}</ul><p>Tahap: {_e(accused.get_stage_display())}. "
        f"Keputusan: {outcome}.</p>"
        + _objection_html(accused)
        + _posts_on_letters(accused, documents, owners)
        + (
            f"<p><strong>PENYIMPANGAN KEWENANGAN</strong></p><ul>{deviations}</ul>"
            if deviations
            else ""
        )
    )


def _summary_html(
    case: Any,
    documents: list[IssuedDocument],
    sent: dict[str, str],
    evidence: list[dict[str, Any]],
    recipient: str,
    sent_at: datetime,
) -> str:
    """The summary: `sent` maps each document's pk (as text) to the path and hash in the ZIP."""
    owners = _document_accused(documents)
    by_date = sorted(documents, key=lambda item: (item.dated, item.pk))
    with translation.override("id"):
        rows = [
            _accused_html(accused, by_date, owners)
            for accused in case.accused.select_related("employee").order_by("id")
        ]
    document_rows = "".join(
        f"<tr><td>{_e(KINDS[item.kind].label)}</td><td>{_e(item.number)}</td>"
        f"<td>{_e(long_date(item.dated))}</td>"
        f"<td>{'ditandatangani' if item.locked else 'belum ditandatangani'}</td></tr>"
        f"<tr><td colspan='4' style='font-size:7pt'>{_e(sent.get(str(item.pk), ''))}</td></tr>"
        for item in by_date
    )
    evidence_rows = "".join(
        f"<tr><td>{index}</td><td>{_e(item.get('url') or item.get('media_type', ''))}</td>"
        + (
            f"<td style='font-size:7pt'>{_e(item['path'])} {item['sha256_sent']}</td></tr>"
            if item.get("sha256_sent")
            else "<td style='font-size:7pt'>tidak dikirim (tidak ada salinan bersih)</td></tr>"
        )
        for index, item in enumerate(evidence, start=1)
    )
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><style>'
        "@page{size:A4;margin:2cm}body{font-family:'DejaVu Sans';font-size:9.5pt}"
        "table{border-collapse:collapse;width:100%}td,th{border:0.5pt solid #000;padding:2pt;"
        "vertical-align:top;text-align:left}"
        "</style></head><body>"
        f"<h1>Ringkasan Berkas Kasus {_e(case.register_number)}</h1>"
        f"<p>{_e(case.instansi.name)}. Dibuka {_e(long_date(case.opened_on))}. "
        f"Disampaikan kepada {_e(recipient)} pada "
        f"{_e(long_date(timezone.localtime(sent_at).date()))}.</p>"
        f"<h2>Pegawai yang diperiksa</h2>{''.join(rows)}"
        f"<h2>Keterangan</h2>{_statements_html(case)}"
        "<h2>Dokumen</h2><p>Di bawah setiap dokumen: berkasnya dalam paket ini dan SHA-256-nya.</p>"
        "<table><tr><th>Jenis</th><th>Nomor</th><th>Tanggal</th><th>Status</th></tr>"
        f"{document_rows}</table>"
        "<h2>Bukti</h2><table><tr><th>No.</th><th>Jenis / tautan</th>"
        "<th>Salinan bersih dalam paket dan SHA-256-nya</th></tr>"
        f"{evidence_rows}</table>"
        "<p>Identitas pelapor tidak disertakan. Bukti dikirim sebagai salinan bersih (metadata "
        "dihapus); nilai SHA-256 di atas adalah nilai berkas dalam paket ini, sebagaimana "
        "tercantum dalam manifest.json. Periksa dengan <code>tegak dossier verify</code>."
        "</p></body></html>"
    )


def _check_no_identity(content: _Content, events: list[dict[str, Any]]) -> None:
    for event in events:
        leaked = IDENTITY_KEYS & set(event["data"])
        if leaked:
            raise InputError(
                "case",
                _(
                    "Audit event #%(sequence)s holds %(keys)s; a dossier never carries a "
                    "reporter's identity. Nothing was sent."
                )
                % {"sequence": event["sequence"], "keys": ", ".join(sorted(leaked))},
            )
    for path, data in content.files.items():
        if content.kinds[path] == "evidence":
            continue
        # Hashes are long hex strings that can hold digit runs looking like a NIK or a phone.
        source = content.texts[path] if path in content.texts else _text_of(path, data)
        text = _HEX_RUN.sub(" ", source)
        for label, pattern in CONTACT_PATTERNS.items():
            if pattern.search(text):
                raise InputError(
                    "case",
                    _(
                        "The dossier would contain what looks like %(what)s in %(path)s; "
                        "a reporter's contact details never leave in a dossier. Nothing was sent."
                    )
                    % {"what": label, "path": path},
                )


def _text_of(path: str, data: bytes) -> str:
    if path.endswith(".pdf"):
        from pypdf import PdfReader

        try:
            return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
        except Exception:  # a scan without text layer: nothing to read
            return ""
    return data.decode("utf-8", errors="ignore")


def dossier_contents(
    *, case: Any, recipient_kind: str, recipient_name: str, purpose: str, sent_at: datetime
) -> tuple[bytes, dict[str, Any]]:
    """Build the ZIP bytes and the manifest (nothing is recorded here)."""
    documents = list(
        IssuedDocument.objects.filter(case_key=str(case.pk))
        .exclude(kind__in=[code for code, kind in KINDS.items() if kind.confidential])
        .order_by("kind", "dated", "id")
    )
    content = _Content()
    sent: dict[str, str] = {}
    for document in documents:
        stem = f"documents/{document.kind}-{_safe(document.number)}"
        with document.file_pdf.open("rb") as handle:
            data = handle.read()
        content.add(f"{stem}.pdf", data, "document")
        sent[str(document.pk)] = f"{stem}.pdf {_sha(data)}"
        if document.signed_file:
            extension = document.signed_file.name.rsplit(".", 1)[-1]
            with document.signed_file.open("rb") as handle:
                content.add(f"{stem}-ditandatangani.{extension}", handle.read(), "signed_copy")
    evidence = _evidence(case)
    for index, item in enumerate(evidence, start=1):
        if "data" in item:
            extension = item.get("media_type", "").rsplit("/", 1)[-1] or "bin"
            path = f"evidence/{index:03d}.{_safe(extension)}"
            data = item.pop("data")
            content.add(path, data, "evidence")
            # The summary lists what is in the ZIP: the cleaned copy and its own hash.
            item["path"], item["sha256_sent"] = path, _sha(data)
    events = [_event_line(event) for event in _case_events(case)]
    audit_bytes = "".join(
        json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in events
    ).encode()
    content.add(AUDIT, audit_bytes, "audit")
    from tegak.audit.checkpoints import checkpoint_for_dossier

    # The chain's head signed now: the recipient can later ask for the chain to be shown to
    # extend it (nothing before it rewritten).
    checkpoint = json.dumps(checkpoint_for_dossier(), ensure_ascii=False, sort_keys=True)
    content.add(CHECKPOINT, checkpoint.encode(), "audit_checkpoint")
    summary_html = _summary_html(case, documents, sent, evidence, recipient_name, sent_at)
    content.add(
        "summary.pdf", html_to_pdf(summary_html), "summary", text=html.unescape(summary_html)
    )
    _check_no_identity(content, events)
    manifest = {
        "format": FORMAT,
        "created_at": sent_at.isoformat(),
        "instansi": case.instansi.code,
        "case": case.register_number,
        "recipient": {"kind": recipient_kind, "name": recipient_name},
        "purpose": purpose,
        "signature_algorithm": signing.SIGNATURE_ALGORITHM,
        "public_key": signing.public_key_text(),
        "key_id": signing.key_id(),
        "audit": {
            "events": len(events),
            "first_sequence": events[0]["sequence"] if events else None,
            "last_sequence": events[-1]["sequence"] if events else None,
        },
        "files": [
            {"path": path, "sha256": _sha(data), "size": len(data), "kind": content.kinds[path]}
            for path, data in sorted(content.files.items())
        ],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(SIGNATURE, signing.sign_text(manifest_bytes) + "\n")
        for path, data in sorted(content.files.items()):
            archive.writestr(path, data)
    return buffer.getvalue(), manifest


def dossier_send(
    *, actor: Any, case: Any, recipient_kind: str, recipient_name: str, purpose: str = ""
) -> DossierDispatch:
    """Build a dossier of the case for a recipient and record what was sent to whom."""
    from django.core.files.base import ContentFile

    from tegak.cases.selectors import cases_for

    if not has_role(actor, case.instansi, DOSSIER_SENDERS):
        raise PermissionDenied
    if not cases_for(actor).filter(pk=case.pk).exists():
        raise PermissionDenied
    if recipient_kind not in RecipientKind.values:
        raise InputError("recipient_kind", _("Choose who receives the dossier."))
    recipient_name = recipient_name.strip()
    if not recipient_name:
        raise InputError("recipient_name", _("Name the body or person the dossier goes to."))
    still_rendering = [
        document.number
        for document in IssuedDocument.objects.filter(case_key=str(case.pk), file_pdf="")
    ]
    if still_rendering:
        raise InputError(
            "__all__",
            _(
                "The PDF of %(numbers)s is still being prepared; build the dossier again in a "
                "moment, so that it holds every document."
            )
            % {"numbers": ", ".join(still_rendering)},
        )
    sent_at = timezone.now()
    data, manifest = dossier_contents(
        case=case,
        recipient_kind=recipient_kind,
        recipient_name=recipient_name,
        purpose=purpose,
        sent_at=sent_at,
    )
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    with transaction.atomic():
        dispatch = DossierDispatch(
            instansi=case.instansi,
            subject_type="case",
            subject_id=str(case.pk),
            subject_label=case.register_number,
            recipient_kind=recipient_kind,
            recipient_name=recipient_name[:200],
            purpose=purpose[:300],
            sha256=_sha(data),
            manifest_sha256=_sha(manifest_bytes),
            contents=[
                {"path": item["path"], "sha256": item["sha256"]} for item in manifest["files"]
            ],
            sent_by=actor,
            sent_at=sent_at,
        )
        dispatch.file.save(
            f"{hashlib.sha256(data).hexdigest()[:32]}.zip", ContentFile(data), save=False
        )
        try:
            dispatch.save()
            audit_record(
                actor=actor,
                action="documents.dossier_sent",
                target=dispatch,
                instansi_code=case.instansi.code,
                data={
                    "case_id": case.pk,
                    "recipient_kind": recipient_kind,
                    "files": len(manifest["files"]),
                    "sha256": dispatch.sha256,
                    "manifest_sha256": dispatch.manifest_sha256,
                },
            )
        except Exception:
            dispatch.file.delete(save=False)
            raise
    return dispatch


def dossier_verify(data: bytes, *, public_key: str | None = None) -> VerifyReport:
    """Check a dossier (see `dossier_offline.verify_dossier`); by default against this
    installation's public key. The installation's archive limits are checked first."""
    try:
        check_zip(zipfile.ZipFile(io.BytesIO(data)))
    except (zipfile.BadZipFile, ArchiveRefused) as error:
        raise DossierUnreadable(str(error) or error.__class__.__name__) from error
    return verify_dossier(
        data, public_key=public_key if public_key is not None else signing.public_key_text()
    )
