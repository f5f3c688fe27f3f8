"""Generate payloads from scratch (demo stickers, sandboxes, tests).

A generated payload is only payable when the NMID and accounts are really registered
with an acquirer; production dynamic QRs must come from the gateway (see the shared doc,
§16). ``build`` validates its own output so it can never hand out a QR that our own
validator, and therefore a payer app, would reject.
"""

from __future__ import annotations

from collections.abc import Sequence

from .crc import crc16
from .errors import ERROR, QRISError
from .model import MerchantAccount
from .spec import POI_DYNAMIC, POI_STATIC, QRIS_ACCOUNT_TAGS, QRIS_GUID
from .tlv import encode
from .validate import validate


def check_amount(amount: object) -> str:
    """Integer rupiah only: floats lose cents silently and bools are ints by accident."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise QRISError(
            f"amount must be a positive int (rupiah), got {type(amount).__name__}",
            code="amount.invalid",
            path="54",
        )
    if amount <= 0:
        raise QRISError(f"amount must be positive, got {amount}", code="amount.invalid", path="54")
    text = str(amount)
    if len(text) > 13:
        raise QRISError("amount exceeds 13 digits", code="amount.invalid", path="54")
    return text


def check_reference(reference: str) -> str:
    """62.05 Reference Label: 1-25 printable ASCII characters."""
    if not isinstance(reference, str) or not 1 <= len(reference) <= 25:
        raise QRISError(
            "reference must be a str of 1-25 characters", code="tag.length", path="62.05"
        )
    if not (reference.isascii() and reference.isprintable()):
        raise QRISError(
            f"reference must be printable ASCII, got {reference!r}", code="tag.format", path="62.05"
        )
    return reference


def seal(body: str) -> str:
    """Append ``6304`` and the CRC computed over everything before it."""
    body += "6304"
    return body + crc16(body)


def raise_on_errors(payload: str) -> str:
    for issue in validate(payload):
        if issue.severity == ERROR:
            raise QRISError(issue.message, code=issue.code, path=issue.path)
    return payload


def build(
    *,
    merchant_name: str,
    merchant_city: str,
    postal_code: str,
    mcc: str,
    nmid: str,
    merchant_accounts: Sequence[MerchantAccount] = (),
    amount: int | None = None,
    reference: str | None = None,
    terminal_label: str | None = None,
    bill_number: str | None = None,
    store_label: str | None = None,
    country: str = "ID",
    currency: str = "360",
    criteria: str = "UMI",
) -> str:
    """A static payload, or a dynamic one when ``amount`` (integer rupiah) is given.

    ``merchant_accounts`` are acquirer templates 26-45; template 51 is always generated
    from ``nmid`` and ``criteria``. No tip indicator is ever emitted: ``55=01`` would
    let the payer change the total of a levy.
    """
    tags = [account.tag for account in merchant_accounts]
    for tag in tags:
        if tag not in QRIS_ACCOUNT_TAGS:
            raise QRISError(
                f"merchant account tags must be 26-45, got {tag!r}",
                code="merchant_account.tag",
                path=tag,
            )
    if len(set(tags)) != len(tags):
        raise QRISError(f"merchant account tags repeat: {tags}", code="tag.duplicate")
    pairs: list[tuple[str, str]] = [
        ("00", "01"),
        ("01", POI_STATIC if amount is None else POI_DYNAMIC),
    ]
    for account in sorted(merchant_accounts, key=lambda a: a.tag):
        subs = [("00", account.guid)]
        subs += [(t, v) for t, v in (("01", account.pan), ("02", account.merchant_id)) if v]
        subs.append(("03", account.criteria or criteria))
        pairs.append((account.tag, encode(subs)))
    pairs.append(("51", encode([("00", QRIS_GUID), ("02", nmid), ("03", criteria)])))
    pairs += [("52", mcc), ("53", currency)]
    if amount is not None:
        pairs.append(("54", check_amount(amount)))
    pairs += [("58", country), ("59", merchant_name), ("60", merchant_city), ("61", postal_code)]
    additional: list[tuple[str, str]] = []
    if bill_number is not None:
        additional.append(("01", bill_number))
    if store_label is not None:
        additional.append(("03", store_label))
    if reference is not None:
        additional.append(("05", check_reference(reference)))
    if terminal_label is not None:
        additional.append(("07", terminal_label))
    if additional:
        pairs.append(("62", encode(additional)))
    return raise_on_errors(seal(encode(pairs)))
