"""qriskit 0.2.0 as an independent oracle.

Agreement is asserted on valid payloads; every deliberate disagreement is pinned by a
test here and explained in docs/qris.md ("Differences from qriskit").
"""

from __future__ import annotations

from typing import Any

import pytest
import qriskit
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kotacerdas.qris import QRISError, build, crc16, parse, to_dynamic, validate

from .payloads import BASE, D2, DOC_VECTORS, EMVCO, D, seal, tlv, variant
from .strategies import ans, build_kwargs

SETTINGS = settings(max_examples=150, deadline=None)


def qk_errors(payload: str) -> list[tuple[str, str | None]]:
    return [(i.code, i.path) for i in qriskit.validate(payload) if i.severity == "error"]


def our_errors(payload: str, profile: str = "qris") -> list[tuple[str, str]]:
    return [(i.code, i.path) for i in validate(payload, profile=profile) if i.severity == "error"]


def assert_same_reading(payload: str) -> None:
    ours, theirs = parse(payload), qriskit.parse(payload)
    for name in (
        "point_of_initiation",
        "amount",
        "merchant_name",
        "merchant_city",
        "postal_code",
        "mcc",
        "currency",
        "country",
        "nmid",
        "crc",
    ):
        assert getattr(ours, name) == getattr(theirs, name), name
    assert [(a.tag, a.guid, a.pan, a.merchant_id, a.criteria) for a in ours.merchant_accounts] == [
        (a.tag, a.guid, a.pan, a.merchant_id, a.criteria) for a in theirs.merchant_accounts
    ]
    for path in ("62.01", "62.05", "62.07", "55", "56", "57"):
        assert ours.get(path) == theirs.get(path), path
    assert theirs.dumps() == payload  # qriskit recomputes the CRC: ours must be the same
    assert crc16(payload[:-4]) == payload[-4:]


@pytest.mark.parametrize("name", sorted(DOC_VECTORS))
def test_agreement_on_doc_vectors(name: str) -> None:
    payload = DOC_VECTORS[name]
    assert qriskit.validate(payload) == []
    assert validate(payload) == []
    assert_same_reading(payload)


@SETTINGS
@given(build_kwargs())
def test_our_builder_output_has_no_qriskit_error_and_reads_the_same(kwargs: dict[str, Any]) -> None:
    try:
        payload = build(**kwargs)
    except QRISError as error:
        assume(error.code != "payload.too_long")
        raise
    assert qk_errors(payload) == []
    assert_same_reading(payload)


@SETTINGS
@given(build_kwargs(dynamic=False), st.integers(1, 10**9), st.none() | ans(1, 25))
def test_to_dynamic_equals_qriskit(kwargs: dict[str, Any], amount: int, ref: str | None) -> None:
    try:
        source = build(**kwargs)
        ours = to_dynamic(source, amount=amount, reference=ref)
    except QRISError as error:
        assume(error.code not in ("payload.too_long", "tag.length"))
        raise
    theirs = qriskit.parse(source).to_dynamic(amount, reference=ref).dumps()
    assert ours == theirs


@pytest.mark.parametrize("reference", ["PRK-000007", "PRK-000097", "PRK-000639", None])
def test_to_dynamic_equals_qriskit_on_vector_d(reference: str | None) -> None:
    theirs = qriskit.parse(D).to_dynamic(2000, reference=reference).dumps()
    assert to_dynamic(D, amount=2000, reference=reference) == theirs


# --- deliberate differences (each documented in docs/qris.md) ---------------------------


def test_difference_trailing_dot_amount() -> None:
    payload = variant({"01": "12", "54": "1000."})
    assert our_errors(payload) == []
    assert ("amount.invalid", "54") in qk_errors(payload)


@pytest.mark.parametrize("amount", ["01000", "1000.5"])
def test_difference_leading_zero_and_one_decimal(amount: str) -> None:
    payload = variant({"01": "12", "54": amount})
    assert ("amount.invalid", "54") in our_errors(payload)
    assert qk_errors(payload) == []


def test_difference_unknown_criteria() -> None:
    payload = variant(
        {"26": tlv(("00", "COM.GO-JEK.WWW"), ("01", "93600914"), ("02", "G1"), ("03", "XXX"))}
    )
    assert ("criteria.invalid", "26.03") in our_errors(payload)
    assert qk_errors(payload) == []


def test_difference_static_without_national_template() -> None:
    payload = variant({"51": None})
    assert our_errors(payload) == [("national.missing", "51")]
    assert qk_errors(payload) == []
    assert "national.missing" in [i.code for i in qriskit.validate(payload)]  # warning there


def test_difference_postal_code_missing() -> None:
    payload = variant({"61": None})
    assert our_errors(payload) == [("tag.required", "61")]
    assert qk_errors(payload) == []


def test_difference_payload_over_512_characters() -> None:
    extra = {str(n): tlv(("00", "COM.EXAMPLE.WWW"), ("01", "X" * 70)) for n in range(80, 86)}
    payload = variant(extra)
    assert len(payload) > 512
    assert our_errors(payload) == [("payload.too_long", "")]
    assert qk_errors(payload) == []


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"59": "TOKO|CONTOH"}, "tag.pipe"),
        ({"62": tlv(("09", "MM"))}, "consumer_request.invalid"),
        ({"59": "TOKO É"}, "tag.format"),
    ],
)
def test_difference_checks_qriskit_does_not_make(changes: dict[str, str], code: str) -> None:
    payload = variant(changes)
    assert code in [c for c, _ in our_errors(payload)]
    assert qk_errors(payload) == []


def test_difference_emvco_sample_is_valid_emvco() -> None:
    assert our_errors(EMVCO, profile="emvco") == []
    assert ("tag.length", "31.03") in qk_errors(EMVCO)


def test_difference_free_tag_order() -> None:
    pairs = [p for p in BASE if p[0] != "01"] + [("54", "789000.00")]
    pairs.insert(1, ("01", "12"))
    gopay_style = seal(tlv(*pairs))
    assert validate(gopay_style) == []
    assert "tag.order" in [i.code for i in qriskit.validate(gopay_style)]


def test_difference_parse_keeps_the_stale_crc_and_dumps_repairs_it() -> None:
    stale = D2[:-4] + "0000"
    assert parse(stale).crc == "0000"
    assert qriskit.parse(stale).crc == "0000"
    assert qriskit.parse(stale).dumps() == D2  # silently "repaired"
    assert our_errors(stale) == [("crc.mismatch", "63")]
    with pytest.raises(QRISError):
        to_dynamic(stale, amount=1000)
