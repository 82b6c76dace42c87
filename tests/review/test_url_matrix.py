"""The guard (after zulip's): every URL pattern of the project has an entry in the access matrix,
so the matrix covers every URL by construction. A new URL without an entry fails this test.

Each entry says what an anonymous visitor gets (PUBLIC: the page itself, STAFF: the login page,
ADMIN: the admin login, API: 401, API_PUBLIC: no 401) — checked here for every URL. Staff URLs
that take an object are also checked for the wrong instansi and the wrong role (404, nothing
written) in `test_access_matrix.URLS`, and for the accused (404 whatever their role) below; the
ones still waiting for that deeper check are listed in `SCOPE_PENDING`, which may only shrink.
"""

from __future__ import annotations

import re
import uuid
from fnmatch import fnmatch

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tegak.core.access import Role
from tests.conftest import make_user

from .conftest import staff_client
from .test_access_matrix import INSTALLATION_URLS, URLS, row_counts
from .test_access_matrix import world as world

PUBLIC, STAFF, ADMIN, API, API_PUBLIC = "public", "staff", "admin", "api", "api-public"

# url name (fnmatch pattern) -> what an anonymous visitor gets. Every URL must match one entry.
MATRIX: dict[str, str] = {
    "portal:*": PUBLIC,
    "reporting:*": PUBLIC,
    "set_language": PUBLIC,
    "accounts:login": PUBLIC,
    "accounts:logout": STAFF,
    "accounts:otp": STAFF,
    "accounts:otp_setup": STAFF,
    "dashboard:home": STAFF,
    "people:*": STAFF,
    "intake:*": STAFF,
    "cases:*": STAFF,
    "hearings:step": STAFF,
    "hearings:session_new": STAFF,  # joint examination session of a group case (#13)
    "hearings:session": STAFF,
    "hearings:question_correct": STAFF,
    "decisions:step": STAFF,
    "documents:*": STAFF,
    "attendance:*": STAFF,
    "administration:invitation": PUBLIC,  # the invitation link sets a password: no login yet
    "administration:numbering": STAFF,  # numbering patterns per unit and kind (#15)
    "administration:letterheads": STAFF,  # the kop per unit (#15)
    "administration:signing": STAFF,  # certificates for electronic signatures (#14)
    "portal:verification*": PUBLIC,  # a signed letter's public page and file check (#14)
    "administration:*": STAFF,
    "jobs:*": STAFF,
    "connectors:webhooks": STAFF,  # administrators of the instansi (#19)
    "connectors:webhook": STAFF,
    "connectors:webhook_retry": STAFF,
    "connectors:*": STAFF,
    "retention:*": STAFF,  # administrators of the instansi (#19)
    "audit:*": STAFF,  # auditors, oversight, administrators (the chain's checks, 2026-12-07)
    "admin:login": PUBLIC,
    "admin:*": ADMIN,
    "api:partner_submit": API_PUBLIC,  # a partner's token, not a session
    "api:deadlines_endpoint": API_PUBLIC,  # the law's calculators: public, no data of ours
    "api:assess_endpoint": API_PUBLIC,
    "api:working_time_endpoint": API_PUBLIC,
    "api:api-root": API_PUBLIC,
    "api:openapi-json": API_PUBLIC,
    "api:openapi-view": API_PUBLIC,
    "api:*": API,
}

# Staff URLs that take an object and are not yet in test_access_matrix.URLS (wrong instansi,
# wrong role → 404, nothing written). May only shrink: add the URL there, then remove it here.
SCOPE_PENDING: set[str] = set()

SAMPLE = {"int": "1", "slug": "x", "str": "x", "path": "1", "uuid": str(uuid.uuid4())}


def every_url(patterns=None, prefix: str = "", namespace: str = ""):
    """(name, route, sample path) of every URL pattern, includes followed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from every_url(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed>"
            yield name, route, "/" + _sample(route)


def _sample(route: str) -> str:
    route = route.lstrip("^").rstrip("$").replace("\\Z", "")
    return re.sub(
        r"<(?:(\w+):)?\w+>", lambda match: SAMPLE.get(match.group(1) or "str", "x"), route
    )


def entry_for(name: str) -> str | None:
    for pattern, expected in MATRIX.items():
        if fnmatch(name, pattern):
            return expected
    return None


URL_ROWS = sorted(set(every_url()))


def test_every_url_has_an_access_matrix_entry():
    missing = [
        f"{name} ({route})"
        for name, route, _path in URL_ROWS
        if entry_for(name) is None
        and not name.startswith("admin:")
        and not route.startswith("admin/")
    ]
    assert not missing, (
        "URLs without an access-matrix entry (tests/review/test_url_matrix.py MATRIX; say what "
        "an anonymous visitor gets, and add object URLs to test_access_matrix.URLS): "
        + ", ".join(missing)
    )


def test_every_staff_url_taking_an_object_has_its_scope_checked():
    covered = {name for name, *_rest in [*URLS, *INSTALLATION_URLS]}
    unchecked = [
        name
        for name, route, _path in URL_ROWS
        if entry_for(name) == STAFF
        and re.search(r"<(int|uuid):", route)
        and name not in covered
        and not any(fnmatch(name, pending) for pending in SCOPE_PENDING)
    ]
    assert not unchecked, f"add to test_access_matrix.URLS: {sorted(set(unchecked))}"
    stale = sorted(pending for pending in SCOPE_PENDING if pending in covered)
    assert not stale, f"remove from SCOPE_PENDING: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "route", "path"),
    [row for row in URL_ROWS if entry_for(row[0]) is not None],
    ids=[f"{row[0]}:{row[1]}" for row in URL_ROWS if entry_for(row[0]) is not None],
)
def test_an_anonymous_visitor_gets_what_the_matrix_says(name, route, path, instansi):
    expected = entry_for(name)
    client = Client()
    before = row_counts()
    responses = [client.get(path)]
    if expected in (STAFF, ADMIN, API):
        responses.append(client.post(path, {}))
    for response in responses:
        location = response.headers.get("Location", "")
        to_login = response.status_code == 302 and (
            location.startswith(reverse("accounts:login")) or "/admin/login/" in location
        )
        if expected == STAFF:
            assert to_login and location.startswith(reverse("accounts:login")), (
                path,
                response.status_code,
                location,
            )
        elif expected == ADMIN:
            assert response.status_code in (302, 404) and (
                response.status_code == 404 or to_login
            ), (path, response.status_code)
        elif expected == API:
            assert response.status_code in (401, 404, 405), (path, response.status_code)
        else:
            assert not to_login and response.status_code not in (401, 403), (
                path,
                response.status_code,
            )
    if expected != PUBLIC and expected != API_PUBLIC:
        assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "method", "args"),
    [
        (n, m, a)
        for n, m, a, _r in URLS
        if n.split(":")[0] in {"cases", "hearings", "decisions", "documents"}
    ],
)
def test_the_accused_of_the_case_gets_404_on_every_case_url(
    name,
    method,
    args,
    world,
):
    """Whatever roles they hold, the accused reads and changes nothing of their case."""
    accused = make_user("terlapor-semua-peran", world.case.instansi, *Role)
    accused.employee = world.accused.employee
    accused.save(update_fields=["employee"])
    url = reverse(name, args=args(world))
    before = row_counts()
    client = staff_client(accused)
    response = client.get(url) if method == "get" else client.post(url, {"note": "x"})
    assert response.status_code == 404, (url, response.status_code)
    assert row_counts() == before
