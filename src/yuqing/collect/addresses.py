"""The address guard: never let a configured source make the server fetch its own network.

A source URL is user input. Without this guard, "http://169.254.169.254/..." or a name that
resolves to 10.x would let anyone who can add a source read internal services (SSRF).

How: the guard sits in the connection layer (an httpcore network backend), so it runs for
every connection httpx opens, including each redirect hop and robots.txt. It resolves the
host name once, checks every address, and connects to the checked address itself, so a DNS
answer cannot change between check and connect (no rebinding window). TLS still verifies the
certificate against the host name, because httpcore passes the name to start_tls separately.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any

from httpcore import ConnectError, ConnectTimeout, NetworkStream, SyncBackend

from yuqing.collect.errors import AddressNotAllowedError, HostNotFoundError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]
NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")

# Checked in this order; the first that applies names the refusal.
_CATEGORIES = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    # fec0::/10, deprecated by RFC 3879 but still routed inside some networks; Python counts it global.
    ("is_site_local", "site-local"),
    ("is_multicast", "multicast"),
    ("is_private", "private"),
    ("is_reserved", "reserved"),
)


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64), if any."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def forbidden_category(address: IPAddress) -> str | None:
    """Why this address must not be fetched ("loopback", "private", ...), or None when public."""
    if isinstance(address, ipaddress.IPv6Address) and (inner := embedded_ipv4(address)):
        return forbidden_category(inner)
    for attribute, label in _CATEGORIES:
        if getattr(address, attribute, False):  # IPv4 addresses have no is_site_local
            return label
    # Shared address space (100.64/10), benchmarking ranges and the like: not private, not global.
    return None if address.is_global else "non-public"


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses of `host`, in the order the system resolver gives them."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))


class AddressGuard:
    """Decides which addresses may be fetched. `allowed_networks` lifts the ban for chosen ranges."""

    def __init__(self, allowed_networks: Iterable[str] = (), resolver: Resolver | None = None) -> None:
        self.allowed: tuple[IPNetwork, ...] = tuple(ipaddress.ip_network(n, strict=False) for n in allowed_networks)
        self.resolver = resolver or system_resolver

    def is_allowed(self, address: IPAddress) -> bool:
        if any(address in network for network in self.allowed if network.version == address.version):
            return True
        return forbidden_category(address) is None

    def checked_addresses(self, host: str, port: int) -> list[str]:
        """Resolve once and return the addresses to connect to; raise if any of them is internal.

        One internal address among public ones refuses the whole host: a public name that
        also points inside is either a mistake or an attack, and either way worth showing.
        """
        for address in (addresses := self._resolve(host, port)):
            ip = ipaddress.ip_address(address)
            if not self.is_allowed(ip):
                raise AddressNotAllowedError(
                    f"refused to fetch from {host} ({address}): {forbidden_category(ip)} address. "
                    "Internal addresses are blocked to protect the server; an administrator can "
                    "allow a network with YUQING_FETCH_ALLOW_NETWORKS."
                )
        return addresses

    def _resolve(self, host: str, port: int) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise HostNotFoundError(f"could not resolve host {host}: {exc}. Check the address.") from exc
        if not addresses:
            raise HostNotFoundError(f"host {host} has no address. Check the address.")
        return addresses


class GuardedBackend(SyncBackend):
    """httpcore backend that connects only to addresses the guard has checked."""

    def __init__(self, guard: AddressGuard) -> None:
        self.guard = guard

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, **kwargs: Any) -> NetworkStream:
        last_error: Exception | None = None
        for address in self.guard.checked_addresses(host, port):
            try:
                return super().connect_tcp(address, port, timeout, **kwargs)
            except (ConnectError, ConnectTimeout) as exc:  # try the next address, like create_connection
                last_error = exc
        assert last_error is not None
        raise last_error
