"""Read-only view of a decoded payload, and :func:`parse`.

Values are kept exactly as found (raw strings plus offsets) so that conversion can
re-emit untouched data objects byte for byte; typed accessors are derived on demand.
``parse`` rejects only what cannot be read as TLV — rule violations are the job of
:func:`kotacerdas.qris.validate`, so a caller can still inspect a payload that breaks
rules (e.g. to show which one).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from .errors import QRISError
from .spec import (
    POI_DYNAMIC,
    POI_STATIC,
    QRIS_GUID,
    TEMPLATE_TAGS,
    is_amount,
    is_percentage,
)
from .tlv import HEADS, IDS, fault_at, scan

ACCOUNT_RANGE = frozenset(f"{n:02d}" for n in range(26, 52))


class Field(NamedTuple):
    """One data object: ``offset`` is where its tag ID starts in the payload.

    A NamedTuple rather than a frozen dataclass: same immutability, but several times
    cheaper to create, and parse creates one per data object.
    """

    tag: str
    value: str
    offset: int
    children: tuple[Field, ...] | None = None

    def child(self, tag: str) -> Field | None:
        for node in self.children or ():
            if node.tag == tag:
                return node
        return None

    def to_json(self) -> str | dict[str, Any]:
        if self.children is None:
            return self.value
        out: dict[str, Any] = {}
        for node in self.children:
            out.setdefault(node.tag, node.to_json())
        return out


@dataclass(frozen=True, slots=True)
class MerchantAccount:
    """A merchant account template (26-51): input of ``build`` and output of ``parse``.

    For ``build``, ``criteria=None`` means "use the criteria passed to build".
    """

    tag: str
    guid: str
    pan: str | None = None
    merchant_id: str | None = None
    criteria: str | None = None

    @property
    def nns(self) -> str | None:
        """National Numbering System prefix (acquirer id) = first 8 PAN digits."""
        if self.pan is None or len(self.pan) < 8 or not self.pan[:8].isdigit():
            return None
        return self.pan[:8]

    def to_dict(self) -> dict[str, str | None]:
        return {
            "tag": self.tag,
            "guid": self.guid,
            "pan": self.pan,
            "merchant_id": self.merchant_id,
            "criteria": self.criteria,
            "nns": self.nns,
        }


_new = tuple.__new__


def _decode(text: str, base: int) -> tuple[Field, ...]:
    """Scan straight into ``Field`` objects (parse creates one per data object)."""
    fields = []
    heads = HEADS
    new = _new  # skips NamedTuple's keyword-handling constructor
    i = 0
    n = len(text)
    while i < n:
        head = heads.get(text[i : i + 4])
        if head is None or i + 4 + head[1] > n:
            code, offset, message = fault_at(text, i, base)
            raise QRISError(message, code=code, offset=offset)
        end = i + 4 + head[1]
        fields.append(new(Field, (head[0], text[i + 4 : end], base + i, None)))
        i = end
    return tuple(fields)


def _values(fields: tuple[Field, ...]) -> dict[str, str]:
    """Tag → value in payload order; on duplicates the first occurrence wins."""
    out: dict[str, str] = {}
    for node in fields:
        out.setdefault(node.tag, node.value)
    return out


def _first(fields: tuple[Field, ...], tag: str) -> Field | None:
    for node in fields:
        if node.tag == tag:
            return node
    return None


@dataclass(frozen=True, slots=True, eq=True)
class QRIS:
    """A decoded payload. Duplicate tags are kept; accessors return the first one."""

    payload: str
    fields: tuple[Field, ...]

    def field(self, path: str) -> Field | None:
        """The data object at ``path`` (``"62.05"``), decoding nested templates lazily."""
        parts = path.split(".")
        if not path or any(part not in IDS for part in parts):
            raise ValueError(f"path must be 2-digit tags joined by '.', got {path!r}")
        level = self.fields
        node: Field | None = None
        for index, part in enumerate(parts):
            node = _first(level, part)
            if node is None:
                return None
            if index + 1 < len(parts):
                if node.children is not None:
                    level = node.children
                else:
                    nodes, fault = scan(node.value, node.offset + 4)
                    if fault is not None:
                        return None
                    level = tuple(Field(t, v, o) for t, v, o in nodes)
        return node

    def get(self, path: str) -> str | None:
        """Raw value at ``path`` or ``None`` when absent."""
        node = self.field(path)
        return None if node is None else node.value

    @property
    def payload_format(self) -> str | None:
        return self.get("00")

    @property
    def point_of_initiation(self) -> Literal["static", "dynamic"] | None:
        value = self.get("01")
        if value == POI_STATIC:
            return "static"
        if value == POI_DYNAMIC:
            return "dynamic"
        return None

    @property
    def merchant_accounts(self) -> list[MerchantAccount]:
        """Templates 26-51 in payload order (51, the national repository, included)."""
        accounts = []
        for node in self.fields:
            if node.tag in ACCOUNT_RANGE and node.children is not None:
                subs = _values(node.children)
                accounts.append(
                    MerchantAccount(
                        tag=node.tag,
                        guid=subs.get("00", ""),
                        pan=subs.get("01"),
                        merchant_id=subs.get("02"),
                        criteria=subs.get("03"),
                    )
                )
        return accounts

    @property
    def national(self) -> MerchantAccount | None:
        for account in self.merchant_accounts:
            if account.tag == "51":
                return account
        return None

    @property
    def nmid(self) -> str | None:
        """NMID from template 51, when 51 is the QRIS national repository."""
        if self.get("51.00") != QRIS_GUID:
            return None
        return self.get("51.02")

    @property
    def mcc(self) -> str | None:
        return self.get("52")

    @property
    def currency(self) -> str | None:
        return self.get("53")

    @property
    def amount(self) -> Decimal | None:
        """Tag 54 as Decimal; ``None`` when absent *or malformed* (e.g. ``1.000``).

        Returning a number for a malformed amount would invite paying Rp1 for Rp1000;
        the raw text stays available through ``get("54")``.
        """
        value = self.get("54")
        return Decimal(value) if value is not None and is_amount(value) else None

    @property
    def tip_indicator(self) -> str | None:
        return self.get("55")

    @property
    def convenience_fee(self) -> Decimal | None:
        value = self.get("56")
        return Decimal(value) if value is not None and is_amount(value) else None

    @property
    def convenience_percentage(self) -> Decimal | None:
        value = self.get("57")
        return Decimal(value) if value is not None and is_percentage(value) else None

    @property
    def country(self) -> str | None:
        return self.get("58")

    @property
    def merchant_name(self) -> str | None:
        return self.get("59")

    @property
    def merchant_city(self) -> str | None:
        return self.get("60")

    @property
    def postal_code(self) -> str | None:
        return self.get("61")

    @property
    def additional_data(self) -> dict[str, str]:
        node = _first(self.fields, "62")
        if node is None or node.children is None:
            return {}
        return _values(node.children)

    @property
    def bill_number(self) -> str | None:
        return self.get("62.01")

    @property
    def reference_label(self) -> str | None:
        return self.get("62.05")

    @property
    def terminal_label(self) -> str | None:
        return self.get("62.07")

    @property
    def crc(self) -> str | None:
        """The stored CRC, verbatim (not recomputed: use ``validate`` to check it)."""
        return self.get("63")

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount
        fee = self.convenience_fee
        percentage = self.convenience_percentage
        return {
            "payload_format": self.payload_format,
            "point_of_initiation": self.point_of_initiation,
            "merchant_accounts": [account.to_dict() for account in self.merchant_accounts],
            "nmid": self.nmid,
            "mcc": self.mcc,
            "currency": self.currency,
            "amount": None if amount is None else str(amount),
            "tip_indicator": self.tip_indicator,
            "convenience_fee": None if fee is None else str(fee),
            "convenience_percentage": None if percentage is None else str(percentage),
            "country": self.country,
            "merchant_name": self.merchant_name,
            "merchant_city": self.merchant_city,
            "postal_code": self.postal_code,
            "additional_data": self.additional_data,
            "crc": self.crc,
            "fields": Field("", "", 0, self.fields).to_json(),
        }


def parse(payload: str) -> QRIS:
    """Decode ``payload``; raises :class:`QRISError` only when it is not readable TLV.

    Templates 26-51, 62, 64 and 80-99 must themselves be TLV; sub-templates of 62
    (50-99) are decoded lazily by ``get`` because gateways put plain ids there.
    """
    if not isinstance(payload, str):
        raise QRISError(f"payload must be str, got {type(payload).__name__}", code="payload.type")
    if not payload:
        raise QRISError("the payload is empty", code="payload.empty", offset=0)
    fields = [
        _new(Field, (tag, value, offset, _decode(value, offset + 4)))
        if tag in TEMPLATE_TAGS
        else node
        for node in _decode(payload, 0)
        for tag, value, offset, _ in (node,)
    ]
    return QRIS(payload, tuple(fields))


__all__ = ["QRIS", "Field", "MerchantAccount", "parse"]
