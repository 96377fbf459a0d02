"""IPv6 addresses that carry an IPv4 address inside them are judged by that address.

A 6to4 address (2002:AABB:CCDD::) is sent to the IPv4 address in its next 32 bits, a NAT64
one (64:ff9b::/96) to its last 32 bits, a Teredo client to its last 32 bits inverted: the
guard let 2002:7f00:1:: (loopback) and 2002:a9fe:a9fe:: (the cloud metadata endpoint)
through, and the metadata endpoint behind NAT64 whenever private addresses were allowed.
"""

from __future__ import annotations

import pytest

from factdb.capture.guard import refusal


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("2002:7f00:1::", "loopback"),
        ("2002:a00:1::1", "private"),
        ("2002:a9fe:a9fe::", "metadata"),
        ("64:ff9b::a00:1", "private"),
        ("64:ff9b::7f00:1", "loopback"),
        ("fec0::1", "private"),  # site-local, the private range IPv6 had first
    ],
)
def test_an_ipv4_address_inside_an_ipv6_one_is_refused_as_itself(address, reason):
    assert reason in refusal(address, allow_private=False)


@pytest.mark.parametrize(
    "address",
    [
        "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::a9fe:a9fe",  # NAT64's prefix for local use (RFC 8215)
        "2002:a9fe:a9fe::",
        "2001:0:4136:e378:8000:63bf:5601:5601",
    ],
)
def test_the_metadata_endpoint_inside_an_ipv6_address_stays_refused_when_private_is_allowed(
    address,
):
    assert "metadata" in refusal(address, allow_private=True)


def test_a_public_ipv4_address_inside_an_ipv6_one_is_fetched():
    assert refusal("2002:5db8:d70e::", allow_private=False) is None
    assert refusal("64:ff9b::5db8:d70e", allow_private=False) is None
