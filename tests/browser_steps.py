"""The steps the browser journeys share: a signed-in session, a form filled and sent, a case step
taken, the clock moved to a WIB moment, a screenshot kept, a PDF downloaded and read."""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils.module_loading import import_string
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.cases.conftest import moment

SHOTS = Path("test-results")
RECEIPT_CODE = re.compile(r"\d{5}-\d{5}-\d{5}-\d{5}-\d{5}")


def logged_in(browser, browser_context_args, live_server, user):
    """A browser context holding a session that passed password and second factor."""
    store = import_string(settings.SESSION_ENGINE).SessionStore()
    device = TOTPDevice.objects.create(user=user, name="browser", confirmed=True)
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["otp_device_id"] = device.persistent_id
    store.save()
    context = browser.new_context(**browser_context_args)
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": live_server.url}]
    )
    return context.new_page()


def submit(page, fields: dict[str, str]) -> None:
    """Fill the page's form (selects, checkboxes, text) and send it."""
    for name, value in fields.items():
        field = page.locator(f"[name={name}]")
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        elif field.get_attribute("type") == "checkbox":
            field.set_checked(value == "on")
        else:
            field.fill(value)
    # The last button sends the form (a picker's search buttons come before it).
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def main_text(page) -> str:
    return page.locator("main").inner_text()


def no_errors(page) -> None:
    errors = page.locator(".errorlist, .error-summary")
    assert errors.count() == 0, " | ".join(errors.all_inner_texts())


def step(page, name: str, fields: dict[str, str]) -> None:
    """Take a case step from its button on the case page, and check it was accepted."""
    page.locator(f"a[data-step={name}]").first.click()
    page.wait_for_load_state()
    submit(page, fields)
    no_errors(page)


def group_step(page, name: str, fields: dict[str, str]) -> None:
    """Take a step for several accused at once (the ticked ones)."""
    page.locator(f"a[data-group-step={name}]").click()
    page.wait_for_load_state()
    submit(page, fields)
    no_errors(page)


def on(time_machine, text: str) -> None:
    """Move the clock (server and test alike) to a WIB moment; it keeps running."""
    time_machine.move_to(moment(text), tick=True)


def shot(page, name: str) -> None:
    """Keep a full-page screenshot under test-results/ (name: 'journey/01-what')."""
    path = SHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def report_anonymously(page, url: str, fields: dict[str, str], files=(), instansi=None) -> str:
    """File a report on the public portal without a name; the receipt code it gives."""
    page.goto(url + "/lapor/")
    chooser = page.locator("select[name=instansi]")
    if instansi and chooser.count():
        chooser.select_option(label=instansi)
    for name, value in fields.items():
        page.fill(f"[name={name}]", value)
    for path in files:
        page.set_input_files("[name=files]", str(path))
    page.check("[name=reporter_mode][value=anonymous]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    code = RECEIPT_CODE.search(main_text(page))
    assert code, main_text(page)
    return code.group(0)


def track(page, url: str, code: str) -> str:
    """Read the report's tracking page by its receipt code; the outcome block's text."""
    page.goto(url + "/lapor/lacak/")
    page.fill("[name=code]", code)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return page.locator("[data-testid=outcome]").inner_text()


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in reader.pages))


def verify(page, note: str) -> None:
    """The intake officer verifies the report open on the page."""
    page.fill("[name=verify-note]", note)
    page.get_by_role("button", name="Verifikasi").click()
    page.wait_for_load_state()
    assert "Laporan sudah diverifikasi" in main_text(page)


def link_employee(page, nip: str) -> None:
    """The intake officer links the employee found by NIP to the report open on the page."""
    page.fill("[name=q]", nip)
    page.locator("form:has([name=q]) button").click()
    page.get_by_role("button", name="Kaitkan ke laporan").click()
    page.wait_for_load_state()


def choose_provision(page, words: str, provision: str) -> None:
    """Find the provision in the catalog by its words, then tick it."""
    page.locator("[name=provision_find]").fill(words)
    page.locator("[data-testid=find-provision]").click()
    page.wait_for_load_state()
    page.locator(f"input[name=provision][value='{provision}']").check()


def assign(page, handlers) -> None:
    """Assign the case's handlers: [(user, role), ...] from the case page."""
    for user, role in handlers:
        page.locator("a[href$='/penanganan/']").click()
        submit(page, {"user": str(user.pk), "role": role})
        no_errors(page)


def joint_session(page, accused, *, held_on: str, place: str, question: str, answer: str):
    """One examination session for the ticked accused: one question, each their own answer, the
    minutes completed the same day."""
    group_step(page, "examination_session", {"held_on": held_on, "place": place})
    form = page.locator("[data-testid=session-question]")
    form.locator("[name=qa-question]").fill(question)
    for item in accused:
        form.locator(f"[name=qa-answer_{item.pk}]").fill(answer)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)
    minutes = page.locator("[data-testid=session-minutes]")
    minutes.locator("[name=bap-completed_on]").fill(held_on)
    minutes.locator("button[type=submit]").click()
    page.wait_for_load_state()
    no_errors(page)


def clock_marks(page) -> list[str | None]:
    """The marks of the case page's deadline rows (kept, late, overdue, open...)."""
    return [
        row.get_attribute("data-mark") for row in page.locator("tr[data-testid=clock-row]").all()
    ]


def all_kept(page) -> None:
    """Every duty of the office on the case page was kept: none late, overdue or open."""
    marks = clock_marks(page)
    assert "kept" in marks and not {"late", "overdue", "open"} & set(marks), marks
