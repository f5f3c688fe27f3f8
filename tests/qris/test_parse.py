"""parse(): structure-only errors, path access, typed accessors, to_dict."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from kotacerdas.qris import QRISError, parse, validate

from .payloads import D2, EMVCO, D, seal, tlv, variant


@pytest.mark.parametrize(
    ("payload", "code", "offset"),
    [
        ("", "payload.empty", 0),
        ("AB0201", "tlv.id", 0),
        ("000201XY01A", "tlv.id", 6),
        ("0002010", "tlv.truncated", 6),
        ("0002015900", "tlv.length", 8),
        ("0002015920SHORT", "tlv.truncated", 6),
        # inside template 26, whose value starts at offset 16, 00 declares 20 of 14 chars
        ("000201010211" + "2618" + "0020COM.GO-JEK.WWW", "tlv.truncated", 16),
    ],
)
def test_structural_errors_carry_code_and_offset(payload: str, code: str, offset: int) -> None:
    with pytest.raises(QRISError) as caught:
        parse(payload)
    assert caught.value.code == code
    assert caught.value.offset == offset
    assert isinstance(caught.value, ValueError)


def test_nested_template_error_offset_is_absolute() -> None:
    payload = "000201" + "6207" + "07XXABC"
    with pytest.raises(QRISError) as caught:
        parse(payload)
    assert caught.value.code == "tlv.length"
    assert caught.value.offset == 6 + 4 + 2
    assert payload[caught.value.offset : caught.value.offset + 2] == "XX"


def test_rule_violations_do_not_stop_parsing() -> None:
    stale = D[:-4] + "0000"
    assert parse(stale).crc == "0000"
    broken_rules = variant({"52": "X", "59": None, "53": "840"})
    assert parse(broken_rules).mcc == "X"
    assert parse(broken_rules).merchant_name is None


def test_get_paths() -> None:
    q = parse(D2)
    assert q.get("62.05") == "INV-2026-001"
    assert q.get("26.01") == "9360091412345678901"
    assert q.get("62.99") is None
    assert q.get("64") is None
    assert q.get("64.01") is None
    assert q.get("59.01") is None  # 59 is not a template and its value is not TLV
    for bad in ("", "62.5", "6205", "62..05", "x"):
        with pytest.raises(ValueError):
            q.get(bad)


def test_get_decodes_gateway_sub_templates_lazily() -> None:
    payload = variant({"62": tlv(("50", tlv(("00", "COM.GO-JEK.WWW"), ("01", "TX-1"))))})
    q = parse(payload)
    assert q.get("62.50.01") == "TX-1"
    plain = parse(variant({"62": tlv(("50", "b7a1e1f0-6b3c"))}))
    assert plain.get("62.50") == "b7a1e1f0-6b3c"
    assert plain.get("62.50.00") is None


def test_duplicate_tags_first_occurrence_wins() -> None:
    payload = variant({"62": tlv(("07", "A01"), ("07", "A02"))})
    assert parse(payload).terminal_label == "A01"
    assert parse(payload).additional_data == {"07": "A01"}


@pytest.mark.parametrize(
    ("raw", "expected"), [("1000.", "1000"), ("0.50", "0.50"), ("1.000", None)]
)
def test_amount_is_none_when_malformed(raw: str, expected: str | None) -> None:
    q = parse(variant({"01": "12", "54": raw}))
    assert q.amount == (None if expected is None else Decimal(expected))
    assert q.get("54") == raw


def test_point_of_initiation_mapping() -> None:
    assert parse(D).point_of_initiation == "static"
    assert parse(D2).point_of_initiation == "dynamic"
    assert parse(variant({"01": None})).point_of_initiation is None
    assert parse(variant({"01": "13"})).point_of_initiation is None


def test_nmid_requires_the_qris_guid() -> None:
    other = tlv(("00", "ID.CO.OTHER.WWW"), ("02", "ID1020012345678"))
    assert parse(variant({"51": other})).nmid is None
    assert parse(D).nmid == "ID1020012345678"


def test_to_dict_is_json_serialisable_and_complete() -> None:
    data = parse(D2).to_dict()
    text = json.dumps(data)
    assert json.loads(text) == data
    assert data["amount"] == "25000"
    assert data["convenience_fee"] == "1000"
    assert data["merchant_accounts"][0]["nns"] == "93600914"
    assert data["fields"]["62"] == {"05": "INV-2026-001", "07": "KASIR-01"}
    assert list(data["fields"])[:3] == ["00", "01", "26"]
    emvco = parse(EMVCO).to_dict()
    assert emvco["fields"]["64"]["01"] == "最佳运输"
    json.dumps(emvco, ensure_ascii=False)


def test_parse_rejects_non_string() -> None:
    with pytest.raises(QRISError) as caught:
        parse(b"000201")  # type: ignore[arg-type]
    assert caught.value.code == "payload.type"


def test_broken_duplicate_template_is_structural_for_both_parse_and_validate() -> None:
    """Found by fuzzing: a second, malformed 51 used to be skipped by validate."""
    broken = seal(D[:-8] + "5104XX01")
    issues = [(i.code, i.path) for i in validate(broken)]
    assert ("tag.duplicate", "51") in issues
    assert ("tlv.id", "51") in issues
    with pytest.raises(QRISError) as caught:
        parse(broken)
    assert (caught.value.code, caught.value.offset) == ("tlv.id", len(D) - 8 + 4)
