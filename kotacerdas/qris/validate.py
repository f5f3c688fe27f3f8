"""Rule checking in one pass over the TLV, driven by the tables in :mod:`.spec`.

Never raises for a ``str``: a validator that throws on hostile input becomes a
denial-of-service vector and forces every caller to wrap it. Issues are only allocated
when something is wrong, so a valid payload costs one header lookup per data object,
a few ``str`` predicates and one CRC.

Two profiles. ``"qris"`` (the default) is what a QRIS acquirer accepts: the country must
be ``ID`` and the currency ``360``, and the QRIS-specific rules (tag 61, account sub-tags,
NMID, ``|``) always apply, so an EMVCo sample from China or a US-dollar Mastercard payload
is an error. ``"emvco"`` is the generic EMVCo MPM profile, asked for explicitly: there the
QRIS rules apply only when the country is ``ID`` or missing, which is why the EMVCo
specification sample (country ``CN``) validates under it.
"""

from __future__ import annotations

from . import checks
from .checks import err, warn
from .crc import crc16
from .errors import ERROR, Issue
from .spec import (
    ACCOUNT_TAGS,
    ANS,
    ANY_SUB,
    COUNTRY_ID,
    CRC_TAG,
    CURRENCY_IDR,
    HEX,
    MANDATORY_ROOT,
    MAX_PAYLOAD,
    NO_PIPE_ROOT,
    POI_DYNAMIC,
    POI_STATIC,
    QRIS_ACCOUNT_TAGS,
    ROOT_INFO,
    ROOT_NAMES,
    TEMPLATE,
    UPPER,
    N,
    is_amount,
    is_percentage,
)
from .tlv import HEADS, fault_at

__all__ = ["PROFILES", "is_valid", "validate"]

QRIS = "qris"
EMVCO = "emvco"
PROFILES = (QRIS, EMVCO)

# Header ("5911") → (tag, length, length allowed for this tag, format, kind): the length
# rule is settled when the table is built, so the loop only checks characters.
_ROOT_HEADS: dict[str, tuple[str, int, bool, int, int]] = {}
for _head, (_tag, _size) in HEADS.items():
    _fmt, _lo, _hi, _kind = ROOT_INFO[_tag]
    _ROOT_HEADS[_head] = (_tag, _size, _lo <= _size <= _hi, _fmt, _kind)
_QRIS_NATIONAL_OR_ACCOUNT = QRIS_ACCOUNT_TAGS | {"51"}


def _check_crc(payload: str, offset: int, value: str, last: bool, issues: list[Issue]) -> None:
    if not last:
        issues.append(err("crc.not_last", "63", "the CRC (63) must be the last data object"))
    if len(value) != 4 or not HEX.issuperset(value):
        issues.append(err("crc.format", "63", f"CRC must be 4 hex digits, got {value!r}"))
        return
    try:
        expected = crc16(payload[: offset + 4])
    except UnicodeEncodeError as error:  # lone surrogates: no UTF-8 bytes to checksum
        issues.append(
            err("payload.encoding", "", f"character at offset {error.start} has no UTF-8 form")
        )
        return
    upper = value.upper()
    if upper != expected:
        issues.append(
            err("crc.mismatch", "63", f"CRC is {value}, but the payload computes to {expected}")
        )
    elif value != upper:
        issues.append(warn("crc.lowercase", "63", f"CRC {value} should be uppercase ({upper})"))


def _check_money(seen: dict[str, str], failed: set[str], issues: list[Issue]) -> None:
    poi = seen.get("01")
    amount = seen.get("54")
    if amount is not None:
        if not is_amount(amount):
            issues.append(
                err(
                    "amount.invalid",
                    "54",
                    f"amount {amount!r} must be digits with an optional '.' and 0 or 2 "
                    "decimals, without leading zeros or separators, and not zero",
                )
            )
        if poi == POI_STATIC:
            issues.append(warn("amount.on_static", "54", "a static QR (01=11) carries an amount"))
    elif poi == POI_DYNAMIC:
        issues.append(
            warn("amount.missing_on_dynamic", "54", "a dynamic QR (01=12) has no amount (54)")
        )
    indicator = seen.get("55")
    fixed = seen.get("56")
    percent = seen.get("57")
    if indicator is None and fixed is None and percent is None:
        return
    if indicator is not None:
        if indicator not in ("01", "02", "03"):
            issues.append(err("tip.invalid", "55", f"55 must be 01, 02 or 03, got {indicator!r}"))
        elif indicator == "01":
            issues.append(
                warn("tip.prompt", "55", "55=01 lets the payer enter a tip and change the total")
            )
        elif indicator == "02" and fixed is None:
            issues.append(err("tip.value_missing", "56", "55=02 requires a fixed fee in 56"))
        elif indicator == "03" and percent is None:
            issues.append(err("tip.value_missing", "57", "55=03 requires a percentage in 57"))
    if fixed is not None:
        if indicator != "02":
            issues.append(err("tip.orphan_value", "56", "56 is only allowed with 55=02"))
        if "56" not in failed and not is_amount(fixed):
            issues.append(err("amount.invalid", "56", f"fixed fee {fixed!r} is not a valid amount"))
    if percent is not None:
        if indicator != "03":
            issues.append(err("tip.orphan_value", "57", "57 is only allowed with 55=03"))
        if "57" not in failed and not is_percentage(percent):
            issues.append(
                err("tip.invalid", "57", f"percentage {percent!r} must be a number in (0, 100]")
            )


def _check_templates(
    templates: list[tuple[str, str]], qris: bool, ctx: tuple[list[Issue], set[str], bool]
) -> bool:
    """Check every template; True when a usable national template 51 exists."""
    national = False
    for tag, value in templates:
        if tag == "62":
            checks.additional(value, ctx)
        elif tag == "64":
            checks.language(value, ctx)
        elif qris and tag in _QRIS_NATIONAL_OR_ACCOUNT:
            national = checks.qris_account(tag, value, ctx) or national
        else:  # 46-50, 80-99, and 26-51 outside Indonesia
            checks.guid_template(tag, value, ctx)
    return national


def _check_presence(
    seen: dict[str, str], failed: set[str], issues: list[Issue], profile: str
) -> bool:
    """Mandatory objects, country and currency; returns whether QRIS rules apply."""
    for tag in MANDATORY_ROOT:
        if tag not in seen:
            issues.append(err("tag.required", tag, f"{ROOT_NAMES[tag]} ({tag}) is missing"))
    country = seen.get("58")
    if country is not None and "58" not in failed and not UPPER.issuperset(country):
        issues.append(
            err("country.invalid", "58", f"country {country!r} is not an ISO 3166 alpha-2 code")
        )
    qris_profile = profile == QRIS
    if qris_profile and country is not None and "58" not in failed and country != COUNTRY_ID:
        issues.append(
            err("country.not_id", "58", f"a QRIS payload must have country ID, got {country!r}")
        )
    if country == COUNTRY_ID or qris_profile:
        if "61" not in seen:
            issues.append(
                err("tag.required", "61", "Postal Code (61) is mandatory in QRIS when 58=ID")
            )
        currency = seen.get("53")
        if currency is not None and currency != CURRENCY_IDR:
            issues.append(
                err("currency.invalid", "53", f"currency must be 360 (IDR), got {currency!r}")
            )
    poi = seen.get("01")
    if poi is not None and poi not in (POI_STATIC, POI_DYNAMIC):
        issues.append(err("poi.invalid", "01", f"tag 01 must be '11' or '12', got {poi!r}"))
    if ACCOUNT_TAGS.isdisjoint(seen):
        issues.append(err("merchant_account.missing", "", "no merchant account (02-51)"))
    return qris_profile or country is None or country == COUNTRY_ID


def validate(payload: str, *, profile: str = QRIS) -> list[Issue]:
    """All rule violations (errors) and tolerated deviations (warnings) of ``payload``
    under ``profile`` (``"qris"`` by default, or ``"emvco"``)."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; expected one of {PROFILES}")
    if not isinstance(payload, str):
        return [err("payload.type", "", f"payload must be str, got {type(payload).__name__}")]
    size = len(payload)
    if size == 0:
        return [err("payload.empty", "", "the payload is empty")]
    issues: list[Issue] = []
    if size > MAX_PAYLOAD:
        issues.append(
            err("payload.too_long", "", f"payload is {size} characters; at most {MAX_PAYLOAD}")
        )
    # One scan of the whole text settles every printable-ASCII check of the common case.
    plain = payload.isascii() and payload.isprintable()
    seen: dict[str, str] = {}
    failed: set[str] = set()
    templates: list[tuple[str, str]] = []
    crc_offset = -1
    heads = _ROOT_HEADS
    tag = ""
    i = 0
    while i < size:
        head = heads.get(payload[i : i + 4])
        if head is None or i + 4 + head[1] > size:
            code, offset, message = fault_at(payload, i, 0)
            issues.append(err(code, "", f"{message} (offset {offset})"))
            return issues
        tag, vsize, size_ok, fmt, kind = head
        end = i + 4 + vsize
        value = payload[i + 4 : end]
        if tag in seen:
            issues.append(err("tag.duplicate", tag, f"tag {tag} appears more than once"))
            if kind == TEMPLATE:  # still unreadable TLV if broken, as parse() sees it
                checks.template(tag, value, None, ANY_SUB, {}, (issues, failed, plain))
        else:
            seen[tag] = value
            if (
                not size_ok
                or (fmt == N and not (value.isdigit() and value.isascii()))
                or (fmt == ANS and not plain and not (value.isascii() and value.isprintable()))
            ):
                if tag not in ("00", "01", "63"):  # those get a dedicated issue below
                    rule = ROOT_INFO[tag][:3]
                    name = f"{ROOT_NAMES[tag]} ({tag})"
                    checks.check_value(tag, name, value, rule, issues)
                failed.add(tag)
            if kind:
                if kind == TEMPLATE:
                    templates.append((tag, value))
                elif kind == CRC_TAG:
                    crc_offset = i
                else:
                    issues.append(warn("tag.reserved", tag, f"tag {tag} is reserved by EMVCo"))
        i = end

    pfi = seen.get("00")
    if pfi is None:
        issues.append(err("tag.required", "00", "Payload Format Indicator (00) is missing"))
    else:
        if payload[:2] != "00":
            issues.append(err("pfi.not_first", "00", "tag 00 must be the first data object"))
        if pfi != "01":
            issues.append(err("pfi.invalid", "00", f"tag 00 must be '01', got {pfi!r}"))
    if crc_offset < 0:
        issues.append(err("crc.missing", "63", "the CRC (63) is missing"))
    else:
        _check_crc(payload, crc_offset, seen["63"], tag == "63", issues)

    qris = _check_presence(seen, failed, issues, profile)
    if qris and "|" in payload:
        for tag in NO_PIPE_ROOT:
            if "|" in seen.get(tag, ""):
                issues.append(err("tag.pipe", tag, f"QRIS forbids '|' in tag {tag}"))
    national = _check_templates(templates, qris, (issues, failed, plain))
    if qris and not national:
        poi = seen.get("01")
        if poi == POI_STATIC:
            issues.append(
                err("national.missing", "51", "a static QRIS needs template 51 with an NMID")
            )
        elif poi is None:
            issues.append(warn("national.missing", "51", "no template 51 (ID.CO.QRIS.WWW)"))
    _check_money(seen, failed, issues)
    return issues


def is_valid(payload: str, *, profile: str = QRIS) -> bool:
    """True when :func:`validate` reports no error (warnings are tolerated)."""
    return not any(issue.severity == ERROR for issue in validate(payload, profile=profile))
