"""Responses are sent with nothing of the database held, and streamed bodies arrive whole.

`BoundedASGIHandler.respond` gives a request's connections back once its response is made,
before it is sent; a body from a synchronous iterator (the open-data export) is written out
first, and a file response is read in blocks off the event loop (tegak.config.asgi). Driven
through the real ASGI application, as gunicorn's workers run it, with a client that reads as
slowly as a test wants.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.test import override_settings
from django.urls import include, path

from tegak.config.asgi import BoundedASGIHandler
from tests.core.test_asgi_one_hop import http_scope
from tests.core.test_postgresql_pool import backend_pid_view, pool_with

PAYLOAD = bytes(range(256)) * 4096  # 1 MiB, every byte value


@login_not_required
def file_view(request):
    handle = open(request.GET["name"], "rb")  # noqa: SIM115 - the response closes it
    return FileResponse(handle, content_type="application/octet-stream")


@login_not_required
def broken_stream_view(request):
    def parts() -> Iterator[str]:
        yield "first part,"
        raise RuntimeError("the data source failed half-way")

    return StreamingHttpResponse(parts(), content_type="text/plain")


urlpatterns = [
    path("file/", file_view),
    path("broken-stream/", broken_stream_view),
    path("pid/", backend_pid_view),
    path("", include("tegak.config.urls")),
]
handler500 = "tegak.core.busy.server_error"


async def _request(
    application: BoundedASGIHandler,
    path_and_query: str,
    *,
    before_body: Callable[[], Awaitable[None]] | None = None,
) -> tuple[int, dict[bytes, bytes], bytes]:
    """One GET; `before_body` is awaited when the first part of the body is sent (a client
    that has read the headers and then waits)."""
    start: dict[str, Any] = {}
    body = bytearray()
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the client never disconnects
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal before_body
        if message["type"] == "http.response.start":
            start.update(message)
            return
        if before_body is not None and message.get("body"):
            waiting, before_body = before_body, None
            await waiting()
        body.extend(message.get("body", b""))

    await application(http_scope(path_and_query), receive, send)
    headers = {name.lower(): value for name, value in start["headers"]}
    return start["status"], headers, bytes(body)


def _in_a_loop(main: Callable[[], Awaitable[Any]]) -> Any:
    """Run on an event loop in a thread of its own (a browser test may have left one here)."""
    answers: list[Any] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            answers.append(asyncio.run(main()))
        except BaseException as error:  # handed to the test
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if errors:
        raise errors[0]
    return answers[0]


@pytest.mark.django_db(transaction=True)
def test_the_register_export_arrives_whole_with_its_length():
    with override_settings(ROOT_URLCONF=__name__):
        application = BoundedASGIHandler()
        status, headers, body = _in_a_loop(lambda: _request(application, "/data/?format=json"))
        csv_status, csv_headers, csv_body = _in_a_loop(
            lambda: _request(application, "/data/?format=csv")
        )
    assert status == 200
    document = json.loads(body)
    assert document["schema"].startswith("tegak-register/")
    assert document["records"] == []  # no case is public yet
    assert int(headers[b"content-length"]) == len(body)
    assert csv_status == 200
    assert csv_body.decode().splitlines()[0].startswith("register_number,")
    assert int(csv_headers[b"content-length"]) == len(csv_body)


@pytest.mark.django_db(transaction=True)
def test_a_file_response_is_sent_whole_in_blocks(tmp_path):
    stored = tmp_path / "evidence.bin"
    stored.write_bytes(PAYLOAD)
    with override_settings(ROOT_URLCONF=__name__):
        application = BoundedASGIHandler()
        status, headers, body = _in_a_loop(lambda: _request(application, f"/file/?name={stored}"))
    assert status == 200
    assert body == PAYLOAD
    assert int(headers[b"content-length"]) == len(PAYLOAD)


@pytest.mark.django_db(transaction=True)
def test_a_stream_that_fails_half_way_is_an_error_page_not_a_cut_body():
    with override_settings(ROOT_URLCONF=__name__, DEBUG_PROPAGATE_EXCEPTIONS=False):
        application = BoundedASGIHandler()
        status, _headers, body = _in_a_loop(lambda: _request(application, "/broken-stream/"))
    assert status == 500
    assert b"first part," not in body  # nothing of the failed body reaches the client


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's connection pool")
@pytest.mark.django_db(transaction=True)
def test_a_client_reading_slowly_holds_no_database_connection():
    # One connection in the pool, and a short wait for it: had the slow download kept its
    # connection while the client read, the next visitor would wait 2 s and get 503.
    with pool_with(max_size=1, timeout=2), override_settings(ROOT_URLCONF=__name__):
        application = BoundedASGIHandler()

        async def main() -> tuple[Any, Any]:
            reading = asyncio.Event()
            go_on = asyncio.Event()

            async def slow_reader() -> None:
                reading.set()
                await go_on.wait()

            export = asyncio.create_task(
                _request(application, "/data/?format=json", before_body=slow_reader)
            )
            await asyncio.wait_for(reading.wait(), timeout=20)
            other = await asyncio.wait_for(_request(application, "/pid/"), timeout=20)
            go_on.set()
            return other, await export

        other, export = _in_a_loop(main)
    assert other[0] == 200  # served while the download was still being read
    assert export[0] == 200
    assert json.loads(export[2])["records"] == []
