from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kotacerdas.training.nip import NipInvalid, mask_nip, normalise_nip, parse_nip

TODAY = date(2026, 11, 30)


def test_a_valid_nip_is_split_into_its_parts() -> None:
    nip = parse_nip("19850312 201001 1 003", today=TODAY)
    assert nip.value == "198503122010011003"
    assert nip.birth_date == date(1985, 3, 12)
    assert (nip.appointment_year, nip.appointment_month) == (2010, 1)
    assert nip.sex == "L"
    assert nip.sequence == 3
    assert parse_nip("199001012019032001", today=TODAY).sex == "P"
    pppk = parse_nip("199505052023211002", today=TODAY)
    assert pppk.is_pppk and pppk.appointment_month is None and pppk.appointment_year == 2023


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "wajib"),
        ("19850312201001100", "18 angka"),
        ("1985031220100110030", "18 angka"),
        ("19850312201001100X", "hanya boleh"),
        ("١٩٨٥٠٣١٢٢٠١٠٠١١٠٠٣", "hanya boleh"),  # Arabic-Indic digits
        ("198502302010011003", "Tanggal lahir"),  # 30 February
        ("203001012050011001", "masa depan"),
        ("193001012010011001", "terlalu lampau"),
        ("198503122010131003", "Bulan pengangkatan"),
        ("198503122010001003", "Bulan pengangkatan"),
        ("198503122030011003", "Tahun pengangkatan"),
        ("200503122010011003", "kurang dari 18"),
        ("195003122015011003", "lebih dari 59"),
        ("198503122010013003", "jenis kelamin"),
        ("198503122010011000", "000"),
        ("1" * 500, "terlalu panjang"),
    ],
)
def test_impossible_nips_are_refused_with_a_reason(raw: str, fragment: str) -> None:
    with pytest.raises(NipInvalid) as caught:
        parse_nip(raw, today=TODAY)
    assert fragment in str(caught.value)


def test_appointment_at_exactly_eighteen_is_accepted() -> None:
    assert parse_nip("200001012018011001", today=TODAY).appointment_year == 2018


def test_masking_hides_the_birth_date() -> None:
    masked = mask_nip("198503122010011003")
    assert "19850312" not in masked
    assert masked.endswith("03") and "2010" in masked
    assert mask_nip("123") == "••••••"


@given(st.text(max_size=40))
def test_any_text_is_either_a_nip_or_a_clear_refusal(raw: str) -> None:
    try:
        nip = parse_nip(raw, today=TODAY)
    except NipInvalid as exc:
        assert str(exc)
    else:
        assert len(nip.value) == 18 and nip.value == normalise_nip(raw)
