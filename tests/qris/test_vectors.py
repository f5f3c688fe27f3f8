"""Every vector of the shared doc (§6, §8, §9), table-driven."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kotacerdas.qris import crc16, is_valid, parse, to_dynamic, validate

from .payloads import D2, DOC_VECTORS, EMVCO, Z1, Z2, Z3, D, seal, tlv, variant


def codes(payload: str) -> list[tuple[str, str, str]]:
    return [(i.code, i.severity, i.path) for i in validate(payload)]


@pytest.mark.parametrize("name", sorted(DOC_VECTORS))
def test_doc_vectors_are_valid_without_any_issue(name: str) -> None:
    payload = DOC_VECTORS[name]
    assert validate(payload) == []
    assert is_valid(payload)
    assert crc16(payload[:-4]) == payload[-4:]


def test_vector_d_decodes_as_the_doc_table_says() -> None:
    q = parse(D)
    assert q.point_of_initiation == "static"
    gopay, national = q.merchant_accounts
    assert (gopay.tag, gopay.guid, gopay.pan, gopay.merchant_id, gopay.criteria) == (
        "26",
        "COM.GO-JEK.WWW",
        "9360091412345678901",
        "G123456789",
        "UMI",
    )
    assert gopay.nns == "93600914"
    assert (national.tag, national.guid, national.merchant_id, national.criteria) == (
        "51",
        "ID.CO.QRIS.WWW",
        "ID1020012345678",
        "UMI",
    )
    assert q.nmid == "ID1020012345678"
    assert (q.mcc, q.currency, q.country) == ("5812", "360", "ID")
    assert (q.merchant_name, q.merchant_city, q.postal_code) == ("TOKO CONTOH", "JAKARTA", "10110")
    assert q.get("62.07") == "KASIR-01"
    assert q.amount is None
    assert q.crc == "3ACC"


def test_vector_d2_decodes_amount_fee_and_reference() -> None:
    q = parse(D2)
    assert q.point_of_initiation == "dynamic"
    assert q.amount == Decimal("25000")
    assert q.tip_indicator == "02"
    assert q.convenience_fee == Decimal("1000")
    assert q.reference_label == "INV-2026-001"
    assert q.terminal_label == "KASIR-01"
    assert q.crc == "3EBC"


@pytest.mark.parametrize(
    ("reference", "expected"), [("PRK-000007", Z1), ("PRK-000097", Z2), ("PRK-000639", Z3)]
)
def test_static_to_dynamic_reproduces_z_vectors_byte_for_byte(
    reference: str, expected: str
) -> None:
    assert to_dynamic(D, amount=2000, reference=reference) == expected


@pytest.mark.parametrize(("payload", "crc"), [(Z1, "0128"), (Z2, "0076"), (Z3, "0006")])
def test_crc_keeps_leading_zeros(payload: str, crc: str) -> None:
    assert crc16(payload[:-4]) == crc


@pytest.mark.parametrize(
    ("mangled", "code"),
    [
        (Z3[:-4] + "6", "tlv.truncated"),  # "%X" without padding: 63 declares 4, has 1
        (Z3[:-8] + "63016", "crc.format"),  # length adjusted to the unpadded value
        (Z3[:-8] + "630206", "crc.format"),
        (Z3[:-4] + "6000", "crc.mismatch"),
    ],
)
def test_unpadded_or_wrong_crc_is_rejected(mangled: str, code: str) -> None:
    assert code in [i.code for i in validate(mangled) if i.severity == "error"]


def test_stale_crc_of_a_hand_edited_sample_is_an_error() -> None:
    edited = D.replace("TOKO CONTOH", "TOKO CONTOX")
    assert codes(edited) == [("crc.mismatch", "error", "63")]


@pytest.mark.parametrize("amount", ["1000", "1000.00", "1000."])
def test_amount_forms_valid_for_rp1000(amount: str) -> None:
    payload = variant({"01": "12", "54": amount})
    assert validate(payload) == []
    assert parse(payload).amount == Decimal("1000")


@pytest.mark.parametrize("amount", ["1000,00", "1.000", "1 000", "0"])
def test_amount_forms_invalid_for_rp1000(amount: str) -> None:
    assert ("amount.invalid", "error", "54") in codes(variant({"01": "12", "54": amount}))


def test_emvco_sample_with_chinese_name_counts_characters_and_crcs_utf8_bytes() -> None:
    q = parse(EMVCO)
    assert q.get("64.01") == "最佳运输"
    assert q.get("64.02") == "北京"
    assert q.get("91.00") == "A011223344998877"
    assert q.amount == Decimal("23.72")
    # The CRC only matches over UTF-8 bytes; a code-point CRC would differ.
    body = EMVCO[:-4]
    code_points = bytes(ord(c) & 0xFF for c in body)
    import binascii

    assert f"{binascii.crc_hqx(code_points, 0xFFFF):04X}" != "A13A"
    assert crc16(body) == "A13A"
    # Not a QRIS (country CN): valid only under the explicit EMVCo profile, where the tip
    # prompt is merely flagged.
    assert [(i.code, i.severity, i.path) for i in validate(EMVCO, profile="emvco")] == [
        ("tip.prompt", "warning", "55")
    ]
    assert ("country.not_id", "error", "58") in codes(EMVCO)


def test_string_replace_pitfall_does_not_touch_lookalike_merchant_id() -> None:
    """Doc §9 pitfall 1: merchant ID G010211789 must survive static → dynamic."""
    account = tlv(("00", "COM.GO-JEK.WWW"), ("01", "936009141234"), ("02", "G010211789"))
    account += tlv(("03", "UMI"))
    source = variant({"26": account})
    result = to_dynamic(source, amount=5000)
    assert parse(result).merchant_accounts[0].merchant_id == "G010211789"
    assert result.count("010212") == 1
    assert validate(result) == []


def test_insert_pitfall_with_5802id_lookalike_earlier_in_payload() -> None:
    """Doc §9 pitfall 2: a '5802ID' substring inside 26.02 must not attract tag 54."""
    account = tlv(("00", "COM.GO-JEK.WWW"), ("01", "936009141234"), ("02", "X5802IDX"))
    account += tlv(("03", "UMI"))
    source = variant({"26": account})
    result = to_dynamic(source, amount=2000)
    q = parse(result)
    assert q.merchant_accounts[0].merchant_id == "X5802IDX"
    assert q.amount == Decimal("2000")
    assert [f.tag for f in q.fields].index("54") == [f.tag for f in q.fields].index("53") + 1


def test_existing_amount_and_fee_are_dropped_not_duplicated() -> None:
    """Doc §9 pitfall 3/4: D2 carries 54, 55=02, 56."""
    result = to_dynamic(D2, amount=3000, reference="PRK-1")
    tags = [f.tag for f in parse(result).fields]
    assert tags.count("54") == 1
    assert "55" not in tags and "56" not in tags and "57" not in tags
    assert parse(result).amount == Decimal("3000")
    assert parse(result).reference_label == "PRK-1"
    assert validate(result) == []


def test_conversion_never_emits_a_tip_indicator() -> None:
    source = variant({"55": "01"})  # even a source that prompts for a tip
    assert "55" in [f.tag for f in parse(source).fields]
    assert "55" not in [f.tag for f in parse(to_dynamic(source, amount=2000)).fields]


def test_seal_helper_agrees_with_vectors() -> None:
    assert seal(D[:-8]) == D
