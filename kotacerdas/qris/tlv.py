"""Tag-length-value scanning and encoding.

Scanning never raises: it returns what it could read plus a fault, so ``validate`` can
turn the fault into an issue while ``parse`` turns it into an exception, without paying
for exception handling on the hot path. Lengths count characters, so plain ``str``
slicing is the right primitive.
"""

from __future__ import annotations

from .errors import QRISError

# (tag, value, offset of the tag ID in the whole payload)
Node = tuple[str, str, int]
# (code, offset in the whole payload, message)
Fault = tuple[str, int, str]

IDS = frozenset(f"{n:02d}" for n in range(100))
# "00" is absent on purpose: an empty value is not a data object.
LENGTHS: dict[str, int] = {f"{n:02d}": n for n in range(1, 100)}
# Every valid 4-character header ("5911") → (tag, length): one slice and one lookup per
# data object instead of two of each, which is most of the cost of scanning.
HEADS: dict[str, tuple[str, int]] = {
    tag + raw: (tag, size) for tag in sorted(IDS) for raw, size in LENGTHS.items()
}


def fault_at(text: str, i: int, base: int) -> Fault:
    """Explain why no data object can be read at ``i`` (only called on failure)."""
    n = len(text)
    if n - i < 4:
        return (
            "tlv.truncated",
            base + i,
            f"{n - i} trailing character(s) cannot hold a tag ID and length",
        )
    tag = text[i : i + 2]
    if tag not in IDS:
        return ("tlv.id", base + i, f"expected a 2-digit tag ID, found {tag!r}")
    raw_len = text[i + 2 : i + 4]
    size = LENGTHS.get(raw_len)
    if size is None:
        return (
            "tlv.length",
            base + i + 2,
            f"tag {tag} has length {raw_len!r}; expected 2 digits from 01 to 99",
        )
    return (
        "tlv.truncated",
        base + i,
        f"tag {tag} declares {size} characters but only {n - i - 4} remain",
    )


def scan(text: str, base: int = 0) -> tuple[list[Node], Fault | None]:
    """Split ``text`` into nodes; ``base`` is the offset of ``text`` inside the payload."""
    nodes: list[Node] = []
    i = 0
    n = len(text)
    heads = HEADS
    while i < n:
        head = heads.get(text[i : i + 4])
        if head is None or i + 4 + head[1] > n:
            return nodes, fault_at(text, i, base)
        tag, size = head
        end = i + 4 + size
        nodes.append((tag, text[i + 4 : end], base + i))
        i = end
    return nodes, None


def field(tag: str, value: str) -> str:
    """Encode one data object, refusing what no TLV reader could decode."""
    if tag not in IDS:
        raise QRISError(f"tag ID must be 2 digits, got {tag!r}", code="tlv.id", path=tag)
    size = len(value)
    if not 1 <= size <= 99:
        raise QRISError(
            f"tag {tag} value must be 1-99 characters, got {size}", code="tag.length", path=tag
        )
    return f"{tag}{size:02d}{value}"


def encode(pairs: list[tuple[str, str]]) -> str:
    return "".join(field(tag, value) for tag, value in pairs)
