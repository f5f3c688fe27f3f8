"""Indonesian phone numbers, normalised to E.164 with the ``phonenumbers`` library (the
port of Google's libphonenumber), so ``0812-3456-7890``, ``62812…`` and ``+62 812…`` are
one account. Pure logic: no Django imports."""

from __future__ import annotations

import phonenumbers

MAX_INPUT = 32
MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


class PhoneInvalid(ValueError):
    """A number a citizen can correct; the message is shown as is."""


def phone_normalise(raw: str, *, mobile_only: bool = True) -> str:
    """Returns ``+62…`` or raises ``PhoneInvalid`` with an Indonesian message. Numbers of
    other countries are refused: codes are sent by Indonesian SMS/WhatsApp only."""
    text = (raw or "").strip()
    if not text:
        raise PhoneInvalid("Nomor ponsel wajib diisi.")
    if len(text) > MAX_INPUT or "\x00" in text:
        raise PhoneInvalid("Nomor ponsel terlalu panjang.")
    if text.startswith("62"):
        text = "+" + text
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException as exc:
        raise PhoneInvalid("Nomor ponsel tidak dikenali. Contoh: 0812 3456 7890.") from exc
    if number.country_code != 62:
        raise PhoneInvalid("Hanya nomor ponsel Indonesia (+62) yang dapat dipakai.")
    if not phonenumbers.is_valid_number(number):
        raise PhoneInvalid("Nomor ponsel tidak valid. Contoh: 0812 3456 7890.")
    if mobile_only and phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise PhoneInvalid("Gunakan nomor ponsel (bukan telepon rumah/kantor).")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(e164: str) -> str:
    """``+6281234567890`` → ``0812-3456-7890``-style national format for screens."""
    try:
        number = phonenumbers.parse(e164, "ID")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
