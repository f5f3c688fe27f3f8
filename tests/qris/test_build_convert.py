"""build() and to_dynamic(): output shape, argument checks, refusal of invalid input."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from kotacerdas.qris import MerchantAccount, QRISError, build, parse, to_dynamic, validate

from .payloads import BASE, D2, D, seal, tlv, variant

GOPAY = MerchantAccount(
    tag="26", guid="COM.GO-JEK.WWW", pan="9360091412345678901", merchant_id="G123456789"
)
KWARGS: dict[str, Any] = {
    "merchant_name": "TOKO CONTOH",
    "merchant_city": "JAKARTA",
    "postal_code": "10110",
    "mcc": "5812",
    "nmid": "ID1020012345678",
    "merchant_accounts": [GOPAY],
    "terminal_label": "KASIR-01",
}


def test_build_static_reproduces_vector_d() -> None:
    assert build(**KWARGS) == D


def test_build_dynamic() -> None:
    payload = build(**KWARGS, amount=2000, reference="PRK-000007")
    q = parse(payload)
    assert q.point_of_initiation == "dynamic"
    assert q.amount == Decimal(2000)
    assert q.get("54") == "2000"
    assert q.reference_label == "PRK-000007"
    assert validate(payload) == []


def test_build_always_emits_national_template_and_never_a_tip() -> None:
    payload = build(**{**KWARGS, "merchant_accounts": []}, amount=5000)
    q = parse(payload)
    assert q.get("51.00") == "ID.CO.QRIS.WWW"
    assert q.get("51.03") == "UMI"
    assert q.tip_indicator is None
    assert [a.tag for a in q.merchant_accounts] == ["51"]


def test_account_criteria_defaults_to_build_criteria() -> None:
    payload = build(**KWARGS, criteria="PSO")
    assert parse(payload).get("26.03") == "PSO"
    assert parse(payload).get("51.03") == "PSO"
    own = MerchantAccount(
        tag="27", guid="ID.DANA.WWW", pan="936009151234", merchant_id="D1", criteria="URE"
    )
    payload = build(**{**KWARGS, "merchant_accounts": [own, GOPAY]})
    assert [a.tag for a in parse(payload).merchant_accounts] == ["26", "27", "51"]
    assert parse(payload).get("27.03") == "URE"


@pytest.mark.parametrize("amount", [0, -1, 2000.0, True, "2000", Decimal(2000), 10**13])
def test_build_rejects_bad_amounts(amount: object) -> None:
    with pytest.raises(QRISError) as caught:
        build(**KWARGS, amount=amount)  # type: ignore[arg-type]
    assert caught.value.code == "amount.invalid"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"merchant_name": "N" * 26}, "tag.length"),
        ({"merchant_name": ""}, "tag.length"),
        ({"merchant_name": "TOKO|CONTOH"}, "tag.pipe"),
        ({"merchant_city": "Kotawaringin Timur"}, "tag.length"),
        ({"mcc": "58"}, "tag.length"),
        ({"mcc": "ABCD"}, "tag.format"),
        ({"criteria": "P2G"}, "criteria.invalid"),
        ({"currency": "840"}, "currency.invalid"),
        ({"nmid": "ID10200123456789"}, "tag.length"),
        ({"reference": "R" * 26}, "tag.length"),
        ({"reference": "RÉF"}, "tag.format"),
        ({"terminal_label": "T" * 26}, "tag.length"),
        ({"merchant_accounts": [MerchantAccount(tag="51", guid="X")]}, "merchant_account.tag"),
        ({"merchant_accounts": [MerchantAccount(tag="20", guid="X")]}, "merchant_account.tag"),
        ({"merchant_accounts": [GOPAY, GOPAY]}, "tag.duplicate"),
        (
            {"merchant_accounts": [MerchantAccount(tag="26", guid="G", merchant_id="M")]},
            "tag.required",
        ),
    ],
)
def test_build_rejects_invalid_fields(changes: dict[str, Any], code: str) -> None:
    with pytest.raises(QRISError) as caught:
        build(**{**KWARGS, **changes})
    assert caught.value.code == code


def test_build_rejects_results_over_512_characters() -> None:
    accounts = [
        MerchantAccount(tag=str(tag), guid="ID.CO.EXAMPLE.WWW", pan="9" * 19, merchant_id="M" * 15)
        for tag in range(26, 34)
    ]
    with pytest.raises(QRISError) as caught:
        build(**{**KWARGS, "merchant_accounts": accounts})
    assert caught.value.code == "payload.too_long"


def test_build_accepts_sandbox_nmid_with_a_warning() -> None:
    payload = build(**{**KWARGS, "nmid": "M00123456"})
    assert [i.code for i in validate(payload)] == ["nmid.format"]


# --- to_dynamic ------------------------------------------------------------------------


def test_to_dynamic_refuses_stale_crc() -> None:
    with pytest.raises(QRISError) as caught:
        to_dynamic(D[:-4] + "3ACD", amount=2000)
    assert caught.value.code == "crc.mismatch"


@pytest.mark.parametrize("source", ["", "garbage", D[:-1], variant({"52": None})])
def test_to_dynamic_refuses_invalid_sources(source: str) -> None:
    with pytest.raises(QRISError):
        to_dynamic(source, amount=2000)


@pytest.mark.parametrize("amount", [0, -5, 1.5, 2000.0, True, False, "2000", None])
def test_to_dynamic_amount_must_be_positive_int(amount: object) -> None:
    with pytest.raises(QRISError) as caught:
        to_dynamic(D, amount=amount)  # type: ignore[arg-type]
    assert caught.value.code == "amount.invalid"


@pytest.mark.parametrize("reference", ["", "R" * 26, "RÉF", "A\nB"])
def test_to_dynamic_rejects_bad_references(reference: str) -> None:
    with pytest.raises(QRISError) as caught:
        to_dynamic(D, amount=2000, reference=reference)
    assert caught.value.path == "62.05"


def test_to_dynamic_inserts_01_after_00_when_absent() -> None:
    source = variant({"01": None})
    result = to_dynamic(source, amount=1500)
    assert [f.tag for f in parse(result).fields][:2] == ["00", "01"]
    assert parse(result).point_of_initiation == "dynamic"


def test_to_dynamic_creates_62_when_absent_and_keeps_other_subtags() -> None:
    result = to_dynamic(variant({"62": None}), amount=1500, reference="PRK-1")
    assert parse(result).additional_data == {"05": "PRK-1"}
    tags = [f.tag for f in parse(result).fields]
    assert tags[-2:] == ["62", "63"]
    kept = to_dynamic(D2, amount=1500, reference="NEW")
    assert parse(kept).additional_data == {"05": "NEW", "07": "KASIR-01"}


def test_to_dynamic_without_reference_keeps_62_verbatim() -> None:
    result = to_dynamic(D2, amount=1500)
    assert parse(result).get("62") == parse(D2).get("62")


def test_to_dynamic_moves_amount_next_to_53_from_a_gopay_style_position() -> None:
    pairs = [p for p in BASE if p[0] != "01"] + [("54", "789000.00")]
    pairs.insert(1, ("01", "12"))
    source = seal(tlv(*pairs))
    result = to_dynamic(source, amount=2000)
    tags = [f.tag for f in parse(result).fields]
    assert tags.count("54") == 1
    assert tags.index("54") == tags.index("53") + 1


def test_to_dynamic_refuses_when_reference_overflows_62() -> None:
    source = variant({"62": tlv(("01", "B" * 25), ("03", "S" * 25), ("07", "T" * 25))})
    with pytest.raises(QRISError) as caught:
        to_dynamic(source, amount=2000, reference="R" * 25)
    assert caught.value.code == "tag.length"


def test_to_dynamic_keeps_unknown_and_template_fields_byte_for_byte() -> None:
    extra = tlv(("00", "COM.EXAMPLE"), ("05", "keep me  exactly"))
    source = variant({"64": tlv(("00", "ID"), ("01", "Tôkô")), "85": extra})
    result = to_dynamic(source, amount=2000, reference="R1")
    for tag in ("26", "51", "52", "53", "58", "59", "60", "61", "64", "85"):
        assert parse(result).get(tag) == parse(source).get(tag)
    assert validate(result) == []
