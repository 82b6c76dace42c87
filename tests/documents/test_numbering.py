"""Letter numbers: patterns per instansi and kind, sequences that never repeat or skip."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection

from tegak.core.errors import InputError
from tegak.documents.models import NumberAllocation, NumberCounter, NumberingScheme
from tegak.documents.numbering import allocate_number, check_pattern, format_number
from tegak.people.models import OrgUnit


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
    ("pattern", "expected"),
    [
        pytest.param("{classification}/Kep.{sequence}-{unit_code}/{year}", "800/Kep.3/2025"),
        pytest.param("{unit_code}-{sequence}/{year}", "3/2025"),
        pytest.param("{classification}/{sequence}/BA/{unit_code}/{year}", "800/3/BA/2025"),
    ],
)
def test_an_empty_unit_code_takes_its_joining_dash_with_it(pattern, expected):
    """The PPK's decree printed "800/Kep.1-/2024" when its issuing unit had no code: an empty
    part leaves no dangling dash, stop or slash."""
    number = format_number(
        pattern, sequence=3, on=date(2025, 1, 2), classification="800", unit_code=""
    )
    assert number == expected


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


def _take(instansi, user, kind, on, subject, unit=None):
    return allocate_number(
        actor=user,
        instansi=instansi,
        kind=kind,
        unit=unit,
        on=on,
        subject_type="test.step",
        subject_id=str(subject),
    )


@pytest.mark.django_db
def test_numbers_run_per_unit_series_and_year(instansi, examiner):
    top = OrgUnit.objects.create(instansi=instansi, code="PEMKOT", name="Pemerintah Kota Uji")
    bkpsdm = OrgUnit.objects.create(instansi=instansi, code="BKPSDM", name="BKPSDM", parent=top)
    bidang = OrgUnit.objects.create(
        instansi=instansi, code="BKPSDM-PKA", name="Bidang PKA", parent=bkpsdm
    )
    dukcapil = OrgUnit.objects.create(instansi=instansi, code="DUKCAPIL", name="Disduk", parent=top)
    day = date(2022, 9, 6)
    # Letters of one unit share one register whatever their kind, and a bidang writes in its
    # perangkat daerah's register.
    letters = [
        _take(instansi, examiner, "surat_panggilan_1", day, 1, bidang).number,
        _take(instansi, examiner, "surat_panggilan_2", day, 2, bkpsdm).number,
        _take(instansi, examiner, "laporan_hasil_pemeriksaan", day, 3, bkpsdm).number,
    ]
    assert letters == ["800/1/BKPSDM/2022", "800/2/BKPSDM/2022", "800/3/BKPSDM/2022"]
    # Minutes and decrees have registers (and patterns) of their own.
    assert _take(instansi, examiner, "berita_acara_pemeriksaan", day, 4, bkpsdm).number == (
        "800/1/BA/BKPSDM/2022"
    )
    assert _take(instansi, examiner, "keputusan_hukuman_ringan", day, 5, bkpsdm).number == (
        "800/Kep.1-BKPSDM/2022"
    )
    # Another unit, another register; another year, a new sequence.
    assert _take(instansi, examiner, "surat_panggilan_1", day, 6, dukcapil).number == (
        "800/1/DUKCAPIL/2022"
    )
    assert _take(instansi, examiner, "surat_panggilan_1", date(2023, 1, 2), 7, bkpsdm).number == (
        "800/1/BKPSDM/2023"
    )


@pytest.mark.django_db
def test_a_document_keeps_its_number_and_a_number_is_never_given_twice(instansi, examiner):
    day = date(2025, 3, 1)
    first = _take(instansi, examiner, "surat_panggilan_1", day, 1)
    again = _take(instansi, examiner, "surat_panggilan_1", day, 1)
    assert again.pk == first.pk and again.number == "800/1/2025"
    # An instansi pattern that prints what another register already printed: passed over.
    NumberingScheme.objects.create(
        instansi=instansi, kind="berita_acara_pemeriksaan", pattern="800/{sequence}/{year}"
    )
    minutes = _take(instansi, examiner, "berita_acara_pemeriksaan", day, 2)
    assert minutes.number == "800/2/2025"
    assert NumberAllocation.objects.filter(number="800/1/2025").count() == 1


@pytest.mark.django_db
def test_a_units_own_scheme_wins_over_the_instansi_one(instansi, examiner):
    top = OrgUnit.objects.create(instansi=instansi, code="PEMKOT", name="Pemerintah Kota Uji")
    inspektorat = OrgUnit.objects.create(
        instansi=instansi, code="ITKO", name="Inspektorat", parent=top
    )
    NumberingScheme.objects.create(
        instansi=instansi,
        unit=inspektorat,
        kind="surat_panggilan_1",
        pattern="{classification}/{sequence}/{unit_code}/{month_roman}/{year}",
        classification="700",
    )
    taken = _take(instansi, examiner, "surat_panggilan_1", date(2025, 9, 1), 1, inspektorat)
    assert taken.number == "700/1/ITKO/IX/2025"


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_never_repeats_or_skips(instansi, examiner):
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

    def work(worker):
        try:
            barrier.wait()
            for index in range(per_worker):
                taken = _take(
                    instansi, examiner, "surat_panggilan_1", date(2025, 5, 5), f"{worker}-{index}"
                )
                numbers.append(taken.sequence)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, workers * per_worker + 1))
    counter = NumberCounter.objects.get(instansi=instansi, series="surat", year=2025)
    assert counter.last_sequence == workers * per_worker
