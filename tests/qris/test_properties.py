"""Property-based tests: round trips, robustness, conversion invariants, CRC reference."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kotacerdas.qris import QRISError, build, crc16, is_valid, parse, to_dynamic, validate
from kotacerdas.qris.spec import STRUCTURAL_CODES

from .payloads import D2, DOC_VECTORS, EMVCO, D
from .strategies import ans, build_kwargs

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def bitwise_crc16(text: str) -> str:
    """Reference CRC-16/CCITT-FALSE, one bit at a time, straight from the definition."""
    crc = 0xFFFF
    for byte in text.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return f"{crc:04X}"


def built(kwargs: dict[str, Any]) -> str:
    try:
        return build(**kwargs)
    except QRISError as error:
        assume(error.code != "payload.too_long")
        raise


def test_reference_crc_check_value() -> None:
    assert bitwise_crc16("123456789") == "29B1"


@SETTINGS
@given(st.text())
def test_crc16_matches_bitwise_reference(text: str) -> None:
    assert crc16(text) == bitwise_crc16(text)


@SETTINGS
@given(build_kwargs())
def test_build_parse_round_trip(kwargs: dict[str, Any]) -> None:
    payload = built(kwargs)
    assert validate(payload) == []
    q = parse(payload)
    assert q.merchant_name == kwargs["merchant_name"]
    assert q.merchant_city == kwargs["merchant_city"]
    assert q.postal_code == kwargs["postal_code"]
    assert q.mcc == kwargs["mcc"]
    assert q.nmid == kwargs["nmid"]
    assert q.reference_label == kwargs["reference"]
    assert q.terminal_label == kwargs["terminal_label"]
    amount = kwargs["amount"]
    assert q.amount == amount
    assert q.point_of_initiation == ("static" if amount is None else "dynamic")
    expected = sorted(kwargs["merchant_accounts"], key=lambda a: a.tag)
    got = [a for a in q.merchant_accounts if a.tag != "51"]
    assert [(a.tag, a.guid, a.pan, a.merchant_id) for a in got] == [
        (a.tag, a.guid, a.pan, a.merchant_id) for a in expected
    ]
    assert [a.criteria for a in got] == [a.criteria or kwargs["criteria"] for a in expected]
    assert q.crc == crc16(payload[:-4])


TLV_PIECE = st.one_of(
    st.builds(
        lambda tag, value: f"{tag:02d}{len(value):02d}{value}",
        st.integers(0, 99),
        st.text(min_size=1, max_size=30),
    ),
    st.builds(
        lambda tag, n, v: f"{tag:02d}{n:02d}{v}",
        st.integers(0, 99),
        st.integers(0, 99),
        st.text(max_size=20),
    ),
    st.sampled_from(["6304", "0002", "000201", "010211", "5802ID", "63041234", "|", "\x00", "é"]),
)


@SETTINGS
@given(st.one_of(st.text(), st.lists(TLV_PIECE, max_size=25).map("".join)))
def test_validate_never_raises_and_agrees_with_parse(text: str) -> None:
    issues = validate(text)
    structural = any(i.code in STRUCTURAL_CODES for i in issues)
    try:
        parse(text)
    except QRISError:
        raised = True
    else:
        raised = False
    assert raised == structural
    assert is_valid(text) == (not any(i.severity == "error" for i in issues))


@SETTINGS
@given(st.sampled_from([D, D2, EMVCO, *DOC_VECTORS.values()]), st.data())
def test_validate_never_raises_on_mutated_vectors(source: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(source)))
    action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
    char = data.draw(st.characters())
    if action == "insert":
        mutated = source[:position] + char + source[position:]
    elif action == "delete":
        mutated = source[:position] + source[position + 1 :]
    else:
        mutated = source[:position] + char + source[position + 1 :]
    issues = validate(mutated)
    lowercased_crc = mutated[:-4] == source[:-4] and mutated[-4:].upper() == source[-4:]
    if mutated != source and not lowercased_crc:
        # any other single-character edit must be caught (CRC or structure)
        assert any(i.severity == "error" for i in issues)


@SETTINGS
@given(build_kwargs(dynamic=False), st.integers(1, 10**12), st.none() | ans(1, 25))
def test_to_dynamic_keeps_merchant_fields_byte_for_byte(
    kwargs: dict[str, Any], amount: int, reference: str | None
) -> None:
    source = built(kwargs)
    try:
        result = to_dynamic(source, amount=amount, reference=reference)
    except QRISError as error:
        assume(error.code not in ("payload.too_long", "tag.length"))
        raise
    assert validate(result) == []
    before, after = parse(source), parse(result)
    changed = {"01", "54", "55", "56", "57", "62", "63"}
    assert [(f.tag, f.value) for f in before.fields if f.tag not in changed] == [
        (f.tag, f.value) for f in after.fields if f.tag not in changed
    ]
    assert after.point_of_initiation == "dynamic"
    assert after.get("54") == str(amount)
    old62 = {k: v for k, v in before.additional_data.items() if k != "05" or reference is None}
    new62 = {k: v for k, v in after.additional_data.items() if k != "05" or reference is None}
    assert old62 == new62
    if reference is not None:
        assert after.reference_label == reference
    # converting again with the same arguments is idempotent
    assert to_dynamic(result, amount=amount, reference=reference) == result
