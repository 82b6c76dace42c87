"""One-row writes with the statement kept (tegak.core.onerow): the row in the database is the
one `Model.save()` writes, with the same signals, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.signals import post_save, pre_save
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from tegak.audit.models import AuditChainHead
from tegak.core import onerow
from tegak.core.search import search
from tegak.intake.models import Report, ThrottleEvent
from tegak.jobs.models import Job
from tegak.people.models import Instansi

pytestmark = pytest.mark.django_db


RECEIVED = datetime(2026, 12, 6, 14, 8, 31, 123456, tzinfo=UTC)


def _report(instansi: Instansi, **values: object) -> Report:
    fields: dict[str, object] = {
        "instansi": instansi,
        "channel": "web",
        "summary": "Pungutan di loket",
        "description": "Petugas loket meminta uang di luar tarif resmi.",
        "received_at": RECEIVED,
        "acknowledge_due": date(2026, 12, 9),
        "first_answer_due": date(2026, 12, 20),
        "receipt_index": "ab" * 8,
        "receipt_hash": "x",
    }
    return Report(**{**fields, **values})


@pytest.fixture
def instansi() -> Instansi:
    return Instansi.objects.create(code="kota-uji", name="Kota Uji", level="kabupaten_kota")


def _saved_signals() -> tuple[list[tuple[str, dict[str, object]]], object]:
    seen: list[tuple[str, dict[str, object]]] = []

    def before(sender: object, instance: object, **kwargs: object) -> None:
        seen.append(("pre", {"pk": getattr(instance, "pk", None), **kwargs}))

    def after(sender: object, instance: object, **kwargs: object) -> None:
        seen.append(("post", {"pk": getattr(instance, "pk", None), **kwargs}))

    pre_save.connect(before, sender=Report, weak=False, dispatch_uid="test-onerow-pre")
    post_save.connect(after, sender=Report, weak=False, dispatch_uid="test-onerow-post")

    def disconnect() -> None:
        pre_save.disconnect(sender=Report, dispatch_uid="test-onerow-pre")
        post_save.disconnect(sender=Report, dispatch_uid="test-onerow-post")

    return seen, disconnect


def test_insert_writes_the_row_save_would_write(instansi):
    by_orm = _report(instansi, location="Kantor Kecamatan", outcome={"a": [1, "dua"]})
    by_orm.save()
    fast = _report(instansi, location="Kantor Kecamatan", outcome={"a": [1, "dua"]})
    assert onerow.insert(fast) is fast

    assert isinstance(fast.pk, int) and fast.pk != by_orm.pk
    assert not fast._state.adding and fast._state.db == "default"
    ignored = {"id", "created_at", "search_vector"}
    fields = [f.attname for f in Report._meta.concrete_fields if f.attname not in ignored]
    stored = Report.objects.values(*fields, "created_at").get(pk=fast.pk)
    expected = Report.objects.values(*fields).get(pk=by_orm.pk)
    assert {key: stored[key] for key in fields} == expected
    # auto_now_add was filled in by the field itself, on the instance too.
    assert stored["created_at"] == fast.created_at
    assert abs(fast.created_at - timezone.now()) < timedelta(minutes=1)
    # The search column came from the model's pre_save receiver, in the INSERT.
    assert search(Report.objects.filter(pk=fast.pk), "loket")[0].exists()


def test_insert_sends_the_save_signals(instansi):
    seen, disconnect = _saved_signals()
    try:
        report = onerow.insert(_report(instansi))
    finally:
        disconnect()
    assert [kind for kind, _ in seen] == ["pre", "post"]
    assert seen[0][1]["pk"] is None and seen[0][1]["update_fields"] is None
    assert seen[1][1]["pk"] == report.pk and seen[1][1]["created"] is True
    assert seen[1][1]["raw"] is False and seen[1][1]["using"] == "default"


def test_insert_with_a_key_made_by_the_default(instansi):
    job = Job(
        task_path="tegak.intake.tasks.clean_report_evidence",
        args=[7],
        kwargs={},
        available_at=timezone.now(),
    )
    made = job.pk
    assert isinstance(made, uuid.UUID)
    onerow.insert(job)
    stored = Job.objects.get(pk=made)
    assert stored.args == [7] and stored.kwargs == {}
    assert stored.task_path == "tegak.intake.tasks.clean_report_evidence"


def test_insert_of_a_duplicate_fails_and_marks_the_transaction(instansi):
    onerow.insert(_report(instansi, submission_key="k" * 64))
    with transaction.atomic():
        with pytest.raises(IntegrityError):
            onerow.insert(_report(instansi, submission_key="k" * 64))
        # As after a failed save(): nothing more may run in this transaction.
        with pytest.raises(TransactionManagementError):
            Report.objects.count()
    assert Report.objects.filter(submission_key="k" * 64).count() == 1


def test_update_writes_only_the_named_fields_and_sends_signals(instansi):
    report = onerow.insert(_report(instansi))
    Report.objects.filter(pk=report.pk).update(location="Dinas Perhubungan")
    report.summary = "Judul baru"
    report.location = "not written"
    seen, disconnect = _saved_signals()
    try:
        onerow.update(report, ["summary"])
    finally:
        disconnect()
    stored = Report.objects.get(pk=report.pk)
    assert stored.summary == "Judul baru"
    assert stored.location == "Dinas Perhubungan"
    assert [kind for kind, _ in seen] == ["pre", "post"]
    assert seen[1][1]["update_fields"] == frozenset({"summary"})
    assert seen[1][1]["created"] is False
    # The search column followed the summary (the model's post_save receiver).
    assert search(Report.objects.filter(pk=report.pk), "judul")[0].exists()


def test_update_of_a_row_that_is_gone_raises(instansi):
    head = AuditChainHead(id=99, last_sequence=0, last_hash="0" * 64, mac="", key_id="")
    head._state.adding = False
    head._state.db = "default"
    head.last_sequence = 5
    with pytest.raises(DatabaseError), transaction.atomic():
        onerow.update(head, ["last_sequence"])


def _head(key: int) -> AuditChainHead:
    return AuditChainHead.objects.create(id=key, last_sequence=0, last_hash="0" * 64)


def test_insert_and_update_writes_both_rows_in_one_statement_where_it_can():
    """An audit event and its chain's head: the rows `insert()` and `update()` write, in one
    statement on PostgreSQL (a WITH … INSERT), two elsewhere; the new row gets its key."""
    head = _head(98)
    event = ThrottleEvent(kind="submission", client_key="satu", at=RECEIVED)
    head.last_sequence, head.last_hash, head.key_id = 7, "a" * 64, "not written"
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        returned = onerow.insert_and_update(event, head, ["last_sequence", "last_hash"])
    written = [
        q["sql"] for q in queries.captured_queries if "INSERT" in q["sql"] or "UPDATE" in q["sql"]
    ]
    assert len(written) == (1 if connection.vendor == "postgresql" else 2)
    assert returned is event and event.pk is not None and not event._state.adding
    stored = ThrottleEvent.objects.get(pk=event.pk)
    assert (stored.kind, stored.client_key, stored.at) == ("submission", "satu", RECEIVED)
    again = AuditChainHead.objects.get(pk=98)
    assert (again.last_sequence, again.last_hash, again.key_id) == (7, "a" * 64, "")
    # The next one, through the kept statement.
    second = onerow.insert_and_update(
        ThrottleEvent(kind="submission", client_key="dua", at=RECEIVED), head, ["last_sequence"]
    )
    assert second.pk != event.pk and ThrottleEvent.objects.filter(client_key="dua").exists()


def test_insert_and_update_of_a_head_that_is_gone_raises_and_the_transaction_rolls_back():
    head = AuditChainHead(id=97, last_sequence=0, last_hash="0" * 64, mac="", key_id="")
    head._state.adding, head._state.db = False, "default"
    with pytest.raises(DatabaseError), transaction.atomic():
        onerow.insert_and_update(
            ThrottleEvent(kind="submission", client_key="hilang", at=RECEIVED), head, ["mac"]
        )
    assert not ThrottleEvent.objects.filter(client_key="hilang").exists()


def test_insert_and_update_with_a_save_receiver_is_the_two_saves_with_their_signals(instansi):
    """A model whose saves are listened to is written by `insert()` and `update()`, which send
    the signals; a field name that is not one is refused before anything is written."""
    head = _head(96)
    seen, disconnect = _saved_signals()
    try:
        report = onerow.insert_and_update(_report(instansi), head, ["last_sequence"])
    finally:
        disconnect()
    assert [kind for kind, _ in seen] == ["pre", "post"] and seen[1][1]["created"] is True
    assert Report.objects.filter(pk=report.pk).exists()
    with pytest.raises(ValueError):
        onerow.insert_and_update(_report(instansi), head, ["no_such_field"])
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_insert_and_update_as_two_writes_outside_a_transaction_is_still_all_or_nothing(instansi):
    """Written as two statements (a model whose saves have receivers), with no transaction of
    the caller's: they get one of their own, so a head that is gone leaves no new row."""
    head = AuditChainHead(id=95, last_sequence=0, last_hash="0" * 64, mac="", key_id="")
    head._state.adding, head._state.db = False, "default"
    with pytest.raises(DatabaseError):
        onerow.insert_and_update(_report(instansi, summary="Tidak tersimpan"), head, ["mac"])
    assert not Report.objects.filter(summary="Tidak tersimpan").exists()


def test_update_of_an_unknown_field_is_refused(instansi):
    report = onerow.insert(_report(instansi))
    with pytest.raises(ValueError):
        onerow.update(report, ["no_such_field"])


def test_an_expression_value_is_written_by_the_query_compiler():
    event = onerow.insert(ThrottleEvent(kind="submission", client_key="k", at=timezone.now()))
    assert ThrottleEvent.objects.filter(pk=event.pk, client_key="k").exists()
    event.client_key = F("kind")
    onerow.update(event, ["client_key"])
    assert ThrottleEvent.objects.get(pk=event.pk).client_key == "submission"


def test_a_raw_sql_value_goes_into_the_insert_with_its_parameters():
    """A RawSQL value (how the search column is written on PostgreSQL) is part of the kept
    statement, with its own parameters in their place; the row is what save() writes."""
    from django.db.models.expressions import RawSQL

    def event(key):
        return ThrottleEvent(kind="submission", client_key=key, at=timezone.now())

    by_orm = event(RawSQL("upper(%s) || %s", ["abc", "-1"]))
    by_orm.save()
    fast = onerow.insert(event(RawSQL("upper(%s) || %s", ["def", "-2"])))
    again = onerow.insert(event(RawSQL("upper(%s) || %s", ["ghi", "-3"])))
    keys = dict(ThrottleEvent.objects.values_list("pk", "client_key"))
    assert keys[by_orm.pk] == "ABC-1" and keys[fast.pk] == "DEF-2" and keys[again.pk] == "GHI-3"
    assert isinstance(fast.pk, int) and not fast._state.adding


def test_fetch_and_from_row_make_the_instance_a_queryset_makes(instansi):
    report = onerow.insert(_report(instansi, outcome={"a": [1, "dua"]}, location="Kecamatan"))
    by_orm = Report.objects.get(pk=report.pk)
    fetched = onerow.fetch(Report, report.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {onerow.columns(Report)} FROM {Report._meta.db_table} WHERE id = %s",
            [report.pk],
        )
        from_row = onerow.from_row(Report, cursor.fetchone())
    fields = [field.attname for field in Report._meta.concrete_fields]
    expected = {name: getattr(by_orm, name) for name in fields}
    assert {name: getattr(fetched, name) for name in fields} == expected
    assert {name: getattr(from_row, name) for name in fields} == expected
    assert from_row.received_at == RECEIVED and from_row.outcome == {"a": [1, "dua"]}
    assert not from_row._state.adding and from_row._state.db == "default"
    assert onerow.fetch(Report, report.pk + 1000) is None


def test_fetch_with_reads_the_row_and_its_one_to_one_partner_in_one_statement(instansi):
    """The public form reads the agency with its clock settings: one statement, the same
    instances `select_related` makes, the partner cached both ways, None cached when absent."""
    from django.core.exceptions import ValidationError
    from django.test.utils import CaptureQueriesContext

    from tegak.intake.models import IntakeSettings

    other = Instansi.objects.create(code="kota-lain", name="Kota Lain", level="kabupaten_kota")
    IntakeSettings.objects.create(instansi=instansi, acknowledge_working_days=5)
    fields = [field.attname for field in IntakeSettings._meta.concrete_fields]
    by_orm = Instansi.objects.select_related("intake_settings").get(pk=instansi.pk)
    with CaptureQueriesContext(connection) as queries:
        found = onerow.fetch_with(Instansi, str(instansi.pk), "intake_settings")
        clocks = found.intake_settings
        assert clocks.instansi is found
        alone = onerow.fetch_with(Instansi, other.pk, "intake_settings")
        with pytest.raises(IntakeSettings.DoesNotExist):
            alone.intake_settings  # noqa: B018  (cached as absent: no query)
        assert onerow.fetch_with(Instansi, other.pk + 1000, "intake_settings") is None
    assert len(queries.captured_queries) == 3
    assert {name: getattr(found, name) for name in ("id", "code", "name", "time_zone")} == {
        name: getattr(by_orm, name) for name in ("id", "code", "name", "time_zone")
    }
    expected = {name: getattr(by_orm.intake_settings, name) for name in fields}
    assert {name: getattr(clocks, name) for name in fields} == expected
    assert clocks.acknowledge_working_days == 5
    with pytest.raises(ValidationError):
        onerow.fetch_with(Instansi, "satu", "intake_settings")
    with pytest.raises(ValueError, match="reverse one-to-one"):
        onerow.fetch_with(Instansi, instansi.pk, "code")


def test_update_where_writes_only_while_the_row_still_matches(instansi):
    job = onerow.insert(
        Job(
            task_path="tegak.intake.tasks.clean_report_evidence",
            args=[1],
            available_at=RECEIVED,
            status="RUNNING",
            worker_id="worker-a",
            lease_expires_at=RECEIVED + timedelta(minutes=5),
        )
    )
    seen: list[object] = []

    def saw(sender: object, **kwargs: object) -> None:
        seen.append(kwargs)

    pre_save.connect(saw, sender=Job, weak=False, dispatch_uid="test-onerow-where")
    try:
        job.status, job.return_value, job.worker_id = "SUCCESSFUL", {"7": "ready"}, ""
        job.lease_expires_at = None
        fields = ["status", "return_value", "worker_id", "lease_expires_at"]
        # Another worker holds it now: nothing is written.
        assert onerow.update_where(job, fields, status="RUNNING", worker_id="worker-b") is False
        stored = Job.objects.get(pk=job.pk)
        assert (stored.status, stored.worker_id, stored.return_value) == (
            "RUNNING",
            "worker-a",
            None,
        )
        # Its own worker: written, JSON and NULL included.
        assert onerow.update_where(job, fields, status="RUNNING", worker_id="worker-a") is True
        stored = Job.objects.get(pk=job.pk)
        assert (stored.status, stored.worker_id) == ("SUCCESSFUL", "")
        assert stored.return_value == {"7": "ready"} and stored.lease_expires_at is None
        # Once written it no longer matches: a second try changes nothing.
        assert onerow.update_where(job, fields, status="RUNNING", worker_id="worker-a") is False
    finally:
        pre_save.disconnect(sender=Job, dispatch_uid="test-onerow-where")
    assert seen == []  # as QuerySet.update(): no save signals


def test_update_where_refuses_what_it_cannot_write(instansi):
    report = onerow.insert(_report(instansi))
    with pytest.raises(ValueError):
        onerow.update_where(report, ["no_such_field"])
    with pytest.raises(ValueError):
        onerow.update_where(report, ["summary"], location=None)
    report.summary = F("location")
    assert onerow.update_where(report, ["summary"], channel="web") is True
    assert Report.objects.get(pk=report.pk).summary == ""
