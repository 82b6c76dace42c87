"""Where a decision was handed over: entered at delivery, printed by the delivery minutes."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.decisions import services as decisions
from tegak.documents.services import document_file, document_issue_for_case
from tests.cases.test_flow import run_to_decision
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_the_delivery_minutes_print_the_place_entered_at_delivery(open_case, staff):
    accused, decision = run_to_decision(open_case(), staff)
    document_issue_for_case(
        actor=staff.official, accused=accused, kind=f"keputusan_hukuman_{decision.level}"
    )
    decisions.decision_deliver(
        actor=staff.official,
        decision=decision,
        delivered_on=date(2026, 10, 19),
        received_on=date(2026, 10, 19),
        place="  Ruang Rapat   Sekretariat DPRD Kota Uji ",
    )

    minutes = document_issue_for_case(
        actor=staff.official, accused=accused, kind="tanda_terima_keputusan"
    )

    text = pdf_text(document_file(minutes, "pdf")[0])
    assert "bertempat di Ruang Rapat Sekretariat DPRD Kota Uji, telah" in text
    assert "bertempat di Pemerintah" not in text


def test_the_delivery_form_starts_empty_and_empty_prints_the_issuing_office(open_case, staff):
    """The delivery form said "empty: the issuing office", yet it came filled with the summons'
    place (the examination room), so the minutes printed the examination room as the place of
    delivery (seed walk 2026-12-07). Only the examination steps start from the summons' place."""
    from tegak.cases.steps import initial_for

    accused, decision = run_to_decision(open_case(), staff)
    assert initial_for("examination_hold", accused)["place"]  # the examination room, kept
    assert "place" not in initial_for("decision_deliver", accused)

    document_issue_for_case(
        actor=staff.official, accused=accused, kind=f"keputusan_hukuman_{decision.level}"
    )
    decisions.decision_deliver(
        actor=staff.official,
        decision=decision,
        delivered_on=date(2026, 10, 19),
        received_on=date(2026, 10, 19),
        **{
            key: value
            for key, value in initial_for("decision_deliver", accused).items()
            if key == "place"
        },
    )
    minutes = document_issue_for_case(
        actor=staff.official, accused=accused, kind="tanda_terima_keputusan"
    )

    text = pdf_text(document_file(minutes, "pdf")[0])
    summons_place = accused.summonses.order_by("-number").first().place
    assert f"bertempat di {summons_place}" not in text
    assert "bertempat di Kantor Sekretariat DPRD" in text
