"""Static → dynamic conversion on the TLV tree.

String replacement (``010211`` → ``010212``, inserting before ``5802ID``) silently
rewrites look-alike substrings inside merchant IDs and still yields a valid CRC, so
nothing downstream would notice; editing the decoded list of data objects cannot do
that. Untouched objects are re-emitted from their raw text, byte for byte.

Prefer gateway-generated dynamic QRs for real payments: a converted QR carries no
payment notification tied to our reference (shared doc §9).
"""

from __future__ import annotations

from .build import check_amount, check_reference, raise_on_errors, seal
from .errors import ERROR, QRISError
from .spec import POI_DYNAMIC
from .tlv import encode, scan
from .validate import validate

_DROPPED = frozenset({"54", "55", "56", "57", "63"})


def _insert_before_greater(pairs: list[tuple[str, str]], item: tuple[str, str]) -> None:
    for index, (tag, _) in enumerate(pairs):
        if index and tag > item[0]:  # index 0 is tag 00, which stays first
            pairs.insert(index, item)
            return
    pairs.append(item)


def _with_reference(value: str | None, reference: str) -> str:
    subs: list[tuple[str, str]] = []
    if value is not None:
        nodes, _ = scan(value)  # the source validated, so 62 is well-formed
        subs = [(tag, sub) for tag, sub, _ in nodes]
    for index, (tag, _) in enumerate(subs):
        if tag == "05":
            subs[index] = ("05", reference)
            break
    else:
        position = next((i for i, (tag, _) in enumerate(subs) if tag > "05"), len(subs))
        subs.insert(position, ("05", reference))
    return encode(subs)


def to_dynamic(payload: str, *, amount: int, reference: str | None = None) -> str:
    """Dynamic copy of a valid payload with a fixed integer-rupiah amount.

    Refuses invalid sources (stale CRC included) instead of "repairing" them: a wrong CRC
    often means the payload was edited by hand and the merchant data cannot be trusted.
    """
    amount_text = check_amount(amount)
    ref = None if reference is None else check_reference(reference)
    for issue in validate(payload):
        if issue.severity == ERROR:
            raise QRISError(
                f"refusing to convert an invalid payload: {issue.message}",
                code=issue.code,
                path=issue.path,
            )
    nodes, _ = scan(payload)
    pairs = [(tag, value) for tag, value, _ in nodes if tag not in _DROPPED]
    tags = [tag for tag, _ in pairs]
    if "01" in tags:
        pairs[tags.index("01")] = ("01", POI_DYNAMIC)
    else:
        pairs.insert(1, ("01", POI_DYNAMIC))
    tags = [tag for tag, _ in pairs]
    if "53" in tags:
        pairs.insert(tags.index("53") + 1, ("54", amount_text))
    else:
        _insert_before_greater(pairs, ("54", amount_text))
    if ref is not None:
        tags = [tag for tag, _ in pairs]
        if "62" in tags:
            index = tags.index("62")
            pairs[index] = ("62", _with_reference(pairs[index][1], ref))
        else:
            _insert_before_greater(pairs, ("62", _with_reference(None, ref)))
    return raise_on_errors(seal(encode(pairs)))
