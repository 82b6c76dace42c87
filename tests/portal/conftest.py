"""Portal test helpers: the accessibility check (axe-core) and kept screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest

# The case file's fixtures (an org chart with superiors, staff accounts, opening a case).
from tests.cases.conftest import open_case, org, staff, today, verified_report  # noqa: F401

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page (WCAG 2.1 A and AA rules) and return its violations.

    `page.evaluate` is not subject to the page's CSP (`script-src 'self'`), where an injected
    <script> tag would be.
    """
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return result["violations"]


def assert_accessible(page) -> None:
    """Fail with a readable list of every WCAG 2.1 AA violation axe-core finds on the page."""
    violations = axe_violations(page)
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in violations
    ]
    assert violations == [], f"{page.url}:\n" + "\n".join(summary)


def keep_screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-results/screenshots/ (kept after the run)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def switch_language():
    """Click the language button in the header and wait for the page to come back."""

    def switch(page, language_name: str) -> None:
        with page.expect_navigation():
            page.get_by_role("button", name=language_name).click()

    return switch


@pytest.fixture
def units(instansi):
    """A top unit with two dinas under it, and a section inside the first."""
    from tegak.people.models import OrgUnit

    top = OrgUnit.objects.create(
        instansi=instansi, code="PEMKOT", name="Pemerintah Kota Uji", kind="pemerintah"
    )
    health = OrgUnit.objects.create(
        instansi=instansi, code="DINKES", name="Dinas Kesehatan", kind="dinas", parent=top
    )
    roads = OrgUnit.objects.create(
        instansi=instansi, code="DPU", name="Dinas Pekerjaan Umum", kind="dinas", parent=top
    )
    section = OrgUnit.objects.create(
        instansi=instansi, code="DINKES-1", name="Seksi Gizi", kind="seksi", parent=health
    )
    return {"top": top, "health": health, "roads": roads, "section": section}


@pytest.fixture
def make_entry(instansi):
    """A register entry as the projection would write it (defaults: an open case), counted in
    the statistics' aggregates as `register_refresh` counts it."""
    from datetime import date

    from tegak.portal import aggregates
    from tegak.portal.models import RegisterEntry

    counter = {"n": 0}

    def make(**fields):
        counter["n"] += 1
        values = {
            "instansi": instansi,
            "case_id_ref": counter["n"],
            "accused_id_ref": counter["n"],
            "register_number": f"DK/{counter['n']:04d}/2025",
            "opened_on": date(2025, 3, 1),
            "provision": "pp-94-2021:4:f",
            "provisions": ["pp-94-2021:4:f"],
        }
        values.update(fields)
        entry = RegisterEntry.objects.create(**values)
        aggregates.apply([(None, aggregates.entry_values(entry))])
        return entry

    return make


@pytest.fixture
def employee(instansi):
    from tegak.people.models import Employee

    return Employee.objects.create(
        instansi=instansi, nip="199001012015011001", name="Budi Santoso", status="PNS"
    )
