"""Letter numbers: patterns per instansi and kind, sequences that never repeat or skip."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from tegak.core.errors import InputError
from tegak.documents.models import NumberCounter
from tegak.documents.numbering import check_pattern, format_number, take_number


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        pytest.param(
            "{classification}/{sequence}/{unit_code}/{year}",
            "800/6519/BKPPD-PKA/2021",
            id="kota-bekasi-circular-style",
        ),
        pytest.param("{classification}/{sequence:04}/{unit_code}", "800/6519/BKPPD-PKA", id="pad"),
        pytest.param(
            "{sequence}/{unit_code}/{month_roman}/{year}", "6519/BKPPD-PKA/IX/2021", id="roman"
        ),
        pytest.param("KEP-{sequence:5}-{month}.{year}", "KEP-06519-09.2021", id="literal-text"),
    ],
)
def test_pattern_fills_in_every_part(pattern, expected):
    number = format_number(
        pattern,
        sequence=6519,
        on=date(2021, 9, 6),
        classification="800",
        unit_code="BKPPD-PKA",
    )
    assert number == expected


def test_empty_unit_code_leaves_no_double_slash():
    number = format_number(
        "{classification}/{sequence}/{unit_code}/{year}",
        sequence=3,
        on=date(2025, 1, 2),
        classification="800",
        unit_code="",
    )
    assert number == "800/3/2025"


@pytest.mark.parametrize(
    ("pattern", "message_part"),
    [
        pytest.param("{classification}/{nomor}/{year}", "nomor", id="unknown-part-named"),
        pytest.param("{classification}/{year}", "{sequence}", id="no-sequence"),
        pytest.param("{sequence}/{sequence}", "{sequence}", id="two-sequences"),
        pytest.param("{sequence}/{year", "", id="stray-brace"),
    ],
)
def test_bad_pattern_is_refused(pattern, message_part):
    with pytest.raises(InputError) as caught:
        check_pattern(pattern)
    assert caught.value.field == "pattern"
    assert message_part in caught.value.message


@pytest.mark.django_db
def test_numbers_are_sequential_per_kind_and_year(instansi):
    def take(kind, on):
        with transaction.atomic():
            return take_number(instansi=instansi, kind=kind, on=on).number

    first = [take("surat_panggilan_1", date(2025, 3, 1)) for _ in range(3)]
    assert first == ["800/1/2025", "800/2/2025", "800/3/2025"]
    assert take("berita_acara_pemeriksaan", date(2025, 3, 1)) == "800/1/2025"
    assert take("surat_panggilan_1", date(2026, 1, 2)) == "800/1/2026"
    assert take("surat_panggilan_1", date(2025, 12, 31)) == "800/4/2025"


@pytest.mark.django_db
def test_a_failed_issue_gives_its_number_back(instansi):
    with pytest.raises(RuntimeError), transaction.atomic():
        take_number(instansi=instansi, kind="surat_panggilan_1", on=date(2025, 3, 1))
        raise RuntimeError("rendering failed")
    with transaction.atomic():
        taken = take_number(instansi=instansi, kind="surat_panggilan_1", on=date(2025, 3, 1))
    assert taken.sequence == 1


@pytest.mark.django_db(transaction=True)
def test_taking_a_number_outside_a_transaction_is_refused(instansi):
    with pytest.raises(RuntimeError):
        take_number(instansi=instansi, kind="surat_panggilan_1", on=date(2025, 3, 1))


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_never_repeats_or_skips(instansi):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database is shared-cache: concurrent writers get "
            "'table is locked' instead of waiting, so threads cannot contend meaningfully; "
            "on a real file SQLite serialises writers (IMMEDIATE transactions). "
            "Run with TEGAK_TEST_DATABASE_URL for PostgreSQL."
        )
    from django.db import connections

    workers, per_worker = 6, 5
    numbers: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(workers)

    def work():
        try:
            barrier.wait()
            for _ in range(per_worker):
                with transaction.atomic():
                    taken = take_number(
                        instansi=instansi, kind="surat_panggilan_1", on=date(2025, 5, 5)
                    )
                    numbers.append(taken.sequence)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, workers * per_worker + 1))
    counter = NumberCounter.objects.get(instansi=instansi, kind="surat_panggilan_1", year=2025)
    assert counter.last_sequence == workers * per_worker
