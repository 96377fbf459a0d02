"""Refuse to fetch from addresses inside the server's own network (SSRF).

A server that fetches URLs its users type can be made to reach what only it can
reach: its loopback services, the private network, the cloud metadata endpoint.
Every connection is checked after DNS resolution (so a public name that resolves
to 10.0.0.1 is refused) and made to the address that was checked (so DNS cannot
answer differently a moment later); redirects open new connections and pass here too.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import httpcore
import httpx

#: Cloud metadata endpoints: refused even when private addresses are allowed.
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
#: Carrier-grade NAT space: not "private" to Python, but not the public internet either.
_SHARED = ipaddress.ip_network("100.64.0.0/10")
#: NAT64's well-known prefix and the one for local use (RFC 8215, a network's own gateway):
#: the last 32 bits are the IPv4 address the gateway connects to.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def carried(ip: Address) -> Address:
    """The IPv4 address an IPv6 address carries and is delivered to, else the address itself.

    IPv4-mapped, 6to4 and Teredo addresses, and NAT64's, reach the IPv4 address inside them:
    judged as IPv6 they passed as public (2002:7f00:1:: is loopback, 2002:a9fe:a9fe:: the
    cloud metadata endpoint).
    """
    if not isinstance(ip, ipaddress.IPv6Address):
        return ip
    if any(ip in prefix for prefix in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None) or ip


class AddressRefused(httpx.ConnectError):
    """The host resolves to an address factdb does not fetch from."""


def refusal(address: str, *, allow_private: bool) -> str | None:
    """Why `address` may not be fetched from, or None when it may."""
    ip = carried(ipaddress.ip_address(address.split("%", 1)[0]))
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if allow_private:
        return None
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return "a reserved address"
    if ip.is_private or ip in _SHARED or getattr(ip, "is_site_local", False):
        return "a private network address"
    return None


def resolve(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise httpx.ConnectError(f"The host name {host} does not resolve ({error}).") from error
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to addresses that pass `refusal`."""

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve(host, port)
        for address in addresses:
            reason = refusal(address, allow_private=self.allow_private)
            if reason is not None:
                # Say how to allow it when the setting would: an admin capturing an intranet page.
                allowed = refusal(address, allow_private=True) is None
                hint = " (an admin can allow it: FACTDB_CAPTURE_ALLOW_PRIVATE=1)" if allowed else ""
                raise AddressRefused(
                    f"{host} resolves to {address}, {reason}; factdb does not fetch from there{hint}."
                )
        last_error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as error:
                last_error = error
        raise httpcore.ConnectError(str(last_error or f"cannot connect to {host}"))


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over the guarded backend; never through a proxy from the environment."""

    def __init__(self, *, allow_private: bool, max_connections: int = 10) -> None:
        super().__init__(trust_env=False, retries=0)
        # httpx builds its connection pool without a way to choose the network backend;
        # build the same pool again with ours (the rest of the transport is unchanged).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            network_backend=GuardedBackend(allow_private=allow_private),
        )
