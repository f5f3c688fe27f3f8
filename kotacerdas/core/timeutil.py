"""Time in WIB (Asia/Jakarta, UTC+7, no daylight saving)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")


def to_wib(moment: datetime) -> datetime:
    return moment.astimezone(WIB)


def format_wib(moment: datetime, fmt: str = "%d-%m-%Y %H:%M") -> str:
    return to_wib(moment).strftime(fmt) + " WIB"
