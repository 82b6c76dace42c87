"""Dossiers: every file hashed in the manifest, the audit segment checkable, no reporter identity"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.documents.dossier import dossier_send, dossier_verify
from tegak.documents.formatting import long_date
from tegak.documents.models import DossierDispatch
from tegak.documents.services import document_issue_for_case, document_sign

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

PDF_SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def dossier(case_file, authorised_official, instansi):
    """A case with a signed summons and a decree, sent to the Inspektorat."""
    case_file.summon()
    summons = document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="surat_panggilan_1"
    )
    document_sign(
        actor=authorised_official, document=summons, upload=SimpleUploadedFile("s.pdf", PDF_SCAN)
    )
    case_file.examine(case_file.case.summonses.get())
    case_file.decide()
    document_issue_for_case(
        actor=authorised_official, accused=case_file.accused, kind="keputusan_hukuman_ringan"
    )
    return dossier_send(
        actor=authorised_official,
        case=case_file.case,
        recipient_kind="inspektorat",
        recipient_name="Inspektorat Kota Uji",
        purpose="Permintaan berkas",
    )


def _bytes(dispatch):
    with dispatch.file.open("rb") as handle:
        return handle.read()


def test_dossier_holds_summary_documents_signed_copy_audit_and_manifest(dossier):
    data = _bytes(dossier)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    manifest = json.loads(archive.read("manifest.json"))
    listed = {item["path"] for item in manifest["files"]}
    assert names == listed | {"manifest.json", "manifest.sig"}
    assert "summary.pdf" in listed and "audit.jsonl" in listed
    assert any(name.startswith("documents/surat_panggilan_1-") for name in listed)
    assert any(name.endswith("-ditandatangani.pdf") for name in listed)
    assert any(name.startswith("documents/keputusan_hukuman_ringan-") for name in listed)
    summary = pdf_text(archive.read("summary.pdf"))
    assert "KU-2022-0007" in summary and "Rina Marlina, S.E." in summary
    assert "teguran tertulis" in summary and "Inspektorat Kota Uji" in summary
    actions = [json.loads(line)["action"] for line in archive.read("audit.jsonl").splitlines()]
    assert actions.count("documents.issued") == 2
    assert "documents.signed_copy_recorded" in actions
    assert manifest["recipient"] == {"kind": "inspektorat", "name": "Inspektorat Kota Uji"}
    assert dossier.manifest_sha256 and len(dossier.contents) == len(manifest["files"])
    assert AuditEvent.objects.filter(action="documents.dossier_sent").count() == 1


def test_dossier_verifies(dossier):
    report = dossier_verify(_bytes(dossier))
    assert report.ok, report.problem
    assert report.signature == "valid" and report.events_checked >= 3


def _rewrite(data: bytes, path: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, change(content) if name == path else content)
    return out.getvalue()


def _flip_one_byte(content: bytes) -> bytes:
    middle = len(content) // 2
    return content[:middle] + bytes([content[middle] ^ 0x01]) + content[middle + 1 :]


def test_one_changed_byte_in_any_file_is_found_and_named(dossier):
    data = _bytes(dossier)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    document = next(name for name in names if name.startswith("documents/keputusan"))
    for path in ("summary.pdf", document):
        report = dossier_verify(_rewrite(data, path, _flip_one_byte))
        assert not report.ok and report.problem_path == path


def test_a_changed_byte_in_the_zip_itself_is_detected(dossier):
    data = bytearray(_bytes(dossier))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("summary.pdf")
    # A byte inside the stored (compressed) data of summary.pdf.
    data[info.header_offset + 30 + len(info.filename) + info.compress_size // 2] ^= 0xFF
    try:
        report = dossier_verify(bytes(data))
    except Exception as error:  # a damaged ZIP may be unreadable as a whole
        assert "summary" in str(error) or "CRC" in str(error) or error
    else:
        assert not report.ok and report.problem_path == "summary.pdf"


def test_an_edited_audit_event_is_found(dossier):
    data = _bytes(dossier)

    def edit(content: bytes) -> bytes:
        lines = content.decode().splitlines()
        event = json.loads(lines[0])
        event["actor_label"] = "orang-lain"
        lines[0] = json.dumps(event, sort_keys=True)
        return ("\n".join(lines) + "\n").encode()

    # An attacker who also updates the manifest's hash is caught by the signature...
    edited = _rewrite(data, "audit.jsonl", edit)
    report = dossier_verify(edited)
    assert not report.ok and report.problem_path == "audit.jsonl"
    archive = zipfile.ZipFile(io.BytesIO(edited))
    manifest = json.loads(archive.read("manifest.json"))
    import hashlib

    for item in manifest["files"]:
        if item["path"] == "audit.jsonl":
            item["sha256"] = hashlib.sha256(archive.read("audit.jsonl")).hexdigest()
    rewritten = _rewrite(edited, "manifest.json", lambda _old: json.dumps(manifest).encode())
    report = dossier_verify(rewritten)
    assert not report.ok and report.problem_path == "manifest.json"
    assert report.signature == "invalid"
    # ...and one who signs it again with a key of their own: not the key on the portal, and
    # even checked under their own key, the event no longer matches its hash.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from tegak.core import signing
    from tegak.documents.dossier_offline import verify_dossier

    forger = Ed25519PrivateKey.generate()
    manifest["public_key"] = signing.public_key_text(forger.public_key())
    forged_manifest = json.dumps(manifest).encode()
    forged = _rewrite(rewritten, "manifest.json", lambda _old: forged_manifest)
    forged = _rewrite(
        forged,
        "manifest.sig",
        lambda _old: base64.b64encode(forger.sign(forged_manifest)) + b"\n",
    )
    report = dossier_verify(forged)
    assert not report.ok and report.signature == "other key"
    report = verify_dossier(forged)
    assert not report.ok and report.problem_path == "audit.jsonl"
    assert report.signature == "valid"


def test_an_added_file_is_reported(dossier):
    data = _bytes(dossier)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("evidence/extra.jpg", b"not sent by us")
    report = dossier_verify(out.getvalue())
    assert not report.ok and report.problem_path == "evidence/extra.jpg"


def test_the_verify_command_exit_codes(dossier, tmp_path, capsys):
    good = tmp_path / "berkas.zip"
    good.write_bytes(_bytes(dossier))
    call_command("dossier", "verify", str(good))
    assert "OK" in capsys.readouterr().out
    bad = tmp_path / "berkas-diubah.zip"
    bad.write_bytes(_rewrite(_bytes(dossier), "summary.pdf", _flip_one_byte))
    with pytest.raises(SystemExit) as exited:
        call_command("dossier", "verify", str(bad))
    assert exited.value.code == 1
    assert "summary.pdf" in capsys.readouterr().err
    junk = tmp_path / "bukan.zip"
    junk.write_bytes(b"hello")
    with pytest.raises(SystemExit) as exited:
        call_command("dossier", "verify", str(junk))
    assert exited.value.code == 2
    error = json.loads(capsys.readouterr().err)
    assert error["error"]["field"] == "file"


def test_reporter_contact_details_never_leave(case_file, authorised_official):
    case_file.summon()
    allegation = case_file.accused.allegations.get()
    allegation.description = "dilaporkan oleh pelapor (hubungi 0812-3456-7890)"
    allegation.save()
    with pytest.raises(InputError) as caught:
        dossier_send(
            actor=authorised_official,
            case=case_file.case,
            recipient_kind="ombudsman",
            recipient_name="Ombudsman RI",
        )
    assert "summary.pdf" in caught.value.message
    assert not DossierDispatch.objects.exists()


def test_only_senders_may_send_and_nothing_is_recorded(case_file, examiner, outsider):
    for actor in (examiner, outsider):
        with pytest.raises(Exception) as caught:
            dossier_send(
                actor=actor,
                case=case_file.case,
                recipient_kind="bkn",
                recipient_name="BKN",
            )
        assert caught.type.__name__ == "PermissionDenied"
    assert not DossierDispatch.objects.exists()


def test_hashes_in_a_dossier_are_not_mistaken_for_contact_details():
    from tegak.documents.dossier import _check_no_identity, _Content

    content = _Content()
    digits_in_hash = "ab" + "1234567890123456" + "cd" + "0812345678901" + "e" * 31
    line = json.dumps({"data": {"sha256": digits_in_hash}, "hash": digits_in_hash})
    content.add("audit.jsonl", line.encode(), "audit")
    _check_no_identity(content, [])
    content.add("summary.txt", b"Pelapor: budi@example.org", "summary")
    with pytest.raises(InputError):
        _check_no_identity(content, [])


def _png() -> bytes:
    """A photo whose metadata names the reporter's camera owner: the cleaned copy differs."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Kamera milik pelapor")
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def test_evidence_goes_as_cleaned_copy_and_the_reporter_identity_never_leaves(
    case_file, authorised_official, instansi, django_capture_on_commit_callbacks
):
    from tegak.cases.models import CaseReport
    from tegak.intake.models import Evidence
    from tegak.intake.services import ReportInput, Upload, report_submit
    from tegak.jobs.runner import drain

    identity = {"name": "Sutrisno Pelapor", "phone": "081298765432", "email": "lapor@contoh.id"}
    with django_capture_on_commit_callbacks(execute=True):
        report, _code = report_submit(
            instansi=instansi,
            data=ReportInput(
                summary="Pegawai berkaraoke pada jam kerja",
                description="Terlihat di tempat karaoke pukul 15.00.",
                occurred_on=date(2022, 8, 26),
                location="Kota Uji",
                reporter_mode="confidential",
                identity=identity,
                files=[Upload(name="foto-sutrisno.png", stream=io.BytesIO(_png()))],
            ),
            client_key=None,
        )
    drain()  # the cleaned copy is made by the worker
    CaseReport.objects.create(case=case_file.case, report=report)
    evidence = Evidence.objects.get(report=report)
    dispatch = dossier_send(
        actor=authorised_official,
        case=case_file.case,
        recipient_kind="ombudsman",
        recipient_name="Ombudsman RI Perwakilan",
    )
    data = _bytes(dispatch)
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(archive.read("manifest.json"))
    sent = [item for item in manifest["files"] if item["kind"] == "evidence"]
    assert len(sent) == 1
    assert sent[0]["sha256"] == evidence.clean_copy.sha256
    # The summary lists the hash of the cleaned copy in the ZIP, not the original's.
    assert evidence.clean_copy.sha256 != evidence.sha256
    summary = pdf_text(archive.read("summary.pdf")).replace(" ", "")
    assert evidence.clean_copy.sha256 in summary and evidence.sha256 not in summary
    assert b"Kamera milik pelapor" not in archive.read(sent[0]["path"])
    everything = b"".join(archive.read(name) for name in archive.namelist())
    texts = pdf_text(archive.read("summary.pdf")) + everything.decode("latin-1")
    for secret in (*identity.values(), "foto-sutrisno", _code):
        assert secret not in texts
    assert dossier_verify(data).ok


def test_tegak_dossier_verify_runs_on_a_clean_machine_with_only_the_zip(dossier, tmp_path):
    """No settings, no secret, no database: an empty environment and the ZIP alone."""
    import subprocess
    import sys
    from pathlib import Path

    from tegak.core import signing

    tegak = str(Path(sys.executable).with_name("tegak"))
    good = tmp_path / "berkas.zip"
    good.write_bytes(_bytes(dossier))
    key = signing.public_key_text()

    def run(path, *extra):
        return subprocess.run(
            [tegak, "dossier", "verify", str(path), *extra],
            env={},
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    result = run(good, "--public-key", key)
    assert result.returncode == 0, result.stderr
    assert "OK:" in result.stdout and "signature valid" in result.stdout
    assert "audit checkpoint #" in result.stdout
    assert "NOTE" not in result.stdout
    # Without the installation's key, it says that a re-signed dossier would pass too.
    unkeyed = run(good)
    assert unkeyed.returncode == 0
    assert "NOTE: checked with the key the dossier itself names" in unkeyed.stdout
    assert "--public-key" in unkeyed.stdout and "/integritas/" in unkeyed.stdout
    other = signing.public_key_text(
        __import__("cryptography.hazmat.primitives.asymmetric.ed25519", fromlist=["x"])
        .Ed25519PrivateKey.generate()
        .public_key()
    )
    assert run(good, "--public-key", other).returncode == 1
    archive = zipfile.ZipFile(io.BytesIO(good.read_bytes()))
    for path in archive.namelist():
        broken = tmp_path / "rusak.zip"
        broken.write_bytes(_rewrite(good.read_bytes(), path, _flip_one_byte))
        result = run(broken, "--public-key", key)
        assert result.returncode == 1, path
        assert "BROKEN" in result.stderr


def test_the_summary_names_documents_and_only_hashes_of_files_in_the_zip(dossier):
    import re

    from .conftest import pdf_text

    archive = zipfile.ZipFile(io.BytesIO(_bytes(dossier)))
    text = pdf_text(archive.read("summary.pdf"))
    assert "Keputusan Hukuman Disiplin Tingkat Ringan" in text
    assert "Surat Panggilan I" in text
    manifest = json.loads(archive.read("manifest.json"))
    in_zip = {item["sha256"] for item in manifest["files"]}
    for digest in re.findall(r"\b[0-9a-f]{64}\b", text.replace(" ", "")):
        assert digest in in_zip


def test_the_summary_holds_statements_contradictions_objection_and_posts_on_letter_dates(
    case_file, authorised_official
):
    """#14 item 7: what an oversight body needs to judge the case, as the letters had it."""
    from tegak.cases.models import Statement, StepAuthority
    from tegak.decisions.models import Delivery, Objection, ObjectionReply

    accused = case_file.accused
    case_file.summon()
    summons = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="surat_panggilan_1"
    )
    # She says she left after hours; the evidence puts her out at 15.00 on a working Friday.
    Statement.objects.create(
        case=case_file.case,
        accused=accused,
        source="accused",
        given_on=date(2022, 9, 13),
        claims_within_working_hours=False,
        text="Saya pergi setelah jam kerja selesai.",
        recorded_by=authorised_official,
    )
    Statement.objects.create(
        case=case_file.case,
        source="witness",
        given_on=date(2022, 9, 14),
        text="Saya melihatnya di tempat karaoke.",
        recorded_by=authorised_official,
    )
    decision = case_file.decide()
    decree = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_hukuman_ringan"
    )
    Delivery.objects.create(
        decision=decision,
        delivered_on=date(2022, 9, 22),
        received_on=date(2022, 9, 22),
        delivered_by=authorised_official,
        window_closes_on=date(2022, 10, 12),
    )
    objection = Objection.objects.create(
        decision=decision,
        kind="objection",
        filed_on=date(2022, 9, 28),
        grounds="Saya terlambat karena mengantar anak berobat.",
        recorded_by=authorised_official,
    )
    ObjectionReply.objects.create(
        objection=objection,
        replied_on=date(2022, 10, 4),
        text="Keputusan didasarkan pada pengakuan yang bersangkutan.",
        recorded_by=authorised_official,
    )
    objection.outcome, objection.outcome_sanction_code = "reduced", "teguran_lisan"
    objection.decided_on = date(2022, 10, 20)
    objection.save()
    StepAuthority.objects.create(
        case=case_file.case,
        accused=accused,
        step="objection_decide",
        day=date(2022, 10, 20),
        user=authorised_official,
        capacity="ppk",
    )
    # Dated after her move on 1 October 2022: this letter names her new post.
    on_objection = document_issue_for_case(
        actor=authorised_official, accused=accused, kind="keputusan_atas_keberatan"
    )
    case_file.decide(who=case_file.accused_tkk, sanction="teguran_tertulis")
    data = _bytes(
        dossier_send(
            actor=authorised_official,
            case=case_file.case,
            recipient_kind="inspektorat",
            recipient_name="Inspektorat Kota Uji",
        )
    )
    archive = zipfile.ZipFile(io.BytesIO(data))
    text = pdf_text(archive.read("summary.pdf"))
    spaced = text.replace(" ", "")

    def has(fragment: str) -> bool:
        return fragment.replace(" ", "") in spaced

    # The statements, and the contradiction flagged on hers only.
    assert has("Saya pergi setelah jam kerja selesai.")
    assert has("Saya melihatnya di tempat karaoke.")
    assert has("2 keterangan; 1 bertentangan dengan bukti")
    assert has("BERTENTANGAN DENGAN BUKTI")
    # Its date as the summary's other dates read, not ISO.
    assert has("pukul 15:00 tanggal 26 Agustus 2022")
    assert "2022-08-26" not in text
    # The objection, the official's reply and the outcome.
    assert has("Keberatan diajukan 28 September 2022")
    assert has("mengantar anak berobat")
    assert has("Keputusan didasarkan pada pengakuan yang bersangkutan")
    assert has("memperingan hukuman menjadi teguran lisan pada 20 Oktober 2022")
    # The post on each letter's date: the old one on the summons and decree, the new after.
    for document, post in (
        (summons, "Pengadministrasi Umum"),
        (decree, "Pengadministrasi Umum"),
        (on_objection, "Pengelola Keuangan"),
    ):
        assert has(f"{document.number} {long_date(document.dated)} {post}"), document.kind
    # The TKK's number labelled as what it is; never a NIP.
    assert has("Dedi Kurniawan — No. Reg. Non-ASN TKK-2019-0042")
    assert "NIP TKK" not in text
    # Each document's hash is that of the PDF in this ZIP.
    manifest = json.loads(archive.read("manifest.json"))
    for item in manifest["files"]:
        if item["kind"] == "document":
            assert item["sha256"] in spaced, item["path"]
    assert dossier_verify(data).ok
