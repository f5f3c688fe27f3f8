"""Test payloads and a tiny independent encoder.

The encoder uses ``binascii`` directly rather than the codec, so a bug in the codec's TLV
or CRC code cannot hide itself by producing the inputs of its own tests.
"""

from __future__ import annotations

import binascii
from collections.abc import Mapping

D = (
    "00020101021126620014COM.GO-JEK.WWW011993600914123456789010210G1234567890303UMI"
    "51440014ID.CO.QRIS.WWW0215ID10200123456780303UMI5204581253033605802ID5911TOKO CONTOH"
    "6007JAKARTA61051011062120708KASIR-0163043ACC"
)
D2 = (
    "00020101021226620014COM.GO-JEK.WWW011993600914123456789010210G1234567890303UMI"
    "51440014ID.CO.QRIS.WWW0215ID10200123456780303UMI520458125303360540525000550202"
    "560410005802ID5911TOKO CONTOH6007JAKARTA61051011062280512INV-2026-0010708KASIR-01"
    "63043EBC"
)
_Z = (
    "00020101021226620014COM.GO-JEK.WWW011993600914123456789010210G1234567890303UMI"
    "51440014ID.CO.QRIS.WWW0215ID10200123456780303UMI520458125303360540420005802ID"
    "5911TOKO CONTOH6007JAKARTA61051011062260510{ref}0708KASIR-016304{crc}"
)
Z1 = _Z.format(ref="PRK-000007", crc="0128")
Z2 = _Z.format(ref="PRK-000097", crc="0076")
Z3 = _Z.format(ref="PRK-000639", crc="0006")
# EMVCo MPM specification sample: country CN, alternate name in Chinese (length 04 = 4
# characters = 12 UTF-8 bytes), tip prompt, unreserved template 91.
EMVCO = (
    "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678"
    "520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京"
    "540523.7253031565502016233030412340603***0708A60086670902ME"
    "91320016A0112233449988770708123456786304A13A"
)

DOC_VECTORS = {"D": D, "D2": D2, "Z1": Z1, "Z2": Z2, "Z3": Z3}


def tlv(*pairs: tuple[str, str]) -> str:
    return "".join(f"{tag}{len(value):02d}{value}" for tag, value in pairs)


def crc(text: str) -> str:
    return f"{binascii.crc_hqx(text.encode('utf-8'), 0xFFFF):04X}"


def seal(body: str) -> str:
    body += "6304"
    return body + crc(body)


GOPAY = tlv(
    ("00", "COM.GO-JEK.WWW"),
    ("01", "9360091412345678901"),
    ("02", "G123456789"),
    ("03", "UMI"),
)
NATIONAL = tlv(("00", "ID.CO.QRIS.WWW"), ("02", "ID1020012345678"), ("03", "UMI"))

BASE: list[tuple[str, str]] = [
    ("00", "01"),
    ("01", "11"),
    ("26", GOPAY),
    ("51", NATIONAL),
    ("52", "5812"),
    ("53", "360"),
    ("58", "ID"),
    ("59", "TOKO CONTOH"),
    ("60", "JAKARTA"),
    ("61", "10110"),
    ("62", tlv(("07", "KASIR-01"))),
]


def variant(
    changes: Mapping[str, str | None] | None = None, base: list[tuple[str, str]] = BASE
) -> str:
    """``base`` with values replaced (``None`` drops the tag); new tags go in tag order."""
    changes = dict(changes or {})
    pairs: list[tuple[str, str]] = []
    for tag, value in base:
        if tag in changes:
            new = changes.pop(tag)
            if new is not None:
                pairs.append((tag, new))
        else:
            pairs.append((tag, value))
    for tag, new in changes.items():
        if new is None:
            continue
        index = next((i for i, (t, _) in enumerate(pairs) if i and t > tag), len(pairs))
        pairs.insert(index, (tag, new))
    return seal(tlv(*pairs))
