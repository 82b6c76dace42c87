"""Behind the README's reverse proxy each reporter has their own throttle (#12 item 8)."""

import subprocess
import sys

import pytest
from django.test import RequestFactory, override_settings

from tegak.core.clients import client_address
from tegak.intake.throttle import client_key


def _request(peer: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/lapor/", **extra)


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_behind_trusted_proxies_the_first_untrusted_hop_is_the_client():
    assert client_address(_request("127.0.0.1", "198.51.100.7, 10.1.2.3")) == "198.51.100.7"
    two_reporters = {
        client_key(_request("127.0.0.1", "198.51.100.7")),
        client_key(_request("127.0.0.1", "198.51.100.8")),
    }
    assert len(two_reporters) == 2  # no longer one shared limit for everyone behind the proxy


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_a_client_cannot_pick_its_address_by_sending_the_header():
    # The attacker writes a fake first hop; the proxy appends the real address it saw.
    assert client_address(_request("127.0.0.1", "192.0.2.66, 198.51.100.7")) == "198.51.100.7"
    # A peer that is not a trusted proxy: its header counts for nothing.
    assert client_address(_request("198.51.100.7", "192.0.2.66")) == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_a_garbled_header_falls_back_to_the_proxy_not_to_the_garbage():
    assert client_address(_request("127.0.0.1", "not-an-address")) == "127.0.0.1"


@pytest.mark.parametrize("value", ["10.0.0.0/33", "proxy.example"])
def test_a_bad_trusted_proxy_setting_refuses_to_start(value, tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "TEGAK_DEMO": "1",
        "TEGAK_DATA_DIR": str(tmp_path),
        "TEGAK_TRUSTED_PROXIES": value,
        "DJANGO_SETTINGS_MODULE": "tegak.config.settings",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "TEGAK_TRUSTED_PROXIES" in done.stderr and value in done.stderr


def test_a_login_without_a_peer_records_no_address_rather_than_a_made_up_one():
    from django.http import HttpRequest

    from tegak.core.clients import login_client_address

    assert login_client_address(HttpRequest()) is None
    assert login_client_address(None) is None
    assert login_client_address(_request("198.51.100.7")) == "198.51.100.7"
