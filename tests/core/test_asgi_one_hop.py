"""The ASGI application runs a request's middleware and view in one thread, entered once.

Loaded in Django's async mode, the chain handed each request back and forth between the event
loop and a thread at every middleware (a dozen hand-overs per request, each contending for the
interpreter lock with the loop reading other uploads). `BoundedASGIHandler` loads the chain in
synchronous mode and enters it once (tegak.config.asgi, issue #16).
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from asgiref.sync import iscoroutinefunction
from asgiref.testing import ApplicationCommunicator
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path
from django.utils.decorators import sync_and_async_middleware

from tegak.config.asgi import BoundedASGIHandler

SEEN: list[tuple[str, int, bool]] = []


@sync_and_async_middleware
def recording_middleware(get_response):
    """A middleware that can run either way: records which way it was run, and where."""
    if iscoroutinefunction(get_response):

        async def run_async(request):
            SEEN.append(("middleware", threading.get_ident(), True))
            return await get_response(request)

        return run_async

    def run_sync(request):
        SEEN.append(("middleware", threading.get_ident(), False))
        return get_response(request)

    return run_sync


@login_not_required
def recording_view(request):
    SEEN.append(("view", threading.get_ident(), False))
    return HttpResponse("ok")


urlpatterns = [path("hop/", recording_view)]


def http_scope(path_and_query: str) -> dict:
    """The ASGI scope of a GET of this path (with its query string, if any) from a client."""
    path_, _, query = path_and_query.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path_,
        "raw_path": path_.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


def _get(application, path_: str) -> tuple[int, dict[bytes, bytes], bytes, int]:
    """One GET through the ASGI application, on an event loop in a thread of its own (a browser
    test before may have left a loop running in this one). Returns the loop's thread too."""

    async def run() -> tuple[int, dict[bytes, bytes], bytes, int]:
        communicator = ApplicationCommunicator(application, http_scope(path_))
        await communicator.send_input({"type": "http.request", "body": b""})
        start = await communicator.receive_output(timeout=20)
        body = b""
        while True:
            message = await communicator.receive_output(timeout=20)
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        await communicator.wait(timeout=5)
        headers: dict[bytes, bytes] = {}
        for name, value in start["headers"]:
            key = name.lower()
            headers[key] = headers[key] + b"; " + value if key in headers else value
        return start["status"], headers, body, threading.get_ident()

    answers: list[tuple[int, dict[bytes, bytes], bytes, int]] = []
    loop_thread = threading.Thread(target=lambda: answers.append(asyncio.run(run())))
    loop_thread.start()
    loop_thread.join(timeout=60)
    return answers[0]


def test_middleware_and_view_run_synchronously_in_one_thread():
    SEEN.clear()
    with override_settings(
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[*settings.MIDDLEWARE, f"{__name__}.recording_middleware"],
    ):
        application = BoundedASGIHandler()
        status, _headers, body, loop = _get(application, "/hop/")
    assert (status, body) == (200, b"ok")
    (middleware, view) = SEEN
    assert middleware[0] == "middleware" and view[0] == "view"
    assert middleware[2] is False  # run in its synchronous form, not on the event loop
    assert middleware[1] == view[1] != loop  # one thread, not the event loop's


@pytest.mark.django_db(transaction=True)
def test_a_public_page_through_the_real_middleware_stack():
    status, headers, body, _loop = _get(BoundedASGIHandler(), "/lapor/")
    assert status == 200
    assert b"content-security-policy" in headers
    assert b"csrftoken=" in headers.get(b"set-cookie", b"")
    assert b'name="csrfmiddlewaretoken"' in body
