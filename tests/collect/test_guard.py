"""The address guard: internal addresses are refused unless allowed, on every hop, without DNS races."""

from __future__ import annotations

import ipaddress

import pytest

from tests.collect.conftest import fast_config
from tests.collect.server import TestSite
from yuqing.collect.addresses import AddressGuard, GuardedBackend, forbidden_category
from yuqing.collect.client import HttpClient
from yuqing.collect.errors import AddressNotAllowedError


@pytest.mark.parametrize(
    ("address", "category"),
    [
        ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("10.1.2.3", "private"), ("172.16.0.1", "private"),
        ("192.168.1.1", "private"), ("169.254.169.254", "link-local"), ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"), ("100.64.0.1", "non-public"), ("::1", "loopback"), ("::", "unspecified"),
        ("fe80::1", "link-local"), ("fc00::1", "private"), ("fec0::1", "site-local"),
        ("feff:ffff::1", "site-local"), ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"), ("::ffff:169.254.169.254", "link-local"),
        ("2002:7f00:1::", "loopback"), ("64:ff9b::a00:1", "private"),
        ("8.8.8.8", None), ("2001:4860:4860::8888", None), ("::ffff:8.8.8.8", None),
    ],
)
def test_categories(address: str, category: str | None) -> None:
    assert forbidden_category(ipaddress.ip_address(address)) == category


def no_loopback_config():
    return fast_config(allowed_networks=(), max_retries=0, respect_robots=False)


def test_loopback_is_refused_unless_allowed(site: TestSite) -> None:
    before = len(site.log)
    with HttpClient(no_loopback_config()) as client:
        with pytest.raises(AddressNotAllowedError, match=r"127\.0\.0\.1 \(127\.0\.0\.1\): loopback address"):
            client.get(site.url("/page.html"))
    assert len(site.log) == before  # nothing reached the server


@pytest.mark.parametrize(
    "url", ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/",
            "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "https://192.168.0.1/admin"],
)
def test_internal_literals_are_refused(url: str) -> None:
    with HttpClient(no_loopback_config()) as client:
        with pytest.raises(AddressNotAllowedError):
            client.get(url)


def test_a_name_that_resolves_to_loopback_is_refused(site: TestSite) -> None:
    port = site.base_url.rsplit(":", 1)[1]
    with HttpClient(no_loopback_config()) as client:
        with pytest.raises(AddressNotAllowedError, match="refused to fetch from localhost"):
            client.get(f"http://localhost:{port}/page.html")


def test_every_redirect_hop_is_checked(site: TestSite, http: HttpClient) -> None:
    with pytest.raises(AddressNotAllowedError, match="10.9.8.7"):
        http.get(site.url("/redirect?to=http://10.9.8.7/secret"))


def test_the_checked_address_is_the_one_connected_to(site: TestSite) -> None:
    """The resolver answers once; the connection must go to that answer, not to a second lookup.

    `rebind.invalid` does not exist in DNS, so the fetch can only work if the client connects
    to the address the guard checked.
    """
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"]

    port = site.base_url.rsplit(":", 1)[1]
    with HttpClient(fast_config(respect_robots=False), resolver=resolver) as client:
        response = client.get(f"http://rebind.invalid:{port}/echo")
    assert response.status == 200 and calls == ["rebind.invalid"]
    assert site.log[-1].headers["host"] == f"rebind.invalid:{port}"  # the name, not the address, is sent


def test_one_internal_address_among_public_ones_refuses_the_host() -> None:
    guard = AddressGuard(resolver=lambda host, port: ["93.184.215.14", "10.0.0.5"])
    with pytest.raises(AddressNotAllowedError, match="10.0.0.5"):
        guard.checked_addresses("mixed.example", 80)


def test_allowed_networks_are_exact() -> None:
    guard = AddressGuard(["127.0.0.1/32"])
    assert guard.is_allowed(ipaddress.ip_address("127.0.0.1"))
    assert not guard.is_allowed(ipaddress.ip_address("127.0.0.2"))
    assert not guard.is_allowed(ipaddress.ip_address("::1"))


def test_the_client_really_uses_the_guarded_backend(http: HttpClient) -> None:
    """GuardedTransport swaps httpx's private `_pool`; if httpx renames it, this fails first."""
    transport = http._http._transport  # noqa: SLF001 (checking the integration on purpose)
    assert isinstance(transport._pool._network_backend, GuardedBackend)  # noqa: SLF001


def test_proxy_settings_in_the_environment_are_ignored(site: TestSite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://10.0.0.1:3128")
    monkeypatch.setenv("ALL_PROXY", "http://10.0.0.1:3128")
    with HttpClient(fast_config()) as client:
        assert client.get(site.url("/page.html")).status == 200
