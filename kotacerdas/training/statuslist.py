"""W3C Bitstring Status List v1.0 encoding, pure Python. Index 0 is the left-most bit
of the first byte; the list is GZIP-compressed and multibase base64url encoded (prefix
``u``, no padding). The minimum size is 16 KB of bits (131,072 entries) so that one
credential's index says little about who it belongs to."""

from __future__ import annotations

import base64
import gzip
from collections.abc import Iterable

LIST_BITS = 131_072


class StatusListFull(Exception):
    pass


def encode(indices: Iterable[int], size: int = LIST_BITS) -> str:
    bits = bytearray(size // 8)
    for index in indices:
        if not 0 <= index < size:
            raise ValueError(f"status index {index} outside the list")
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("encodedList must be multibase base64url (prefix 'u')")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def is_set(bits: bytes, index: int) -> bool:
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
