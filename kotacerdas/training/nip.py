"""The 18-digit NIP (Nomor Induk Pegawai) of a civil servant, checked as far as its
structure allows: ``YYYYMMDD`` birth date, ``YYYYMM`` appointment (TMT CPNS/PPPK)
month, one sex digit (1 male, 2 female) and a three-digit sequence. A PPPK's number (NI PPPK)
has the same shape with ``21`` in place of the appointment month. Pure Python, no
Django: the import, the forms and the benchmark all call the same function.

A NIP can still be well formed and not exist; only BKN's registry knows that. What we
refuse here are the numbers that cannot be right (a typo, a shifted column, a birth date
in the future, an appointment at the age of nine)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

NIP_LENGTH = 18
# Youngest and oldest age at appointment we accept (CPNS from 18; PPPK up to one year
# before the oldest retirement age of 60 for functional posts).
MIN_AGE_AT_APPOINTMENT = 18
MAX_AGE_AT_APPOINTMENT = 59
EARLIEST_BIRTH_YEAR = 1940
EARLIEST_APPOINTMENT_YEAR = 1960
PPPK_CODE = 21

_SEPARATORS = re.compile(r"[\s.\-]")
_ASCII_DIGITS = re.compile(r"[0-9]{18}")


class NipInvalid(ValueError):
    """The message is Indonesian and is shown to the person as is."""


@dataclass(frozen=True)
class Nip:
    value: str
    birth_date: date
    appointment_year: int
    appointment_month: int | None  # None for a PPPK number ("21")
    sex: str  # "L" or "P"
    sequence: int

    @property
    def is_pppk(self) -> bool:
        return self.appointment_month is None

    def masked(self) -> str:
        return mask_nip(self.value)


def normalise_nip(raw: str) -> str:
    """Drops spaces, dots and dashes as people write NIPs (``19850312 201001 1 003``)."""
    return _SEPARATORS.sub("", raw or "")


def parse_nip(raw: str, *, today: date) -> Nip:
    value = normalise_nip(raw)
    if not value:
        raise NipInvalid("NIP wajib diisi.")
    if len(value) > 40:
        raise NipInvalid("NIP terlalu panjang (harus 18 angka).")
    if not _ASCII_DIGITS.fullmatch(value):
        if len(value) != NIP_LENGTH:
            raise NipInvalid(f"NIP harus 18 angka (tertulis {len(value)} karakter).")
        raise NipInvalid("NIP hanya boleh berisi angka 0–9.")
    try:
        born = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise NipInvalid("Tanggal lahir dalam NIP (angka 1–8) bukan tanggal yang sah.") from None
    if born.year < EARLIEST_BIRTH_YEAR:
        raise NipInvalid("Tahun lahir dalam NIP terlalu lampau.")
    if born > today:
        raise NipInvalid("Tanggal lahir dalam NIP ada di masa depan.")
    year, month = int(value[8:12]), int(value[12:14])
    pppk = month == PPPK_CODE
    if pppk:
        month = 1  # the year is all a PPPK number tells; age is checked from January
    elif not 1 <= month <= 12:
        raise NipInvalid(
            "Bulan pengangkatan dalam NIP (angka 13–14) harus 01–12, atau 21 untuk PPPK."
        )
    if year < EARLIEST_APPOINTMENT_YEAR or (year, month) > (today.year + 1, today.month):
        raise NipInvalid("Tahun pengangkatan dalam NIP (angka 9–12) tidak masuk akal.")
    age = year - born.year - ((month, 31) < (born.month, born.day))
    if age < MIN_AGE_AT_APPOINTMENT:
        raise NipInvalid("Usia saat pengangkatan menurut NIP kurang dari 18 tahun.")
    if age > MAX_AGE_AT_APPOINTMENT:
        raise NipInvalid("Usia saat pengangkatan menurut NIP lebih dari 59 tahun.")
    sex_digit = value[14]
    if sex_digit not in "12":
        raise NipInvalid("Kode jenis kelamin dalam NIP (angka 15) harus 1 atau 2.")
    sequence = int(value[15:18])
    if sequence == 0:
        raise NipInvalid("Nomor urut dalam NIP (angka 16–18) tidak boleh 000.")
    return Nip(
        value=value,
        birth_date=born,
        appointment_year=year,
        appointment_month=None if pppk else month,
        sex="L" if sex_digit == "1" else "P",
        sequence=sequence,
    )


def mask_nip(value: str) -> str:
    """Keeps the appointment year and the last two digits: enough to tell two records
    apart on screen, not enough to read a birth date."""
    if len(value) != NIP_LENGTH:
        return "•" * 6
    return "••••••••" + value[8:12] + "••••••" + value[16:]
