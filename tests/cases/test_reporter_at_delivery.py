"""The reporter learns the decision when the accused receives it (#13: delivery must move the
public status and tell the reporter): the tracking page by receipt code shows the sanction in
plain words, not final yet, and the register says "decided"; before delivery it shows nothing."""

from __future__ import annotations

from datetime import date

import pytest

from tegak.audit.models import AuditEvent
from tegak.decisions import services as decisions
from tegak.portal.models import RegisterEntry
from tegak.portal.services import register_refresh
from tests.cases.test_flow import run_to_decision
from tests.cases.test_reporter_outcome import (  # noqa: F401 (fixture)
    open_from,
    report_with_code,
    tracking_page,
)

pytestmark = pytest.mark.django_db
SANCTION = "Hukuman disiplin sedang: penundaan kenaikan gaji berkala selama 1 tahun"


def test_the_decision_reaches_the_reporter_when_it_is_delivered(
    report_with_code,  # noqa: F811
    staff,
    org,
    client,
):
    report, code = report_with_code
    case = open_from(report, staff, org)
    decided = run_to_decision(case, staff)
    # Decided but not yet delivered: the accused has not had it, so neither has the public.
    assert 'data-testid="outcome"' not in tracking_page(client, code)
    _accused, decision = decided
    decisions.decision_deliver(
        actor=staff.official,
        decision=decision,
        delivered_on=date(2026, 10, 19),
        received_on=date(2026, 10, 19),
    )
    body = tracking_page(client, code)
    outcome = body.split('data-testid="outcome"', 1)[1].split("</section>", 1)[0]
    assert SANCTION in outcome and "16 Oktober 2026" in outcome
    assert case.register_number in outcome and "Belum berkekuatan tetap" in outcome
    assert org.staff.name not in body and org.staff.nip not in body
    report.refresh_from_db()
    assert report.outcome["final"] is False
    assert AuditEvent.objects.filter(action="report.outcome_published").exists()
    register_refresh()
    entry = RegisterEntry.objects.get(accused_id_ref=case.accused.get().pk)
    assert entry.status == "decided" and str(entry.decided_on) == "2026-10-16"
