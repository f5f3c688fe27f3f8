"""One test (or parametrised table) per validation rule: the error and the tolerated case."""

from __future__ import annotations

import pytest

from kotacerdas.qris import is_valid, validate

from .payloads import BASE, EMVCO, GOPAY, NATIONAL, D, seal, tlv, variant


def codes(payload: str) -> list[tuple[str, str, str]]:
    return [(i.code, i.severity, i.path) for i in validate(payload)]


def errors(payload: str) -> list[tuple[str, str]]:
    return [(i.code, i.path) for i in validate(payload) if i.severity == "error"]


# --- TLV structure -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("AB020101", "tlv.id"),
        ("0002010102", "tlv.truncated"),
        ("0000" + D, "tlv.length"),
        ("000201" + "59A1X", "tlv.length"),
        ("000201" + "5920TOO SHORT", "tlv.truncated"),
        (D + "\n", "tlv.truncated"),
        (D + "6", "tlv.truncated"),
        (D[:-1], "tlv.truncated"),
    ],
)
def test_root_tlv_must_be_well_formed(payload: str, code: str) -> None:
    issues = validate(payload)
    assert code in [i.code for i in issues]
    assert not is_valid(payload)


def test_template_tlv_must_be_well_formed() -> None:
    assert ("tlv.truncated", "26") in errors(variant({"26": "0014COM.GO-JEK"}))
    assert ("tlv.id", "62") in errors(variant({"62": "XX03ABC"}))


def test_lengths_count_characters_not_bytes() -> None:
    # 59 holds 4 characters; in bytes it would be 12 and the TLV would not line up.
    payload = variant(
        {"58": "CN", "53": "156", "61": None, "64": tlv(("00", "ZH"), ("01", "最佳运输"))}
    )
    assert [(i.code, i.path) for i in validate(payload, profile="emvco")] == []


def test_lone_surrogate_is_reported_not_raised() -> None:
    """Found by hypothesis: such a str cannot be UTF-8 encoded for the CRC."""
    payload = tlv(*BASE, ("64", tlv(("00", "ID"), ("01", "TOKO\ud800")))) + "63040000"
    assert errors(payload) == [("payload.encoding", "")]


def test_empty_and_non_string_input() -> None:
    assert codes("") == [("payload.empty", "error", "")]
    assert [i.code for i in validate(None)] == ["payload.type"]  # type: ignore[arg-type]
    assert [i.code for i in validate(b"000201")] == ["payload.type"]  # type: ignore[arg-type]


# --- 00 and 63 -------------------------------------------------------------------------


def test_payload_format_indicator_first_and_01() -> None:
    swapped = seal(tlv(*[BASE[1], BASE[0], *BASE[2:]]))
    assert ("pfi.not_first", "00") in errors(swapped)
    assert ("pfi.invalid", "00") in errors(variant({"00": "02"}))
    assert ("pfi.invalid", "00") in errors(variant({"00": "1"}))
    missing = seal(tlv(*BASE[1:]))
    assert ("tag.required", "00") in errors(missing)


def test_crc_must_be_last() -> None:
    moved = seal(tlv(*BASE)) + tlv(("64", tlv(("00", "ID"), ("01", "TOKO"))))
    assert errors(moved) == [("crc.not_last", "63")]


def test_crc_missing_mismatch_and_format() -> None:
    assert errors(tlv(*BASE)) == [("crc.missing", "63")]
    assert errors(D[:-4] + "3ACD") == [("crc.mismatch", "63")]
    assert errors(D[:-4] + "3AXC") == [("crc.format", "63")]


def test_lowercase_crc_is_accepted_with_a_warning() -> None:
    lower = D[:-4] + "3acc"
    assert lower[-4:] != lower[-4:].upper()
    assert codes(lower) == [("crc.lowercase", "warning", "63")]
    assert is_valid(lower)


# --- duplicates ------------------------------------------------------------------------


def test_duplicate_root_tag() -> None:
    payload = seal(tlv(*BASE, ("59", "OTHER NAME")))
    assert ("tag.duplicate", "59") in errors(payload)


@pytest.mark.parametrize(
    ("tag", "value", "path"),
    [
        ("62", tlv(("07", "A01"), ("07", "A02")), "62.07"),
        ("26", GOPAY + tlv(("02", "OTHER")), "26.02"),
        ("51", NATIONAL + tlv(("00", "ID.CO.QRIS.WWW")), "51.00"),
    ],
)
def test_duplicate_sub_tag(tag: str, value: str, path: str) -> None:
    assert ("tag.duplicate", path) in errors(variant({tag: value}))


# --- presence --------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["52", "53", "58", "59", "60"])
def test_mandatory_root_tags(tag: str) -> None:
    assert ("tag.required", tag) in errors(variant({tag: None}))


def test_postal_code_mandatory_only_when_country_is_id() -> None:
    assert errors(variant({"61": None})) == [("tag.required", "61")]
    foreign = variant({"61": None, "58": "SG", "53": "702"})
    assert [(i.code, i.path) for i in validate(foreign, profile="emvco")] == []


def test_at_least_one_merchant_account() -> None:
    dynamic_without = variant({"01": "12", "54": "1000", "26": None, "51": None})
    assert ("merchant_account.missing", "") in errors(dynamic_without)


def test_card_network_account_02_25_counts_as_merchant_account() -> None:
    visa_only = variant(
        {"01": "12", "54": "1000", "26": None, "51": None, "02": "4111111111111111"}
    )
    assert errors(visa_only) == []


def test_national_template_51_mandatory_on_static() -> None:
    assert errors(variant({"51": None})) == [("national.missing", "51")]
    # dynamic: usual but not mandatory
    assert errors(variant({"51": None, "01": "12", "54": "5000"})) == []
    # no point of initiation: only a warning
    assert codes(variant({"51": None, "01": None})) == [("national.missing", "warning", "51")]


def test_national_template_guid() -> None:
    wrong = tlv(("00", "ID.CO.OTHER.WWW"), ("02", "ID1020012345678"), ("03", "UMI"))
    assert ("national.guid", "51.00") in errors(variant({"51": wrong}))
    assert ("national.missing", "51") in errors(variant({"51": wrong}))
    assert ("tag.required", "51.02") in errors(variant({"51": tlv(("00", "ID.CO.QRIS.WWW"))}))


def test_account_sub_tags_mandatory_in_26_45() -> None:
    no_pan = tlv(("00", "COM.GO-JEK.WWW"), ("02", "G1"), ("03", "UMI"))
    assert ("tag.required", "26.01") in errors(variant({"26": no_pan}))
    no_guid = tlv(("01", "93600914123"), ("02", "G1"), ("03", "UMI"))
    assert ("tag.required", "26.00") in errors(variant({"26": no_guid}))


# --- country and currency --------------------------------------------------------------


def test_currency_must_be_360_when_country_is_id() -> None:
    assert errors(variant({"53": "840"})) == [("currency.invalid", "53")]


def test_qris_profile_is_the_default_and_refuses_foreign_payloads() -> None:
    """A US-dollar payload from the US and the EMVCo sample from China are not QRIS."""
    us_dollar = variant({"53": "840", "58": "US"})
    assert sorted(errors(us_dollar)) == [("country.not_id", "58"), ("currency.invalid", "53")]
    assert not is_valid(us_dollar)
    assert ("country.not_id", "58") in errors(EMVCO)
    assert not is_valid(EMVCO)


def test_emvco_profile_is_asked_for_explicitly() -> None:
    us_dollar = variant({"53": "840", "58": "US"})
    assert [
        (i.code, i.path) for i in validate(us_dollar, profile="emvco") if i.severity == "error"
    ] == []
    assert is_valid(EMVCO, profile="emvco")
    assert is_valid(us_dollar, profile="emvco")


def test_unknown_profile_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown profile"):
        validate(EMVCO, profile="visa")


@pytest.mark.parametrize("country", ["id", "I1", "XYZ", "I"])
def test_country_code_shape(country: str) -> None:
    found = errors(variant({"58": country}))
    assert ("country.invalid", "58") in found or ("tag.length", "58") in found


def test_point_of_initiation_values() -> None:
    assert errors(variant({"01": "13"})) == [("poi.invalid", "01")]
    assert errors(variant({"01": "1"})) == [("poi.invalid", "01")]
    assert errors(variant({"01": "12", "54": "1000"})) == []


# --- formats and lengths ----------------------------------------------------------------


def _sub(tag: str, sub: str, value: str) -> str:
    base = {"26": GOPAY, "51": NATIONAL, "62": tlv(("07", "KASIR-01"))}[tag]
    pairs = []
    text = base
    while text:
        t, n = text[:2], int(text[2:4])
        pairs.append((t, text[4 : 4 + n]))
        text = text[4 + n :]
    pairs = [(t, v) for t, v in pairs if t != sub] + [(sub, value)]
    return variant({tag: tlv(*sorted(pairs))})


@pytest.mark.parametrize(
    ("payload", "code", "path"),
    [
        (variant({"52": "58A2"}), "tag.format", "52"),
        (variant({"52": "581"}), "tag.length", "52"),
        (variant({"53": "36O"}), "tag.format", "53"),
        (variant({"59": "N" * 26}), "tag.length", "59"),
        (variant({"59": "TOKO É"}), "tag.format", "59"),
        (variant({"59": "TOKO\tCONTOH"}), "tag.format", "59"),
        (variant({"60": "C" * 16}), "tag.length", "60"),
        (variant({"61": "1" * 11}), "tag.length", "61"),
        (variant({"01": "12", "54": "1" * 14}), "tag.length", "54"),
        (variant({"55": "02", "56": "1" * 14}), "tag.length", "56"),
        (variant({"55": "03", "57": "12.505"}), "tag.length", "57"),
        (variant({"02": "4111é"}), "tag.format", "02"),
        (_sub("26", "00", "G" * 33), "tag.length", "26.00"),
        (_sub("26", "01", "93600914X"), "tag.format", "26.01"),
        (_sub("26", "01", "9" * 20), "tag.length", "26.01"),
        (_sub("26", "02", "M" * 16), "tag.length", "26.02"),
        (_sub("26", "03", "UMIX"), "tag.length", "26.03"),
        (_sub("51", "02", "ID10200123456789"), "tag.length", "51.02"),
        (_sub("62", "01", "B" * 26), "tag.length", "62.01"),
        (_sub("62", "05", "R" * 26), "tag.length", "62.05"),
        (_sub("62", "07", "T" * 26), "tag.length", "62.07"),
        (_sub("62", "08", "ü"), "tag.format", "62.08"),
        (_sub("62", "09", "AMEA"), "tag.length", "62.09"),
        (_sub("62", "10", "1" * 21), "tag.length", "62.10"),
        (_sub("62", "11", "ABCD"), "tag.length", "62.11"),
        (variant({"64": tlv(("00", "IND"), ("01", "TOKO"))}), "tag.length", "64.00"),
        (variant({"64": tlv(("00", "ID"), ("01", "T" * 26))}), "tag.length", "64.01"),
        (variant({"64": tlv(("00", "ID"), ("01", "T"), ("02", "C" * 16))}), "tag.length", "64.02"),
        (variant({"64": tlv(("01", "TOKO"))}), "tag.required", "64.00"),
        (variant({"80": tlv(("01", "X"))}), "tag.required", "80.00"),
        (variant({"80": tlv(("00", "G" * 33))}), "tag.length", "80.00"),
        (variant({"46": tlv(("01", "X"))}), "tag.required", "46.00"),
        (_sub("62", "99", tlv(("01", "DATA"))), "tag.required", "62.99.00"),
        (
            variant({"62": tlv(("99", tlv(("00", "00"), ("01", "D" * 82))))}),
            "tag.length",
            "62.99.01",
        ),
        (_sub("62", "99", "NOT TLV"), "tlv.id", "62.99"),
    ],
)
def test_formats_and_maximum_lengths(payload: str, code: str, path: str) -> None:
    assert (code, path) in errors(payload)


@pytest.mark.parametrize(
    "payload",
    [
        variant({"59": "N" * 25, "60": "C" * 15, "61": "1" * 10}),
        _sub("26", "01", "9" * 19),
        _sub("62", "05", "R" * 25),
        _sub("62", "01", "***"),
        variant({"62": tlv(("99", tlv(("00", "00"), ("01", "D" * 81))))}),
        variant({"64": tlv(("00", "ID"), ("01", "Toko Ñandú"), ("02", "Sampit"))}),
        variant({"80": tlv(("00", "COM.EXAMPLE"), ("01", "ánything"))}),
    ],
)
def test_values_at_the_limits_are_accepted(payload: str) -> None:
    assert errors(payload) == []


# --- criteria ---------------------------------------------------------------------------


@pytest.mark.parametrize("criteria", ["UMI", "UKE", "UME", "UBE", "URE", "PSO", "BLU"])
def test_known_criteria_are_valid(criteria: str) -> None:
    assert errors(_sub("26", "03", criteria)) == []
    assert errors(_sub("51", "03", criteria)) == []


@pytest.mark.parametrize(("tag", "criteria"), [("26", "XXX"), ("51", "umi"), ("26", "P2G")])
def test_unknown_criteria_is_an_error(tag: str, criteria: str) -> None:
    assert ("criteria.invalid", f"{tag}.03") in errors(_sub(tag, "03", criteria))


def test_missing_criteria_is_a_warning_like_xendit_production() -> None:
    national = tlv(("00", "ID.CO.QRIS.WWW"), ("02", "ID1020012345678"))
    payload = variant({"51": national})
    assert codes(payload) == [("criteria.missing", "warning", "51.03")]
    assert is_valid(payload)


# --- amount -----------------------------------------------------------------------------


@pytest.mark.parametrize("amount", ["1", "2000", "0.50", "25000.00", "1000.", "9999999999.99"])
def test_valid_amounts(amount: str) -> None:
    assert errors(variant({"01": "12", "54": amount})) == []


@pytest.mark.parametrize(
    "amount",
    [
        "0",
        "0.00",
        "000",
        "01000",
        "1000.5",
        "1000.000",
        ".50",
        "1e3",
        "-100",
        "+100",
        "1,000",
        "1.000",
        "1 000",
        "Rp1000",
        "\u0661\u0660\u0660\u0660",  # Arabic-Indic digits
    ],
)
def test_invalid_amounts(amount: str) -> None:
    assert ("amount.invalid", "54") in errors(variant({"01": "12", "54": amount}))


def test_amount_on_static_and_missing_on_dynamic_are_warnings() -> None:
    assert codes(variant({"54": "1000"})) == [("amount.on_static", "warning", "54")]
    assert codes(variant({"01": "12"})) == [("amount.missing_on_dynamic", "warning", "54")]


# --- tip / convenience fee -------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"55": "04"}, ("tip.invalid", "55")),
        ({"55": "02"}, ("tip.value_missing", "56")),
        ({"55": "03"}, ("tip.value_missing", "57")),
        ({"56": "1000"}, ("tip.orphan_value", "56")),
        ({"57": "2.5"}, ("tip.orphan_value", "57")),
        ({"55": "03", "56": "1000", "57": "2"}, ("tip.orphan_value", "56")),
        ({"55": "02", "56": "1000", "57": "2"}, ("tip.orphan_value", "57")),
        ({"55": "02", "56": "1.000"}, ("amount.invalid", "56")),
        ({"55": "03", "57": "0"}, ("tip.invalid", "57")),
        ({"55": "03", "57": "100.1"}, ("tip.invalid", "57")),
        ({"55": "03", "57": "2,5"}, ("tip.invalid", "57")),
    ],
)
def test_tip_indicator_consistency(
    changes: dict[str, str | None], expected: tuple[str, str]
) -> None:
    assert expected in errors(variant({"01": "12", "54": "1000", **changes}))


@pytest.mark.parametrize(
    "changes", [{"55": "02", "56": "1000"}, {"55": "03", "57": "2.5"}, {"55": "03", "57": "100"}]
)
def test_consistent_fees_are_valid(changes: dict[str, str | None]) -> None:
    assert errors(variant({"01": "12", "54": "1000", **changes})) == []


def test_tip_prompt_is_a_warning() -> None:
    payload = variant({"01": "12", "54": "1000", "55": "01"})
    assert codes(payload) == [("tip.prompt", "warning", "55")]


# --- forbidden "|" ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "path"),
    [
        (variant({"59": "TOKO|CONTOH"}), "59"),
        (variant({"60": "JAKARTA|"}), "60"),
        (variant({"61": "10|10"}), "61"),
        (_sub("26", "02", "G|123"), "26.02"),
        (_sub("26", "03", "U|I"), "26.03"),
        (_sub("51", "02", "ID|02001234567"), "51.02"),
    ],
)
def test_pipe_is_forbidden_where_qris_says(payload: str, path: str) -> None:
    assert ("tag.pipe", path) in errors(payload)


def test_pipe_is_allowed_elsewhere() -> None:
    assert errors(_sub("62", "08", "PARKIR|A")) == []
    foreign = variant({"59": "A|B", "58": "SG", "53": "702", "61": None})
    assert [(i.code, i.path) for i in validate(foreign, profile="emvco")] == []


# --- 62.09 --------------------------------------------------------------------------------


@pytest.mark.parametrize("letters", ["A", "M", "E", "AME", "EMA", "ME"])
def test_consumer_data_request_valid(letters: str) -> None:
    assert errors(_sub("62", "09", letters)) == []


@pytest.mark.parametrize("letters", ["MM", "AA", "AX", "a", "AEE"])
def test_consumer_data_request_invalid(letters: str) -> None:
    assert ("consumer_request.invalid", "62.09") in errors(_sub("62", "09", letters))


# --- size ----------------------------------------------------------------------------------


def test_payload_longer_than_512_characters() -> None:
    extra = {f"{n}": tlv(("00", "COM.EXAMPLE.WWW"), ("01", "X" * 70)) for n in range(80, 86)}
    payload = variant(extra)
    assert len(payload) > 512
    assert errors(payload) == [("payload.too_long", "")]
    smaller = variant(dict(list(extra.items())[:2]))
    assert len(smaller) <= 512
    assert errors(smaller) == []


# --- order and tolerated deviations -----------------------------------------------------


def test_tag_order_is_free_apart_from_00_and_63() -> None:
    """Real GoPay/Midtrans QRs put 54 after 61: no issue at all (doc §1, §10 gap 6)."""
    pairs = [p for p in BASE if p[0] != "01"] + [("54", "789000.00")]
    pairs.insert(1, ("01", "12"))
    gopay_style = seal(tlv(*pairs))
    assert gopay_style.index("5409789000.00") > gopay_style.index("6105")
    assert validate(gopay_style) == []
    shuffled = seal(tlv(BASE[0], *reversed(BASE[1:])))
    assert validate(shuffled) == []


def test_nmid_not_shaped_like_id_plus_13_digits_is_a_warning() -> None:
    """Midtrans sandbox QRs carry such NMIDs."""
    payload = _sub("51", "02", "M00123456")
    assert codes(payload) == [("nmid.format", "warning", "51.02")]
    assert is_valid(payload)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("b7a1e1f0-6b3c-4f65-9a2d-1c2b3a4d5e6f", "template.not_tlv"),  # GoPay transaction id
        (tlv(("01", "TX-123")), "guid.missing"),
    ],
)
def test_gateway_ids_in_62_50_are_warnings(value: str, code: str) -> None:
    payload = variant({"62": tlv(("07", "A01"), ("50", value))})
    assert [c for c, s, _ in codes(payload)] == [code]
    assert codes(payload)[0][1] == "warning"
    assert is_valid(payload)


def test_gateway_template_with_guid_has_no_issue() -> None:
    payload = variant({"62": tlv(("50", tlv(("00", "COM.GO-JEK.WWW"), ("01", "TX-1"))))})
    assert validate(payload) == []


def test_reserved_tags_are_warnings() -> None:
    assert codes(variant({"65": "X"})) == [("tag.reserved", "warning", "65")]
    assert codes(_sub("62", "12", "X")) == [("tag.reserved", "warning", "62.12")]


def test_every_issue_has_a_message_and_dotted_code() -> None:
    broken = variant({"59": "N" * 26, "53": "840", "51": None, "55": "02"})
    issues = validate(broken)
    assert len(issues) >= 4
    for issue in issues:
        assert "." in issue.code and issue.message and issue.severity in ("error", "warning")
        assert str(issue).startswith(issue.severity)
