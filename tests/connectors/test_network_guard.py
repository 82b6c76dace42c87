"""The connectors' guard of the installation's network (ADR 0170), over real local sockets: an
address an instansi administrator types is resolved and checked, private/loopback/link-local
addresses are refused (on the settings field, and again by the worker at connection time)
unless the installation allows the host; redirects are not followed; slow or endless answers
are cut at the timeout and the size limit."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tegak.connectors import http
from tegak.connectors.http import RemoteError, is_public, request
from tegak.connectors.models import MessageState, WebhookDelivery, WebhookSubscription
from tegak.connectors.services import gateway_set, lapor_set, siasn_set, webhook_save
from tegak.core.errors import InputError
from tegak.intake import services as intake
from tegak.intake.services import ReportInput
from tegak.jobs.runner import drain

pytestmark = pytest.mark.django_db


class Local:
    """A local HTTP server whose behaviour the test sets: `answer(handler)` writes the reply;
    `hits` counts the requests it received."""

    def __init__(self) -> None:
        self.hits = 0
        self.answer: Any = None
        self.url = ""


@pytest.fixture
def local() -> Iterator[Local]:
    yield from _serve()


@pytest.fixture
def second() -> Iterator[Local]:
    yield from _serve()


def _serve() -> Iterator[Local]:
    state = Local()

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            state.hits += 1
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            try:
                if state.answer is None:
                    self.send_response(200)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"{}")
                else:
                    state.answer(self)
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_GET = _any
        do_POST = _any

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("address", "public"),
    [
        pytest.param("127.0.0.1", False, id="loopback"),
        pytest.param("10.20.30.40", False, id="private-10"),
        pytest.param("172.16.5.5", False, id="private-172"),
        pytest.param("192.168.1.10", False, id="private-192"),
        pytest.param("169.254.169.254", False, id="link-local-cloud-metadata"),
        pytest.param("100.64.1.1", False, id="shared-cgnat"),
        pytest.param("0.0.0.0", False, id="unspecified"),
        pytest.param("224.0.0.1", False, id="multicast"),
        pytest.param("::1", False, id="ipv6-loopback"),
        pytest.param("fe80::1", False, id="ipv6-link-local"),
        pytest.param("fd00::5", False, id="ipv6-unique-local"),
        pytest.param("::ffff:127.0.0.1", False, id="ipv4-mapped-loopback"),
        pytest.param("::ffff:10.0.0.1", False, id="ipv4-mapped-private"),
        # An IPv4 address inside an IPv6 one reaches that IPv4 host through a gateway (red-team
        # pass of 2026-12-07): judged as the IPv4 address.
        pytest.param("64:ff9b::7f00:1", False, id="nat64-loopback"),
        pytest.param("64:ff9b::a9fe:a9fe", False, id="nat64-cloud-metadata"),
        pytest.param("64:ff9b:1::a00:1", False, id="nat64-local-private"),
        pytest.param("2002:7f00:1::", False, id="6to4-loopback"),
        pytest.param("::7f00:1", False, id="ipv4-compatible-loopback"),
        pytest.param("64:ff9b::808:808", True, id="nat64-public"),
        pytest.param("103.10.20.30", True, id="public-indonesian-range"),
        pytest.param("8.8.8.8", True, id="public"),
        pytest.param("2001:4860:4860::8888", True, id="public-ipv6"),
    ],
)
def test_which_addresses_count_as_inside_a_network(address, public):
    assert is_public(ipaddress.ip_address(address)) is public


def test_a_loopback_address_is_refused_before_connecting_unless_the_installation_allows_it(
    local, settings
):
    settings.CONNECTORS_INTERNAL_HOSTS = []
    for url in (local.url, local.url.replace("127.0.0.1", "localhost")):
        with pytest.raises(RemoteError) as refused:
            request("POST", url + "/hook", json_body={"a": 1})
        assert "private or local network" in str(refused.value)
        assert refused.value.retry is False
    assert local.hits == 0
    # Allowed by network, and by host name.
    settings.CONNECTORS_INTERNAL_HOSTS = ["127.0.0.0/8"]
    assert request("POST", local.url + "/hook", json_body={"a": 1})[0] == 200
    settings.CONNECTORS_INTERNAL_HOSTS = ["localhost"]
    assert request("POST", local.url.replace("127.0.0.1", "localhost"), json_body={})[0] == 200
    assert local.hits == 2


def test_settings_pages_refuse_an_internal_address_on_the_field_and_save_nothing(
    instansi, administrator, settings
):
    settings.CONNECTORS_INTERNAL_HOSTS = []
    for url in (
        "http://127.0.0.1:8080/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/hook",
        "http://[::1]/hook",
        "http://localhost/hook",
    ):
        with pytest.raises(InputError) as refused:
            webhook_save(
                actor=administrator,
                instansi=instansi,
                name="Penerima",
                url=url,
                kinds=["case.opened"],
                secret="",
                active=True,
            )
        assert refused.value.field == "url"
        assert "jaringan privat" in str(refused.value.message)
    assert not WebhookSubscription.objects.exists()
    with pytest.raises(InputError) as refused:
        gateway_set(
            actor=administrator,
            instansi=instansi,
            url="http://192.168.10.2/send",
            token="t",
            kind="whatsapp",
            active=True,
        )
    assert refused.value.field == "url"
    with pytest.raises(InputError) as refused:
        lapor_set(
            actor=administrator,
            instansi=instansi,
            base_url="http://172.20.0.1",
            token="t",
            active=True,
            send_status=True,
        )
    assert refused.value.field == "base_url"
    with pytest.raises(InputError) as refused:
        siasn_set(
            actor=administrator,
            instansi=instansi,
            base_url="https://apimws.bkn.go.id/apisiasn/1.0",
            token_url="http://127.0.0.1/oauth/token",
            client_id="id",
            client_secret="rahasia",
            active=True,
        )
    assert refused.value.field == "token_url"
    # The operator allows the agency's relay: the same address is accepted.
    settings.CONNECTORS_INTERNAL_HOSTS = ["10.0.0.0/24"]
    row, _shown = webhook_save(
        actor=administrator,
        instansi=instansi,
        name="Penerima",
        url="http://10.0.0.7/hook",
        kinds=["case.opened"],
        secret="",
        active=True,
    )
    assert row.pk


def test_a_subscription_whose_address_turns_internal_is_refused_by_the_worker(
    instansi, administrator, local, settings, django_capture_on_commit_callbacks
):
    """Allowed when saved, no longer allowed when sent (the operator narrowed the list, or a
    host's DNS now answers a private address): the worker refuses to connect and says why."""
    subscription, _shown = webhook_save(
        actor=administrator,
        instansi=instansi,
        name="Penerima",
        url=local.url + "/hook",
        kinds=["report.received"],
        secret="",
        active=True,
    )
    settings.CONNECTORS_INTERNAL_HOSTS = []
    with django_capture_on_commit_callbacks(execute=True):
        intake.report_submit(
            instansi=instansi,
            data=ReportInput(
                description="Laporan uji jaringan.",
                accused_text="Staf",
                occurred_on=date(2026, 10, 2),
                reporter_mode="anonymous",
            ),
            client_key="uji-guard",
        )
    drain()
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert delivery.state in (MessageState.RETRYING, MessageState.FAILED)
    assert "private or local network" in delivery.last_error
    assert local.hits == 0


def test_a_redirect_is_not_followed(local, second):
    def redirect(handler):
        handler.send_response(302)
        handler.send_header("Location", second.url + "/elsewhere")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    local.answer = redirect
    with pytest.raises(RemoteError) as refused:
        request("POST", local.url + "/hook", json_body={"a": 1})
    assert refused.value.status == 302
    assert "not followed" in str(refused.value)
    assert local.hits == 1
    assert second.hits == 0


def test_an_endless_answer_is_cut_at_the_size_limit(local, monkeypatch):
    monkeypatch.setattr(http, "MAX_ANSWER_BYTES", 200_000)

    def endless(handler):
        handler.send_response(200)
        handler.end_headers()
        block = b"x" * 65_536
        for _ in range(100):
            handler.wfile.write(block)

    local.answer = endless
    with pytest.raises(RemoteError) as refused:
        request("GET", local.url + "/big")
    assert "too large" in str(refused.value)


def test_a_trickling_answer_is_cut_at_the_timeout(local):
    stop = threading.Event()

    def trickle(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        while not stop.is_set():
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.1)

    local.answer = trickle
    started = time.monotonic()
    try:
        with pytest.raises(RemoteError) as refused:
            request("GET", local.url + "/slow", timeout=1)
    finally:
        stop.set()
    assert "no answer in time" in str(refused.value)
    assert time.monotonic() - started < 3
