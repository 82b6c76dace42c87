"""Dossiers for oversight bodies and auditors: one ZIP that proves what it contains.

Layout (format `tegak-dossier/1`):

    manifest.json   what is inside: every file with its SHA-256 and size, the case, the recipient
    manifest.sig    HMAC-SHA256 of manifest.json with a key derived from the server's secret
    summary.pdf     the case on one or two pages: accused, allegations, steps, documents, evidence
    documents/...   each issued document's PDF, and its signed scan when there is one
    evidence/...    cleaned copies of evidence files (metadata removed), never the originals
    audit.jsonl     the case's audit events, each with its previous hash and hash

Anyone can check the files against the manifest and each audit event against its own hash
(`tegak dossier verify FILE.zip`); the issuing server also checks the signature, which proves the
manifest itself was not rewritten. The reporter's identity never enters a dossier: it is not read,
receipts are left out, and the text is scanned for contact details before anything is sent.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tegak.audit.models import AuditEvent
from tegak.audit.services import audit_record, canonical_payload, chain_hash
from tegak.core.archives import check_zip
from tegak.core.errors import InputError
from tegak.documents.access import DOSSIER_SENDERS, has_role
from tegak.documents.formatting import long_date
from tegak.documents.kinds import KINDS
from tegak.documents.models import DossierDispatch, IssuedDocument, RecipientKind
from tegak.documents.render import html_to_pdf

FORMAT = "tegak-dossier/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
AUDIT = "audit.jsonl"
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


def signing_key() -> bytes:
    """The dossier key, derived from the server's secret (never stored, never exported)."""
    return hashlib.sha256(b"tegak-dossier-key\n" + settings.SECRET_KEY.encode()).digest()


def key_id(key: bytes) -> str:
    """A short public name of the key, so a verifier knows whether it holds it."""
    return hashlib.sha256(b"key-id\n" + key).hexdigest()[:16]


def sign(manifest: bytes, key: bytes) -> str:
    return hmac.new(key, manifest, hashlib.sha256).hexdigest()


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
    "decision_take": "keputusan hukuman disiplin",
    "objection_decide": "keputusan atas keberatan",
}


def _summary_html(
    case: Any,
    documents: list[IssuedDocument],
    evidence: list[dict[str, Any]],
    recipient: str,
    sent_at: datetime,
) -> str:
    from tegak.documents.context import person_on, provision_label, sanction_label

    rows = []
    for accused in case.accused.select_related("employee").order_by("id"):
        person = person_on(accused.employee, case.opened_on)
        allegations = "".join(
            f"<li>{html.escape(provision_label(item.provision))}, "
            f"{html.escape(long_date(item.committed_on, with_day=True))}: "
            f"{html.escape(item.description)}</li>"
            for item in accused.allegations.all()
        )
        decision = getattr(accused, "decision", None) if hasattr(accused, "decision") else None
        outcome = (
            f"{html.escape(sanction_label(decision.sanction_code))} "
            f"({html.escape(long_date(decision.decided_on))})"
            if decision is not None
            else "belum diputus"
        )
        # Steps taken by someone other than the lawful official (tegak.cases.authority).
        deviations = "".join(
            f"<li>{html.escape(long_date(row.day))}, "
            f"{html.escape(STEP_NAMES.get(row.step, row.step))}: "
            f"bukan pejabat yang berwenang ({html.escape(row.expected)}); alasan: "
            f"{html.escape(row.reason)}</li>"
            for row in accused.step_authorities.filter(deviation=True).order_by("day", "id")
        )
        rows.append(
            f"<h3>{html.escape(person['name'])} — NIP {html.escape(person['nip'])}</h3>"
            f"<p>{html.escape(person['position'])}, {html.escape(person['unit'])}</p>"
            f"<ul>{allegations}</ul><p>Tahap: {html.escape(accused.get_stage_display())}. "
            f"Keputusan: {outcome}.</p>"
            + (
                f"<p><strong>PENYIMPANGAN KEWENANGAN</strong></p><ul>{deviations}</ul>"
                if deviations
                else ""
            )
        )
    document_rows = "".join(
        f"<tr><td>{html.escape(KINDS[item.kind].title)}</td><td>{html.escape(item.number)}</td>"
        f"<td>{html.escape(long_date(item.dated))}</td>"
        f"<td>{'ditandatangani' if item.locked else 'belum ditandatangani'}</td></tr>"
        for item in documents
    )
    evidence_rows = "".join(
        f"<tr><td>{index}</td><td>{html.escape(item.get('url') or item.get('media_type', ''))}</td>"
        f"<td style='font-size:7pt'>{item['sha256_original']}</td></tr>"
        for index, item in enumerate(evidence, start=1)
    )
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><style>'
        "@page{size:A4;margin:2cm}body{font-family:'DejaVu Sans';font-size:9.5pt}"
        "table{border-collapse:collapse;width:100%}td,th{border:0.5pt solid #000;padding:2pt}"
        "</style></head><body>"
        f"<h1>Ringkasan Berkas Kasus {html.escape(case.register_number)}</h1>"
        f"<p>{html.escape(case.instansi.name)}. Dibuka {html.escape(long_date(case.opened_on))}. "
        f"Disampaikan kepada {html.escape(recipient)} pada "
        f"{html.escape(long_date(timezone.localtime(sent_at).date()))}.</p>"
        f"<h2>Pegawai yang diperiksa</h2>{''.join(rows)}"
        "<h2>Dokumen</h2><table><tr><th>Jenis</th><th>Nomor</th><th>Tanggal</th><th>Status</th>"
        f"</tr>{document_rows}</table>"
        "<h2>Bukti</h2><table><tr><th>No.</th><th>Jenis / tautan</th><th>SHA-256 asli</th></tr>"
        f"{evidence_rows}</table>"
        "<p>Identitas pelapor tidak disertakan. Setiap berkas dalam paket ini tercantum dalam "
        "manifest.json dengan nilai SHA-256-nya; periksa dengan <code>tegak dossier verify</code>."
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
    for document in documents:
        stem = f"documents/{document.kind}-{_safe(document.number)}"
        with document.file_pdf.open("rb") as handle:
            content.add(f"{stem}.pdf", handle.read(), "document")
        if document.signed_file:
            extension = document.signed_file.name.rsplit(".", 1)[-1]
            with document.signed_file.open("rb") as handle:
                content.add(f"{stem}-ditandatangani.{extension}", handle.read(), "signed_copy")
    evidence = _evidence(case)
    for index, item in enumerate(evidence, start=1):
        if "data" in item:
            extension = item.get("media_type", "").rsplit("/", 1)[-1] or "bin"
            content.add(f"evidence/{index:03d}.{_safe(extension)}", item.pop("data"), "evidence")
    events = [_event_line(event) for event in _case_events(case)]
    audit_bytes = "".join(
        json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in events
    ).encode()
    content.add(AUDIT, audit_bytes, "audit")
    summary_html = _summary_html(case, documents, evidence, recipient_name, sent_at)
    content.add(
        "summary.pdf", html_to_pdf(summary_html), "summary", text=html.unescape(summary_html)
    )
    _check_no_identity(content, events)
    key = signing_key()
    manifest = {
        "format": FORMAT,
        "created_at": sent_at.isoformat(),
        "instansi": case.instansi.code,
        "case": case.register_number,
        "recipient": {"kind": recipient_kind, "name": recipient_name},
        "purpose": purpose,
        "key_id": key_id(key),
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
        archive.writestr(SIGNATURE, sign(manifest_bytes, key) + "\n")
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


@dataclass
class VerifyReport:
    """The outcome of checking a dossier."""

    ok: bool
    files_checked: int = 0
    events_checked: int = 0
    problem_path: str = ""
    problem: str = ""
    signature: str = "not checked"  # valid | invalid | not checked (another server's key)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files_checked": self.files_checked,
            "events_checked": self.events_checked,
            "problem_path": self.problem_path,
            "problem": self.problem,
            "signature": self.signature,
        }


class DossierUnreadable(Exception):
    """Not a dossier at all (not a ZIP, or no manifest)."""

    def message(self) -> str:
        return _("This is not a Tegak dossier (%(reason)s).") % {"reason": self}


def dossier_verify(data: bytes, *, key: bytes | None = None) -> VerifyReport:
    """Check every file against the manifest, every audit event against its hash, and the
    signature when the key is ours. The first problem found is reported by path."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_zip(archive)  # before anything is unpacked: no bomb (#12 item 3)
        names = archive.namelist()
        manifest_bytes = archive.read(MANIFEST)
        manifest = json.loads(manifest_bytes)
        listed = {item["path"]: item for item in manifest["files"]}
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        raise DossierUnreadable(str(error) or error.__class__.__name__) from error
    if manifest.get("format") != FORMAT:
        raise DossierUnreadable(f"unknown format {manifest.get('format')!r}")
    report = VerifyReport(ok=True)
    key = key if key is not None else signing_key()
    if manifest.get("key_id") == key_id(key):
        try:
            stated = archive.read(SIGNATURE).decode().strip()
        except KeyError:
            stated = ""
        report.signature = (
            "valid" if hmac.compare_digest(stated, sign(manifest_bytes, key)) else "invalid"
        )
        if report.signature == "invalid":
            return _fail(report, MANIFEST, "the manifest does not match its signature")
    for path in sorted(listed):
        if path not in names:
            return _fail(report, path, "listed in the manifest but missing")
        try:
            content = archive.read(path)
        except (zipfile.BadZipFile, ValueError) as error:
            return _fail(report, path, f"cannot be read ({error})")
        if _sha(content) != listed[path]["sha256"]:
            return _fail(report, path, "its SHA-256 does not match the manifest")
        report.files_checked += 1
    for path in names:
        if path not in listed and path not in {MANIFEST, SIGNATURE}:
            return _fail(report, path, "present but not listed in the manifest")
    if AUDIT in listed:
        problem = _verify_audit(archive.read(AUDIT), report)
        if problem:
            return _fail(report, AUDIT, problem)
    return report


def _fail(report: VerifyReport, path: str, problem: str) -> VerifyReport:
    report.ok, report.problem_path, report.problem = False, path, problem
    return report


def _verify_audit(data: bytes, report: VerifyReport) -> str:
    """Each event recomputed from its own fields and its previous hash (link by link)."""
    for number, line in enumerate(data.decode("utf-8").splitlines(), start=1):
        try:
            event = json.loads(line)
            payload = canonical_payload(
                sequence=event["sequence"],
                occurred_at=datetime.fromisoformat(event["occurred_at"]),
                actor_id=event["actor_id"],
                actor_label=event["actor_label"],
                action=event["action"],
                instansi_code=event["instansi_code"],
                target_type=event["target_type"],
                target_id=event["target_id"],
                data=event["data"],
            )
        except (ValueError, KeyError, TypeError):
            return f"line {number} is not an audit event"
        if chain_hash(event["previous_hash"], payload) != event["hash"]:
            return f"event #{event['sequence']} (line {number}) does not match its hash"
        report.events_checked += 1
    return ""
