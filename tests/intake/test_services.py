"""Intake services: what each channel creates, triage, messages, and who may do what."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.intake import receipts, services
from tegak.intake.models import Evidence, Report, ReportMessage

from .conftest import jpeg_with_gps, upload

PERSONAS = [
    "administrator",
    "intake_officer",
    "examiner",
    "authorised_official",
    "custodian",
    "outsider",
]


def _snapshot(report: Report) -> tuple:
    report.refresh_from_db()
    return (
        report.status,
        report.accused.count(),
        report.messages.count(),
        report.acknowledged_at,
        AuditEvent.objects.count(),
    )


# --- creating ------------------------------------------------------------------------------


def test_web_report_is_stored_with_hashed_receipt_and_clocks(instansi, report_input):
    report, code = services.report_submit(
        instansi=instansi,
        data=report_input(files=[upload("foto.jpg", jpeg_with_gps())], links=["https://x.test/v"]),
        client_key="k1",
    )
    assert len(code) == 25 and code.isdigit()
    assert code not in report.receipt_hash and code not in report.receipt_index
    assert report.receipt_hash.startswith("hs1$")  # keyed: a copy of the database cannot try codes
    assert receipts.verify_code(report.receipt_hash, code)
    assert report.channel == "web" and report.status == "received"
    assert report.occurred_at.isoformat() == "2022-08-26T15:00:00+07:00"
    assert report.acknowledge_due > report.received_at.date()
    assert report.evidence.filter(kind="file").count() == 1
    assert report.evidence.get(kind="link").url == "https://x.test/v"
    event = AuditEvent.objects.get(action="report.submitted", target_id=str(report.pk))
    assert event.actor_label == "public"
    assert code not in str(event.data)


def test_anonymous_report_discards_any_identity_typed(instansi, report_input):
    report, _code = services.report_submit(
        instansi=instansi,
        data=report_input(reporter_mode="anonymous", identity={"name": "Andi"}),
        client_key="k",
    )
    assert report.identity_sealed == ""


def test_confidential_report_seals_identity_and_keeps_it_out_of_the_log(instansi, report_input):
    report, _ = services.report_submit(
        instansi=instansi,
        data=report_input(
            reporter_mode="confidential", identity={"name": "Andi Wijaya", "phone": "0812"}
        ),
        client_key="k",
    )
    assert report.identity_sealed and "Andi" not in report.identity_sealed
    assert not any("Andi" in str(event.data) for event in AuditEvent.objects.all())


def test_confidential_report_needs_a_name(instansi, report_input):
    with pytest.raises(InputError) as error:
        services.report_submit(
            instansi=instansi, data=report_input(reporter_mode="confidential"), client_key="k"
        )
    assert error.value.field == "identity.name"
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"description": "   "}, "description", id="empty-report"),
        pytest.param(
            {"description": "<script>alert(1)</script>"}, "description", id="script-in-text"
        ),
        pytest.param({"accused_text": "<b>Budi</b>"}, "accused_text", id="html-in-who"),
        pytest.param({"occurred_on": None}, "occurred_on", id="no-date"),
        pytest.param({"occurred_timezone": "UTC"}, "occurred_timezone", id="bad-zone"),
        pytest.param({"links": ["javascript:alert(1)"]}, "links", id="script-link"),
        pytest.param({"files": [upload("foto.jpg", b"")]}, "files", id="empty-file"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(instansi, report_input, overrides, field):
    events = AuditEvent.objects.count()
    with pytest.raises(InputError) as error:
        services.report_submit(instansi=instansi, data=report_input(**overrides), client_key="k")
    assert error.value.field == field
    assert error.value.message
    assert Report.objects.count() == 0 and Evidence.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_future_date_is_refused(instansi, report_input):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(InputError) as error:
        services.report_submit(
            instansi=instansi, data=report_input(occurred_on=tomorrow), client_key="k"
        )
    assert error.value.field == "occurred_on"


@time_machine.travel("2025-03-10 09:00 +0700", tick=False)
def test_later_time_today_is_refused_at_the_time_field(instansi, report_input):
    with pytest.raises(InputError) as error:
        services.report_submit(
            instansi=instansi,
            data=report_input(occurred_on=date(2025, 3, 10), occurred_time=time(17, 0)),
            client_key="k",
        )
    assert error.value.field == "occurred_time"


def test_plain_comparison_signs_are_not_markup(instansi, report_input):
    report, _ = services.report_submit(
        instansi=instansi,
        data=report_input(description="Dia datang < 5 menit sebelum pukul 16.00 > pulang"),
        client_key="k",
    )
    assert "< 5 menit" in report.description


def test_flood_from_one_address_is_refused_politely(instansi, report_input, settings):
    settings.INTAKE_REPORTS_PER_ADDRESS_PER_HOUR = 2
    for _ in range(2):
        services.report_submit(instansi=instansi, data=report_input(), client_key="banjir")
    with pytest.raises(services.TooManyAttempts) as error:
        services.report_submit(instansi=instansi, data=report_input(), client_key="banjir")
    assert "hour" in error.value.message or "jam" in error.value.message
    assert Report.objects.count() == 2
    services.report_submit(instansi=instansi, data=report_input(), client_key="lain")
    assert Report.objects.count() == 3


@pytest.mark.parametrize("persona", PERSONAS)
def test_staff_entry_matrix(request, persona, instansi, report_input):
    user = request.getfixturevalue(persona)
    events = AuditEvent.objects.count()
    if persona != "intake_officer":
        with pytest.raises(PermissionDenied):
            services.report_create_by_staff(
                actor=user, instansi=instansi, channel="letter", data=report_input()
            )
        assert Report.objects.count() == 0 and AuditEvent.objects.count() == events
        return
    report, code = services.report_create_by_staff(
        actor=user,
        instansi=instansi,
        channel="lapor",
        data=report_input(occurred_on=None, occurred_time=None),
        received_on=timezone.localdate() - timedelta(days=2),
        lapor_tracking_number="LPR-123456",
    )
    assert report.channel == "lapor" and report.operator == user
    assert report.lapor_tracking_number == "LPR-123456"
    assert report.occurred_at is None
    assert timezone.localdate() - report.received_at.date() == timedelta(days=2)
    assert receipts.verify_code(report.receipt_hash, code)


def test_lapor_entry_needs_its_tracking_number(intake_officer, instansi, report_input):
    with pytest.raises(InputError) as error:
        services.report_create_by_staff(
            actor=intake_officer, instansi=instansi, channel="lapor", data=report_input()
        )
    assert error.value.field == "lapor_tracking_number"


@pytest.mark.parametrize("persona", PERSONAS)
def test_media_report_matrix(request, persona, instansi):
    user = request.getfixturevalue(persona)
    kwargs = {
        "actor": user,
        "instansi": instansi,
        "source_url": "https://berita.test/karaoke",
        "text": "Viral ASN dan TKK setwan asyik karaoke pada jam kerja.",
        "seen_on": date(2022, 9, 22),
    }
    if persona != "intake_officer":
        with pytest.raises(PermissionDenied):
            services.report_create_from_media(**kwargs)
        assert Report.objects.count() == 0 and AuditEvent.objects.count() == 0
        return
    report = services.report_create_from_media(**kwargs)
    assert report.channel == "media" and report.reporter_mode == "anonymous"
    assert report.source_url == "https://berita.test/karaoke"
    assert report.source_seen_on == date(2022, 9, 22)


# --- the reporter ----------------------------------------------------------------------------


def test_receipt_code_signs_in_with_any_grouping(submitted):
    report, code = submitted
    spaced = " ".join(code[i : i + 4] for i in range(0, 25, 4))
    assert services.receipt_sign_in(code_text=spaced, client_key="a") == report
    assert services.receipt_sign_in(code_text=receipts.format_code(code), client_key="a") == report


def test_new_codes_are_25_digits_drawn_evenly():
    """Every digit in every place, leading zeros kept: no place is fixed or skewed (a code that
    lost its leading zero would be 24 digits and never open its report)."""
    codes = [receipts.generate_code() for _ in range(3000)]
    assert all(len(code) == 25 and code.isdigit() for code in codes)
    assert len(set(codes)) == len(codes)
    for place in range(25):
        counts = [sum(1 for code in codes if code[place] == digit) for digit in "0123456789"]
        assert min(counts) > 200 and max(counts) < 420, (place, counts)  # 300 expected


def test_a_code_made_before_the_keyed_scheme_still_opens_its_report(submitted):
    """Reports sent before ADR 0040 keep their 16-digit code and its argon2id hash."""
    report, new_code = submitted
    old_code = "4096512378016529"
    report.receipt_index = receipts.code_index(old_code)
    report.receipt_hash = receipts.hash_code(old_code)
    report.save(update_fields=["receipt_index", "receipt_hash"])
    assert report.receipt_hash.startswith("$argon2id$")
    assert services.receipt_sign_in(code_text="4096-5123-7801-6529", client_key="a") == report
    with pytest.raises(InputError):
        services.receipt_sign_in(code_text="4096-5123-7801-6528", client_key="a")
    with pytest.raises(InputError):  # the report's code is the old one now
        services.receipt_sign_in(code_text=new_code, client_key="a")


def test_the_verifier_is_keyed_with_the_server_secret(submitted, settings):
    """Without the server's secret key the stored verifier confirms no code."""
    report, code = submitted
    assert receipts.verify_code(report.receipt_hash, code)
    settings.SECRET_KEY = "another-" + "k" * 50
    assert not receipts.verify_code(report.receipt_hash, code)


def test_wrong_codes_lock_the_address_even_for_the_right_code(submitted):
    report, code = submitted
    wrong = "0" * 25 if code != "0" * 25 else "1" * 25
    for _ in range(5):
        with pytest.raises(InputError):
            services.receipt_sign_in(code_text=wrong, client_key="penebak")
    with pytest.raises(services.TooManyAttempts):
        services.receipt_sign_in(code_text=code, client_key="penebak")
    # another address is not affected
    assert services.receipt_sign_in(code_text=code, client_key="pelapor") == report


def test_lock_out_ends_after_the_window(submitted):
    report, code = submitted
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            with pytest.raises(InputError):
                services.receipt_sign_in(code_text="12", client_key="p")
        with pytest.raises(services.TooManyAttempts):
            services.receipt_sign_in(code_text=code, client_key="p")
        traveller.shift(timedelta(minutes=16))
        assert services.receipt_sign_in(code_text=code, client_key="p") == report


def test_reporter_messages_and_evidence(submitted):
    report, _ = submitted
    message = services.reporter_message_send(report=report, body="Saya punya nota karaoke.")
    assert message.author_kind == "reporter" and not message.internal
    added = services.reporter_evidence_add(
        report=report, files=[upload("nota.jpg", jpeg_with_gps())], links=[]
    )
    assert added[0].added_by_reporter and added[0].sha256


# --- triage ----------------------------------------------------------------------------------

TRIAGE_CALLS = {
    "acknowledge": lambda user, report, employee: services.report_acknowledge(
        actor=user, report=report
    ),
    "link": lambda user, report, employee: services.report_link_employee(
        actor=user, report=report, employee=employee
    ),
    "verify": lambda user, report, employee: services.report_verify(actor=user, report=report),
    "reject": lambda user, report, employee: services.report_reject(
        actor=user, report=report, reason="Bukan kewenangan kami untuk menangani."
    ),
    "forward": lambda user, report, employee: services.report_forward(
        actor=user, report=report, forwarded_to="Ombudsman RI", letter_reference="800/1/2025"
    ),
    "message": lambda user, report, employee: services.message_send(
        actor=user, report=report, body="Kapan tepatnya?", internal=False
    ),
    "note": lambda user, report, employee: services.message_send(
        actor=user, report=report, body="Catatan internal", internal=True
    ),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", sorted(TRIAGE_CALLS))
def test_triage_matrix(request, persona, action, submitted, employee):
    user = request.getfixturevalue(persona)
    report, _ = submitted
    before = _snapshot(report)
    if persona != "intake_officer":
        with pytest.raises(PermissionDenied):
            TRIAGE_CALLS[action](user, report, employee)
        assert _snapshot(report) == before
        return
    TRIAGE_CALLS[action](user, report, employee)
    report.refresh_from_db()
    assert report.acknowledged_at is not None
    assert AuditEvent.objects.count() == before[-1] + 1


def test_verify_then_mark_in_case(intake_officer, examiner, submitted):
    report, _ = submitted
    with pytest.raises(InputError):
        services.report_mark_in_case(actor=examiner, report=report, case_reference="K-1")
    services.report_verify(actor=intake_officer, report=report, note="Cukup jelas")
    assert report.status == "verified" and report.verified_by == intake_officer
    assert report.messages.get().internal
    services.report_mark_in_case(actor=examiner, report=report, case_reference="KASUS-2025-1")
    report.refresh_from_db()
    assert report.status == "in_case" and report.case_reference == "KASUS-2025-1"


@pytest.mark.parametrize("persona", ["administrator", "custodian", "outsider"])
def test_mark_in_case_refused_for_other_roles(request, persona, intake_officer, submitted):
    report, _ = submitted
    services.report_verify(actor=intake_officer, report=report)
    before = _snapshot(report)
    with pytest.raises(PermissionDenied):
        services.report_mark_in_case(
            actor=request.getfixturevalue(persona), report=report, case_reference="K"
        )
    assert _snapshot(report) == before


def test_reject_needs_a_reason_and_stops_both_clocks(intake_officer, submitted):
    report, _ = submitted
    with pytest.raises(InputError) as error:
        services.report_reject(actor=intake_officer, report=report, reason="tidak")
    assert error.value.field == "reason"
    services.report_reject(
        actor=intake_officer, report=report, reason="Peristiwa ini di luar kewenangan kota."
    )
    assert report.first_answered_at and report.acknowledged_at and report.closed_at
    with pytest.raises(InputError):
        services.report_verify(actor=intake_officer, report=report)


def test_internal_note_does_not_answer_the_reporter(intake_officer, submitted):
    report, _ = submitted
    services.message_send(actor=intake_officer, report=report, body="Cek CCTV", internal=True)
    report.refresh_from_db()
    assert report.acknowledged_at is not None and report.first_answered_at is None
    services.message_send(
        actor=intake_officer, report=report, body="Mohon kirim nota", internal=False
    )
    report.refresh_from_db()
    assert report.first_answered_at is not None


def test_linking_an_employee_of_another_instansi_is_refused(
    intake_officer, submitted, other_employee
):
    report, _ = submitted
    with pytest.raises(InputError) as error:
        services.report_link_employee(actor=intake_officer, report=report, employee=other_employee)
    assert error.value.field == "employee"
    assert report.accused.count() == 0


def test_merge_moves_the_duplicate_under_the_first(intake_officer, instansi, report_input):
    first, _ = services.report_submit(instansi=instansi, data=report_input(), client_key="a")
    second, _ = services.report_submit(instansi=instansi, data=report_input(), client_key="b")
    with pytest.raises(InputError):
        services.report_merge(actor=intake_officer, report=second, into=second)
    services.report_merge(actor=intake_officer, report=second, into=first)
    second.refresh_from_db()
    assert second.status == "merged" and second.merged_into == first
    assert list(first.merged_reports.all()) == [second]


def test_reporter_never_sees_internal_notes(intake_officer, submitted):
    from tegak.intake.selectors import messages_for_reporter

    report, _ = submitted
    services.message_send(actor=intake_officer, report=report, body="Rahasia tim", internal=True)
    services.message_send(actor=intake_officer, report=report, body="Pertanyaan", internal=False)
    assert [m.body for m in messages_for_reporter(report)] == ["Pertanyaan"]
    assert ReportMessage.objects.filter(report=report).count() == 2
