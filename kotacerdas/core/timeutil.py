"""Local time of a regency. Indonesia has three zones without daylight saving: WIB
(UTC+7, Sumatra, Java, West and Central Kalimantan), WITA (UTC+8, South, East and North
Kalimantan, Sulawesi, Bali, Nusa Tenggara) and WIT (UTC+9, Maluku, Papua). Each
regency names its zone (``Regency.timezone``); business dates, SLA clocks and receipts
use it. Outside a regency's context (the gateway's own clock, for example) WIB stays."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

WIB = ZoneInfo("Asia/Jakarta")

# IANA zones used in Indonesia and the abbreviation people read on screen.
ZONE_LABELS: dict[str, str] = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_of(regency: Any) -> ZoneInfo:
    """The regency's zone; WIB for a regency without one (or ``None``)."""
    name = getattr(regency, "timezone", "") or "Asia/Jakarta"
    return ZoneInfo(name)


def local_date(regency: Any, moment: datetime | None = None) -> date:
    """The business date at ``moment`` (now by default) in the regency's zone."""
    return (moment or timezone.now()).astimezone(zone_of(regency)).date()


def zone_label(zone: Any) -> str:
    key = getattr(zone, "key", str(zone))
    return ZONE_LABELS.get(key, key)


def to_wib(moment: datetime) -> datetime:
    return moment.astimezone(WIB)


def format_local(moment: datetime, regency: Any = None, fmt: str = "%d-%m-%Y %H:%M") -> str:
    """``moment`` in the regency's zone (or the zone active for this request, which the
    regency middleware sets) with its label: ``01-06-2026 14:05 WITA``."""
    zone = zone_of(regency) if regency is not None else timezone.get_current_timezone()
    return moment.astimezone(zone).strftime(fmt) + " " + zone_label(zone)


def format_wib(moment: datetime, fmt: str = "%d-%m-%Y %H:%M") -> str:
    """Kept for callers that show a time in the zone of the current request."""
    return format_local(moment, None, fmt)
