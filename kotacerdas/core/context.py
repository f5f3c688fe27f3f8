"""Who is acting and from where, for the duration of one request or job.

Service functions take the actor explicitly; the source IP is ambient because threading
it through every call would clutter every signature for a single audit column."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_source_ip: ContextVar[str | None] = ContextVar("kotacerdas_source_ip", default=None)


def current_source_ip() -> str | None:
    return _source_ip.get()


@contextmanager
def source_ip(ip: str | None) -> Iterator[None]:
    token = _source_ip.set(ip)
    try:
        yield
    finally:
        _source_ip.reset(token)
