"""Liberal input parsing for Open311: dates with ``Z``, offsets or none (WIB), comma
lists, several paging styles and ``attribute[CODE]`` / ``attribute[CODE][]``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.http import QueryDict

from kotacerdas.core.inputs import DATE_MAX, DATE_MIN
from kotacerdas.core.timeutil import WIB

DEFAULT_LIMIT = 1000
MAX_PAGE_SIZE = 1000


class BadInput(ValueError):
    """A parameter the client must fix (HTTP 400)."""


def parse_datetime(value: str, name: str) -> datetime:
    text = value.strip().replace(" ", "T", 1) if "T" not in value else value.strip()
    if text.endswith(("z", "Z")):
        text = text[:-1] + "+00:00"
    try:
        if len(text) == 10:
            moment = datetime.combine(date.fromisoformat(text), time.min, tzinfo=WIB)
        else:
            moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise BadInput(f"{name} is not a W3C datetime (e.g. 2026-11-01T00:00:00Z)") from exc
    if not DATE_MIN <= moment.date() <= DATE_MAX:
        raise BadInput(f"{name} is outside {DATE_MIN.year}–{DATE_MAX.year}")
    return moment if moment.tzinfo else moment.replace(tzinfo=WIB)


def comma_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _positive(value: str, name: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise BadInput(f"{name} must be a positive integer") from exc
    if number < 0:
        raise BadInput(f"{name} must be a positive integer")
    return number


@dataclass(frozen=True)
class Window:
    offset: int
    limit: int


def paging(params: QueryDict) -> Window:
    """``page``/``page_size`` (1-based), ``limit``/``offset`` or ``max_requests``; the
    page size is capped at 1000 (the spec's default cap)."""
    size = DEFAULT_LIMIT
    for name in ("page_size", "limit", "max_requests"):
        if params.get(name):
            size = _positive(params.get(name, ""), name)
            break
    if size == 0:
        raise BadInput("page_size must be at least 1")
    size = min(size, MAX_PAGE_SIZE)
    if params.get("page"):
        page = _positive(params.get("page", ""), "page")
        if page < 1:
            raise BadInput("page starts at 1")
        return _window((page - 1) * size, size)
    offset = _positive(params.get("offset", ""), "offset") if params.get("offset") else 0
    return _window(offset, size)


MAX_OFFSET = 10_000_000


def _window(offset: int, size: int) -> Window:
    # A database refuses an offset beyond its integer range with a server error; answer
    # the client with a 400 instead.
    if offset > MAX_OFFSET:
        raise BadInput(f"page/offset too large (offset at most {MAX_OFFSET})")
    return Window(offset=offset, limit=size)


_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")


def attributes(data: QueryDict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key in data:
        match = _ATTRIBUTE.match(key)
        if match:
            found.setdefault(match.group(1), []).extend(data.getlist(key))
    return found


def names(data: QueryDict) -> str:
    """One name from ``first_name``/``last_name`` (either may be absent: many
    Indonesians have one name) or a single ``name`` field."""
    parts = [data.get("first_name", "").strip(), data.get("last_name", "").strip()]
    joined = " ".join(p for p in parts if p)
    return joined or data.get("name", "").strip()
