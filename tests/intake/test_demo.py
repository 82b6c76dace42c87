"""The demo reports load once, across channels, and the printed receipt code works."""

from __future__ import annotations

import io

from tegak.accounts import demo as accounts_demo
from tegak.intake import demo, services
from tegak.intake.models import Report
from tegak.people import demo as people_demo


def test_demo_loads_once_across_channels(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for _ in range(2):
        out = io.StringIO()
        people_demo.load(out)
        accounts_demo.load(out)
        demo.load(out)
    channels = set(Report.objects.values_list("channel", flat=True))
    assert {"web", "phone", "lapor", "letter", "media"} <= channels
    assert Report.objects.count() == 6
    statuses = set(Report.objects.values_list("status", flat=True))
    assert {"verified", "forwarded", "rejected", "received"} <= statuses
    found = services.receipt_sign_in(code_text="2022-0826-1500-1600", client_key="demo")
    assert found.reporter_mode == "anonymous"
