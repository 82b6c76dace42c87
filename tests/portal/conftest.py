"""Portal test helpers: the accessibility check (axe-core) and kept screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest

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
