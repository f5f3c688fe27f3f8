"""Announcements to the apps that own payables. Payments knows nothing of parking: an
owner app registers handlers per ``owner_type`` and hears about outcomes.

    from kotacerdas.payments.events import on_charge_paid
    on_charge_paid("parking.event", handle_paid)   # handle_paid(notice: ChargeNotice)

Notices are durable: the ledger writes an ``OwnerNotice`` row in the transaction that
changed the charge, and ``services.notices`` delivers it after commit and again from
the ``payments.deliver_notices`` job until every handler succeeded. Handlers must
therefore be idempotent; they always receive the charge's current state. Owner apps
also register a reader (``on_owner_read``) so the owner check can find and repair an
owner whose status disagrees with its charge."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

NoticeKind = Literal["paid", "expired", "cancelled", "flagged"]


@dataclass(frozen=True)
class ChargeNotice:
    kind: NoticeKind
    charge_id: int
    regency_id: int
    order_id: str
    owner_type: str
    owner_id: str
    status: str
    amount: int
    paid_amount: int
    paid_at: datetime | None
    flags: tuple[str, ...]  # open flag kinds raised by this change (e.g. "late_payment")


@dataclass(frozen=True)
class OwnerView:
    """What the owner app believes about its payable: compared with the charge."""

    status: str
    paid_amount: int


Handler = Callable[[ChargeNotice], None]
# reader(regency_id, owner_ids) -> {owner_id: OwnerView}; missing ids are not checked.
OwnerReader = Callable[[int, Iterable[str]], Mapping[str, OwnerView]]
_HANDLERS: dict[tuple[NoticeKind, str], list[Handler]] = {}
_READERS: dict[str, OwnerReader] = {}


class HandlerFailed(Exception):
    """At least one owner handler raised; the notice stays due and is retried."""


def _register(kind: NoticeKind, owner_type: str, handler: Handler) -> None:
    handlers = _HANDLERS.setdefault((kind, owner_type), [])
    if handler not in handlers:
        handlers.append(handler)


def on_charge_paid(owner_type: str, handler: Handler) -> None:
    _register("paid", owner_type, handler)


def on_charge_expired(owner_type: str, handler: Handler) -> None:
    _register("expired", owner_type, handler)


def on_charge_cancelled(owner_type: str, handler: Handler) -> None:
    _register("cancelled", owner_type, handler)


def on_charge_flagged(owner_type: str, handler: Handler) -> None:
    _register("flagged", owner_type, handler)


def on_owner_read(owner_type: str, reader: OwnerReader) -> None:
    _READERS[owner_type] = reader


def owner_reader(owner_type: str) -> OwnerReader | None:
    return _READERS.get(owner_type)


def owner_types() -> list[str]:
    return sorted(_READERS)


def clear_handlers() -> None:
    """For tests."""
    _HANDLERS.clear()


def dispatch(notice: ChargeNotice) -> None:
    """Run every handler for the notice; raise ``HandlerFailed`` if any of them raised
    (after giving all of them their turn)."""
    errors: list[str] = []
    for handler in list(_HANDLERS.get((notice.kind, notice.owner_type), [])):
        try:
            handler(notice)
        except Exception as exc:
            errors.append(f"{getattr(handler, '__name__', 'handler')}: {type(exc).__name__}: {exc}")
    if errors:
        raise HandlerFailed("; ".join(errors))
