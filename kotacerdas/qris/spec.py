"""Rule tables: what each data object may hold, per QRIS Table 3.6/4.3/4.8 and EMVCo MPM.

Tables are built once at import so validation is a dictionary lookup per data object.
A rule is ``(format, min_len, max_len)``; formats are small ints compared by identity.
"""

from __future__ import annotations

from typing import Final

N: Final = 0  # digits 0-9
ANS: Final = 1  # printable ASCII 0x20-0x7E
S: Final = 2  # any Unicode (templates 62/64, RFU and unreserved tags)

Rule = tuple[int, int, int]

FORMAT_NAMES: Final = {N: "numeric", ANS: "printable ASCII", S: "any text"}

MAX_PAYLOAD: Final = 512
QRIS_GUID: Final = "ID.CO.QRIS.WWW"
COUNTRY_ID: Final = "ID"
CURRENCY_IDR: Final = "360"
POI_STATIC: Final = "11"
POI_DYNAMIC: Final = "12"
CRITERIA: Final = frozenset({"UMI", "UKE", "UME", "UBE", "URE", "PSO", "BLU"})
HEX: Final = frozenset("0123456789ABCDEFabcdef")
UPPER: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
CONSUMER_REQUEST_LETTERS: Final = frozenset("AME")


def _tags(lo: int, hi: int) -> list[str]:
    return [f"{n:02d}" for n in range(lo, hi + 1)]


ROOT_NAMES: Final[dict[str, str]] = {
    "00": "Payload Format Indicator",
    "01": "Point of Initiation Method",
    "51": "National Merchant Repository",
    "52": "Merchant Category Code",
    "53": "Transaction Currency",
    "54": "Transaction Amount",
    "55": "Tip or Convenience Indicator",
    "56": "Convenience Fee Fixed",
    "57": "Convenience Fee Percentage",
    "58": "Country Code",
    "59": "Merchant Name",
    "60": "Merchant City",
    "61": "Postal Code",
    "62": "Additional Data Field Template",
    "63": "CRC",
    "64": "Merchant Information - Language Template",
}
for _t in _tags(2, 45) + _tags(46, 50):
    ROOT_NAMES[_t] = "Merchant Account Information"
for _t in _tags(65, 79):
    ROOT_NAMES[_t] = "RFU for EMVCo"
for _t in _tags(80, 99):
    ROOT_NAMES[_t] = "Unreserved Template"

ROOT: Final[dict[str, Rule]] = {
    "00": (N, 2, 2),
    "01": (N, 2, 2),
    "52": (N, 4, 4),
    "53": (N, 3, 3),
    "54": (ANS, 1, 13),
    "55": (N, 2, 2),
    "56": (ANS, 1, 13),
    "57": (ANS, 1, 5),
    "58": (ANS, 2, 2),
    "59": (ANS, 1, 25),
    "60": (ANS, 1, 15),
    "61": (ANS, 1, 10),
    "62": (S, 1, 99),
    "63": (ANS, 4, 4),
    "64": (S, 1, 99),
}
for _t in _tags(2, 51):
    ROOT[_t] = (ANS, 1, 99)
for _t in _tags(65, 99):
    ROOT[_t] = (S, 1, 99)

MANDATORY_ROOT: Final = ("52", "53", "58", "59", "60")
TEMPLATE_TAGS: Final = frozenset([*_tags(26, 51), "62", "64", *_tags(80, 99)])
RESERVED_ROOT: Final = frozenset(_tags(65, 79))

# What the validator does with a root tag after the generic check.
PLAIN: Final = 0
TEMPLATE: Final = 1
CRC_TAG: Final = 2
RESERVED: Final = 3
ROOT_INFO: Final[dict[str, tuple[int, int, int, int]]] = {
    tag: (
        *rule,
        TEMPLATE
        if tag in TEMPLATE_TAGS
        else CRC_TAG
        if tag == "63"
        else RESERVED
        if tag in RESERVED_ROOT
        else PLAIN,
    )
    for tag, rule in ROOT.items()
}
# EMVCo: at least one of 02-51; QRIS domestic acquirers use 26-45, 51 is the NMID.
ACCOUNT_TAGS: Final = frozenset(_tags(2, 51))
QRIS_ACCOUNT_TAGS: Final = frozenset(_tags(26, 45))
# QRIS Table 3.6 notes: "|" is forbidden in these root objects.
NO_PIPE_ROOT: Final = ("58", "59", "60", "61")

# Sub-tag tables. Sub-tags absent from a table fall back to DEFAULT_SUB.
DEFAULT_SUB: Final[Rule] = (ANS, 1, 99)
ANY_SUB: Final[Rule] = (S, 1, 99)  # inside the S-format templates 62, 64 and 80-99
ACCOUNT_SUB_NAMES: Final = {
    "00": "Globally Unique Identifier",
    "01": "Merchant PAN",
    "02": "Merchant ID",
    "03": "Merchant Criteria",
}
QRIS_ACCOUNT_SUB: Final[dict[str, Rule]] = {
    "00": (ANS, 1, 32),
    "01": (N, 1, 19),
    "02": (ANS, 1, 15),
    "03": (ANS, 3, 3),
}
GUID_SUB: Final[dict[str, Rule]] = {"00": (ANS, 1, 32)}

ADDITIONAL_NAMES: Final = {
    "01": "Bill Number",
    "02": "Mobile Number",
    "03": "Store Label",
    "04": "Loyalty Number",
    "05": "Reference Label",
    "06": "Customer Label",
    "07": "Terminal Label",
    "08": "Purpose of Transaction",
    "09": "Additional Consumer Data Request",
    "10": "Merchant Tax ID",
    "11": "Merchant Channel",
    "99": "Proprietary Domestic Data",
}
ADDITIONAL_SUB: Final[dict[str, Rule]] = {t: (ANS, 1, 25) for t in _tags(1, 8)}
ADDITIONAL_SUB.update({"09": (ANS, 1, 3), "10": (ANS, 1, 20), "11": (ANS, 1, 3)})
PROPRIETARY_SUB: Final[dict[str, Rule]] = {"00": (ANS, 1, 32), "01": (ANS, 1, 81)}

LANGUAGE_NAMES: Final = {
    "00": "Language Preference",
    "01": "Merchant Name - Alternate Language",
    "02": "Merchant City - Alternate Language",
}
LANGUAGE_SUB: Final[dict[str, Rule]] = {"00": (ANS, 2, 2), "01": (S, 1, 25), "02": (S, 1, 15)}
UNRESERVED_SUB: Final[dict[str, Rule]] = {"00": (ANS, 1, 32)}

# Codes for which parse() raises: payload text that cannot be read as TLV at all.
STRUCTURAL_CODES: Final = frozenset({"payload.empty", "tlv.id", "tlv.length", "tlv.truncated"})


def is_amount(value: str) -> bool:
    """QRIS §4.7.8.1 amount: digits, optional ``.``, 0 or 2 decimals (IDR), not zero.

    ``1000.`` is valid per the standard; a leading zero (``01000``) or one decimal
    (``1000.5``) is not, because the ISO 4217 exponent of IDR is 2.
    """
    whole, _, frac = value.partition(".")
    if not whole or not (whole.isdigit() and whole.isascii()):
        return False
    if len(whole) > 1 and whole[0] == "0":
        return False
    if frac and (len(frac) != 2 or not (frac.isdigit() and frac.isascii())):
        return False
    return whole != "0" or frac.strip("0") != ""


def is_percentage(value: str) -> bool:
    """Tag 57: a decimal percentage such as ``2.5``, above 0 and at most 100."""
    whole, _, frac = value.partition(".")
    if not whole or not (whole.isdigit() and whole.isascii()):
        return False
    if frac and not (frac.isdigit() and frac.isascii()):
        return False
    number = float(value) if frac else float(whole)
    return 0 < number <= 100


def is_nmid_shape(value: str) -> bool:
    """Real NMIDs are ``ID`` + 13 digits; anything else is tolerated but worth a warning."""
    return len(value) == 15 and value[:2] == "ID" and value[2:].isdigit() and value.isascii()
