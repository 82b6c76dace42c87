"""BKN's SIASN: the disciplinary sanction record (`POST /hukdis/save`) of a final decision.

When a decision becomes final (audit events `decision.final`, `decision.objection_decided`),
the record is prepared in the same transaction (`SiasnRecord`): `jenisHukumanId`,
`alasanHukumanDisiplinId`, `skNomor`, `skTanggal`, `hukumanTanggal`, `akhirHukumanTanggal`,
`masaBulan`, `masaTahun`, `nomorPp`; what is missing (a decree not yet numbered, a sanction code
not in the mapping) is listed on it. A job then sends it (retried with backoff):

1. a token by OAuth2 client credentials (`POST <token_url>`, `grant_type=client_credentials`);
2. `pnsOrangId` from `GET <base>/pns/data-utama/<NIP>` (`data.id`);
3. the decree's signed scan (else its PDF) to `POST <base>/upload-dok` (multipart `file`,
   `id_ref_dokumen`), whose answer gives the document path;
4. `POST <base>/hukdis/save` with the record, `pnsOrangId` and `path`.

The answer is kept on the record and in the case's history (audit log). The same record can be
downloaded as JSON for agencies that upload by hand. The mapping from Tegak's sanction codes
and provisions to SIASN's reference ids is data (`data/siasn-hukdis.json`), overridable with
`TEGAK_SIASN_MAPPING_FILE` once the agency has SIASN's current reference lists.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tegak.cases.history import case_event
from tegak.cases.models import Accused
from tegak.connectors.http import RemoteError, request_json
from tegak.connectors.models import SiasnRecord, SiasnSettings, SiasnState
from tegak.decisions.models import Decision, Objection
from tegak.documents.models import IssuedDocument
from tegak.intake import sealing

DATA_FILE = Path(__file__).parent / "data" / "siasn-hukdis.json"
SEND_TASK = "tegak.connectors.tasks.siasn_send"


def mapping() -> dict[str, Any]:
    """The shipped mapping, with the agency's file (TEGAK_SIASN_MAPPING_FILE) laid over it."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    override = getattr(settings, "SIASN_MAPPING_FILE", "")
    if override:
        extra = json.loads(Path(override).read_text(encoding="utf-8"))
        for section in ("sanctions", "reasons"):
            for key, value in (extra.get(section) or {}).items():
                merged = dict(data[section].get(key) or {})
                merged.update(value if isinstance(value, dict) else {"id": value})
                data[section][key] = merged
    return data


def _siasn_date(day: date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    days = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30]
    days += [31, 31, 30, 31, 30, 31]
    return date(year, month, min(day.day, days[month - 1]))


def decree_of(decision: Decision) -> IssuedDocument | None:
    """The numbered decree (keputusan) issued for the decision, if any."""
    return (
        IssuedDocument.objects.filter(
            subject_type="decisions.decision",
            subject_id=str(decision.pk),
            kind__startswith="keputusan_",
        )
        .exclude(kind="keputusan_tim_pemeriksa")
        .order_by("-issued_at")
        .first()
    )


def _reason_id(data: dict[str, Any], accused: Accused) -> str | None:
    reasons = data["reasons"]
    for allegation in accused.allegations.all():
        parts = allegation.provision.split(":")
        for end in range(len(parts), 0, -1):
            found = reasons.get(":".join(parts[:end]))
            if found and found.get("id"):
                return str(found["id"])
    default = reasons.get("default") or {}
    return str(default["id"]) if default.get("id") else None


def build(accused: Accused, sanction_code: str) -> tuple[dict[str, Any], list[str], str]:
    """The record's fields, what is missing, and the decree's file name."""
    data = mapping()
    decision: Decision = accused.decision
    missing: list[str] = []
    sanction = data["sanctions"].get(sanction_code) or {}
    if not sanction.get("jenisHukumanId"):
        missing.append("jenisHukumanId")
    reason = _reason_id(data, accused)
    if not reason:
        missing.append("alasanHukumanDisiplinId")
    decree = decree_of(decision)
    if decree is None:
        missing.append("skNomor")
    start = accused.effective_on or accused.final_on or decision.decided_on
    months = int(sanction.get("masaBulan") or 0)
    end = _add_months(start, months) if months else None
    record = {
        "jenisHukumanId": str(sanction.get("jenisHukumanId") or ""),
        "alasanHukumanDisiplinId": reason or "",
        "skNomor": decree.number if decree else "",
        "skTanggal": _siasn_date(decree.dated if decree else None),
        "hukumanTanggal": _siasn_date(start),
        "akhirHukumanTanggal": _siasn_date(end),
        "masaBulan": str(months % 12),
        "masaTahun": str(months // 12),
        "nomorPp": str(sanction.get("nomorPp") or ""),
        "keterangan": f"Tegak {accused.case.register_number}",
    }
    name = ""
    if decree is not None:
        stored = decree.signed_file or decree.file_pdf
        name = stored.name if stored else ""
        if not name:
            missing.append("path")
    return record, missing, name


def sanction_of(accused: Accused) -> str:
    """The sanction in force once final: the decision's, or the objection's outcome ("" when
    revoked or annulled, or when there is no decision)."""
    decision = Decision.objects.filter(accused=accused).first()
    if decision is None:
        return ""
    objection = Objection.objects.filter(decision=decision).first()
    if objection is not None and objection.outcome:
        if objection.outcome in ("revoked", "annulled"):
            return ""
        if objection.outcome_sanction_code:
            return objection.outcome_sanction_code
    return decision.sanction_code


def on_final(event: Any) -> None:
    """Audit-event subscriber (in the step's transaction): prepare the record of a decision
    that became final. A broken mapping file never blocks the step: the record says so."""
    accused_id = (event.data or {}).get("accused_id")
    accused = (
        Accused.objects.select_related("case", "employee").filter(pk=accused_id).first()
        if accused_id
        else None
    )
    if accused is None or accused.final_on is None:
        return
    prepare(accused=accused, sanction_code=sanction_of(accused))


def _enqueue(record_id: int) -> None:
    from tegak.connectors.tasks import siasn_send

    siasn_send.enqueue(record_id)


def prepare(*, accused: Accused, sanction_code: str) -> SiasnRecord | None:
    """Prepare (or prepare again) the record of a final decision, in the caller's transaction;
    queued for sending when the instansi is connected and nothing is missing."""
    if not sanction_code or accused.employee.status not in ("PNS", "CPNS"):
        return None
    try:
        record, missing, name = build(accused, sanction_code)
    except (OSError, ValueError, KeyError) as error:
        record, missing, name = {}, [f"mapping ({type(error).__name__})"], ""
    row, _created = SiasnRecord.objects.update_or_create(
        accused=accused,
        defaults={
            "instansi_id": accused.case.instansi_id,
            "case": accused.case,
            "record": record,
            "nip": accused.employee.nip,
            "document_name": name,
            "missing": missing,
            "state": SiasnState.INCOMPLETE if missing else SiasnState.PENDING,
            "attempts": 0,
            "last_error": "",
        },
    )
    connected = SiasnSettings.objects.filter(
        instansi_id=accused.case.instansi_id, active=True
    ).exists()
    if not missing and connected:
        transaction.on_commit(partial(_enqueue, row.pk))
    return row


def download(row: SiasnRecord) -> dict[str, Any]:
    """The record as it is sent (for a manual upload): the fields, the NIP, the decree file."""
    return {
        "hukdis": {**row.record, "pnsOrangId": "", "path": ""},
        "nip": row.nip,
        "dokumen": row.document_name.rsplit("/", 1)[-1],
        "kurang": row.missing,
    }


def _token(conn: SiasnSettings) -> str:
    secret = ""
    if conn.client_secret_sealed:
        secret = str(
            sealing.unseal(conn.client_secret_sealed, instansi=conn.instansi).get("secret", "")
        )
    basic = base64.b64encode(f"{conn.client_id}:{secret}".encode()).decode()
    answer = request_json(
        "POST",
        conn.token_url,
        form={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )
    token = answer.get("access_token") if isinstance(answer, dict) else None
    if not isinstance(token, str) or not token:
        raise RemoteError("the token answer has no access_token")
    return token


def _multipart(fields: dict[str, str], name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _upload(conn: SiasnSettings, token: str, row: SiasnRecord) -> str:
    from django.core.files.storage import default_storage

    with default_storage.open(row.document_name, "rb") as handle:
        content = handle.read()
    body, content_type = _multipart(
        {"id_ref_dokumen": str(mapping().get("idRefDokumen") or "")},
        row.document_name.rsplit("/", 1)[-1],
        content,
    )
    answer = request_json(
        "POST",
        conn.base_url.rstrip("/") + "/upload-dok",
        data=body,
        content_type=content_type,
        headers={"Authorization": f"Bearer {token}"},
    )
    data = answer.get("data") if isinstance(answer, dict) else None
    path = data.get("dok_uri") if isinstance(data, dict) else None
    if not isinstance(path, str) or not path:
        raise RemoteError("the upload answer has no document path")
    return path


def send(record_id: int) -> str:
    """Send one record (the job's body); RemoteError while it fails, so the job retries."""
    from tegak.connectors.outbox import max_tries

    row = SiasnRecord.objects.select_related("case", "case__instansi").filter(pk=record_id).first()
    if row is None:
        return "gone"
    if row.state in (SiasnState.SENT, SiasnState.INCOMPLETE):
        return str(row.state)
    conn = (
        SiasnSettings.objects.filter(instansi_id=row.instansi_id, active=True)
        .select_related("instansi")
        .first()
    )
    try:
        if conn is None:
            raise RemoteError("no active SIASN connection for this instansi")
        token = _token(conn)
        base = conn.base_url.rstrip("/")
        person = request_json(
            "GET", f"{base}/pns/data-utama/{row.nip}", headers={"Authorization": f"Bearer {token}"}
        )
        data = person.get("data") if isinstance(person, dict) else None
        person_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(person_id, str) or not person_id:
            raise RemoteError("SIASN does not know this NIP")
        path = _upload(conn, token, row)
        answer = request_json(
            "POST",
            f"{base}/hukdis/save",
            json_body={**row.record, "pnsOrangId": person_id, "path": path},
            headers={"Authorization": f"Bearer {token}"},
        )
        if not isinstance(answer, dict) or answer.get("success") is not True:
            raise RemoteError("SIASN did not confirm the record")
    except RemoteError as error:
        row.attempts += 1
        row.last_error = str(error)[:300]
        row.state = (
            SiasnState.FAILED if row.attempts >= max_tries(SEND_TASK) else SiasnState.RETRYING
        )
        row.save(update_fields=["attempts", "last_error", "state"])
        raise
    kept = {"mapData": answer.get("mapData"), "message": str(answer.get("message") or "")[:300]}
    with transaction.atomic():
        row.attempts += 1
        row.state = SiasnState.SENT
        row.sent_at = timezone.now()
        row.last_error = ""
        row.answer = kept
        row.save(update_fields=["attempts", "state", "sent_at", "last_error", "answer"])
        case_event(
            actor="system",
            action="connectors.siasn_recorded",
            case=row.case,
            target=row,
            data={"accused_id": row.accused_id, "answer": kept},
        )
    return "sent"
