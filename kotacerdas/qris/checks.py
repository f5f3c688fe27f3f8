"""Template checks used by :mod:`.validate`: scanning and rule checking in one pass.

Each template is walked once; a sub-tag costs a header lookup, a rule lookup and at most
two ``str`` predicates. Issue objects and path strings are only built on failure.
"""

from __future__ import annotations

from .errors import ERROR, WARNING, Issue
from .spec import (
    ACCOUNT_SUB_NAMES,
    ADDITIONAL_NAMES,
    ADDITIONAL_SUB,
    ANS,
    ANY_SUB,
    CONSUMER_REQUEST_LETTERS,
    CRITERIA,
    DEFAULT_SUB,
    FORMAT_NAMES,
    GUID_SUB,
    LANGUAGE_NAMES,
    LANGUAGE_SUB,
    PROPRIETARY_SUB,
    QRIS_ACCOUNT_SUB,
    QRIS_GUID,
    UNRESERVED_SUB,
    N,
    Rule,
    S,
    is_nmid_shape,
)
from .tlv import HEADS, fault_at

GUID_NAMES = {"00": "Globally Unique Identifier"}


def err(code: str, path: str, message: str) -> Issue:
    return Issue(code, ERROR, path, message)


def warn(code: str, path: str, message: str) -> Issue:
    return Issue(code, WARNING, path, message)


def check_value(path: str, name: str, value: str, rule: Rule, issues: list[Issue]) -> None:
    """Explain a value that failed its rule (slow path: only called on failure)."""
    fmt, lo, hi = rule
    size = len(value)
    if size < lo or size > hi:
        limit = f"exactly {lo}" if lo == hi else f"{lo}-{hi}"
        issues.append(
            err("tag.length", path, f"{name} is {size} characters long; allowed: {limit}")
        )
    if fmt == N:
        if not (value.isdigit() and value.isascii()):
            issues.append(err("tag.format", path, f"{name} must be numeric, got {value!r}"))
    elif fmt == ANS and not (value.isascii() and value.isprintable()):
        issues.append(err("tag.format", path, f"{name} must be {FORMAT_NAMES[ANS]}, got {value!r}"))


def template(
    path: str,
    value: str,
    rules: dict[str, Rule] | None,
    default: Rule,
    names: dict[str, str],
    ctx: tuple[list[Issue], set[str], bool],
    *,
    strict: bool = True,
) -> dict[str, str] | None:
    """Decode a template and check each sub-tag against ``rules`` (None: no checks).

    ``ctx`` is (issues, failed paths, payload-is-printable-ASCII). Returns the sub-tags
    (first occurrence wins on duplicates) or None when the value is not TLV.
    """
    issues, failed, plain = ctx
    subs: dict[str, str] = {}
    heads = HEADS
    i = 0
    n = len(value)
    while i < n:
        head = heads.get(value[i : i + 4])
        if head is None or i + 4 + head[1] > n:
            code, _, message = fault_at(value, i, 0)
            if strict:
                issues.append(err(code, path, f"template {path} is malformed: {message}"))
            else:
                issues.append(warn("template.not_tlv", path, f"{path} is not TLV: {message}"))
            return None
        tag, size = head
        end = i + 4 + size
        sub = value[i + 4 : end]
        i = end
        if tag in subs:
            issues.append(err("tag.duplicate", f"{path}.{tag}", f"{tag} repeats inside {path}"))
            continue
        subs[tag] = sub
        if rules is None:
            continue
        fmt, lo, hi = rules.get(tag, default)
        if lo <= size <= hi:
            if fmt == N:
                if sub.isdigit() and sub.isascii():
                    continue
            elif plain or fmt == S or (sub.isascii() and sub.isprintable()):
                continue
        sub_path = f"{path}.{tag}"
        check_value(sub_path, names.get(tag, f"Sub-tag {sub_path}"), sub, (fmt, lo, hi), issues)
        failed.add(sub_path)
    return subs


def require(
    path: str,
    subs: dict[str, str],
    tags: tuple[str, ...],
    names: dict[str, str],
    issues: list[Issue],
) -> None:
    for tag in tags:
        if tag not in subs:
            name = names.get(tag, "sub-tag")
            issues.append(err("tag.required", f"{path}.{tag}", f"{name} ({path}.{tag}) is missing"))


def qris_account(tag: str, value: str, ctx: tuple[list[Issue], set[str], bool]) -> bool:
    """Templates 26-45 and 51 of a QRIS (Table 4.3); True for a usable national 51."""
    issues, failed, _ = ctx
    subs = template(tag, value, QRIS_ACCOUNT_SUB, DEFAULT_SUB, ACCOUNT_SUB_NAMES, ctx)
    if subs is None:
        return False
    national = tag == "51"
    required = ("00", "02") if national else ("00", "01", "02")
    require(tag, subs, required, ACCOUNT_SUB_NAMES, issues)
    criteria = subs.get("03")
    if criteria is None:
        issues.append(
            warn("criteria.missing", f"{tag}.03", f"{tag}.03 is absent; issuers assume URE")
        )
    elif criteria not in CRITERIA and f"{tag}.03" not in failed:
        allowed = ", ".join(sorted(CRITERIA))
        issues.append(
            err("criteria.invalid", f"{tag}.03", f"criteria {criteria!r} is not one of {allowed}")
        )
    if "|" in value:
        for sub in ("02", "03"):
            if "|" in subs.get(sub, ""):
                issues.append(err("tag.pipe", f"{tag}.{sub}", f"QRIS forbids '|' in {tag}.{sub}"))
    if not national:
        return False
    guid = subs.get("00")
    if guid is not None and guid != QRIS_GUID:
        issues.append(err("national.guid", "51.00", f"51.00 must be {QRIS_GUID!r}, got {guid!r}"))
    nmid = subs.get("02")
    if nmid is not None and not is_nmid_shape(nmid) and "51.02" not in failed:
        issues.append(warn("nmid.format", "51.02", f"NMID {nmid!r} is not 'ID' + 13 digits"))
    return guid == QRIS_GUID and nmid is not None


def guid_template(tag: str, value: str, ctx: tuple[list[Issue], set[str], bool]) -> None:
    """EMVCo templates whose only fixed element is the GUID in 00: 46-50 and, outside
    Indonesia, 26-51 (ans content); 80-99 (any text)."""
    if tag >= "80":
        subs = template(tag, value, UNRESERVED_SUB, ANY_SUB, GUID_NAMES, ctx)
    else:
        subs = template(tag, value, GUID_SUB, DEFAULT_SUB, GUID_NAMES, ctx)
    if subs is not None and "00" not in subs:
        require(tag, subs, ("00",), GUID_NAMES, ctx[0])


def language(value: str, ctx: tuple[list[Issue], set[str], bool]) -> None:
    subs = template("64", value, LANGUAGE_SUB, ANY_SUB, LANGUAGE_NAMES, ctx)
    if subs is None:
        return
    require("64", subs, ("00", "01"), LANGUAGE_NAMES, ctx[0])
    for sub in subs:
        if sub >= "03":
            ctx[0].append(warn("tag.reserved", f"64.{sub}", f"64.{sub} is reserved by EMVCo"))


def additional(value: str, ctx: tuple[list[Issue], set[str], bool]) -> None:
    """Template 62. Sub-tags 50-99 are templates of their own; gateways put plain ids in
    50-98 (GoPay's transaction id in 62.50) and payer apps accept it, hence warnings."""
    issues, failed, _ = ctx
    subs = template("62", value, ADDITIONAL_SUB, ANY_SUB, ADDITIONAL_NAMES, ctx)
    if subs is None:
        return
    if max(subs) >= "12":
        for tag, sub in subs.items():
            path = f"62.{tag}"
            if "12" <= tag < "50":
                issues.append(warn("tag.reserved", path, f"{path} is reserved by EMVCo"))
            elif tag == "99":
                nested = template(path, sub, PROPRIETARY_SUB, DEFAULT_SUB, GUID_NAMES, ctx)
                if nested is not None:
                    require(path, nested, ("00",), GUID_NAMES, issues)
            elif tag >= "50":
                nested = template(path, sub, None, ANY_SUB, GUID_NAMES, ctx, strict=False)
                if nested is not None and "00" not in nested:
                    issues.append(warn("guid.missing", f"{path}.00", f"{path} has no GUID (00)"))
    request = subs.get("09")
    if (
        request is not None
        and (not CONSUMER_REQUEST_LETTERS.issuperset(request) or len(set(request)) != len(request))
        and "62.09" not in failed
    ):
        issues.append(
            err(
                "consumer_request.invalid",
                "62.09",
                f"62.09 may only hold the letters A, M, E, each at most once; got {request!r}",
            )
        )
