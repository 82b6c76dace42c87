"""Fixtures for the connectors: stand-in remote systems on real local sockets."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.cases.conftest import open_case, org, staff, today  # noqa: F401


@pytest.fixture(autouse=True)
def _connector_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192
    settings.JOB_RETRY_BASE_SECONDS = 1
    # The stand-in servers listen on the loopback address: the installation allows it here,
    # as an operator would allow a gateway inside the agency's network (ADR 0170).
    settings.CONNECTORS_INTERNAL_HOSTS = ["127.0.0.1"]
    return settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class StandIn:
    """A stand-in HTTP server: `routes[(method, path)]` answers (status, body) from the
    request; every request is kept in `seen` as (method, path, headers, body bytes)."""

    url: str = ""
    routes: dict[tuple[str, str], Callable[[dict[str, Any]], tuple[int, Any]]] = field(
        default_factory=dict
    )
    seen: list[dict[str, Any]] = field(default_factory=list)
    delay: float = 0.0


@pytest.fixture
def stand_in() -> Iterator[StandIn]:
    state = StandIn()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            import time

            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            path, _sep, query = self.path.partition("?")
            request = {
                "method": self.command,
                "path": path,
                "query": query,
                "headers": {key.lower(): value for key, value in self.headers.items()},
                "body": body,
            }
            state.seen.append(request)
            if state.delay:
                time.sleep(state.delay)
            route = state.routes.get((self.command, path))
            status, answer = route(request) if route else (404, {"error": "not found"})
            raw = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_GET = _answer
        do_POST = _answer
        do_PUT = _answer

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


@dataclass
class Mailbox:
    port: int
    messages: list[Any] = field(default_factory=list)


@pytest.fixture
def smtp_server(settings) -> Iterator[Mailbox]:
    """A real SMTP server (aiosmtpd) on a local socket; Django sends to it over SMTP."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    box = Mailbox(port=free_port())

    class Keep(Message):
        def handle_message(self, message: Any) -> None:
            box.messages.append(message)

    controller = Controller(Keep(), hostname="127.0.0.1", port=box.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = box.port
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "tegak@kota-uji.example"
    yield box
    controller.stop()
