"""Small parsers for values that arrive from outside (query strings, form fields, JSON).

Python's ``str.isdigit`` accepts superscripts and other scripts' digits that ``int``
then refuses, ``int`` accepts numbers no database column can hold, and a NUL byte is
refused by PostgreSQL in any text column. Views that read a number or a short code
from a request use these helpers, so a stray character becomes "no value" or a clear
message instead of a server error."""

from __future__ import annotations

from datetime import date

# The range of a PostgreSQL ``bigint``; every integer column of the platform fits in it.
DB_INT_MAX = 2**63 - 1
# Dates a person can mean in a public-service context; beyond this a date is a typo or
# an attack, and arithmetic on it (adding a window, converting a time zone) overflows.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2200, 12, 31)


def has_control_chars(value: str) -> bool:
    """NUL and the other C0 control characters except tab, line feed and carriage return."""
    return any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value)


def ascii_int(
    value: str | None,
    *,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = DB_INT_MAX,
) -> int | None:
    """The integer written in plain ASCII digits (optionally signed when ``minimum`` is
    negative) within ``minimum..maximum``, otherwise ``default``."""
    text = (value or "").strip()
    negative = text.startswith("-") and minimum < 0
    digits = text[1:] if negative else text
    if not digits or len(digits) > 19 or not (digits.isascii() and digits.isdigit()):
        return default
    number = -int(digits) if negative else int(digits)
    return number if minimum <= number <= maximum else default


def bounded_date(value: str | None) -> date | None:
    """An ISO date (YYYY-MM-DD) between DATE_MIN and DATE_MAX, otherwise None."""
    text = (value or "").strip()
    if len(text) != 10 or not text.isascii():
        return None
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        return None
    return parsed if DATE_MIN <= parsed <= DATE_MAX else None


def json_nesting_exceeds(body: bytes, limit: int) -> bool:
    """True when arrays/objects in a JSON text nest deeper than ``limit``.

    A linear scan over the bytes (strings skipped), run before ``json.loads`` so a body
    like ``[[[[…]]]]`` five thousand deep never reaches the recursive parser."""
    depth = 0
    in_string = False
    escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return False


def json_has_nul(body: bytes) -> bool:
    """A raw NUL byte or a ``\\u0000`` escape anywhere in a JSON text (PostgreSQL refuses
    both in text and jsonb columns)."""
    return b"\x00" in body or b"\\u0000" in body
