"""Announcements to the apps that own payables. Payments knows nothing of parking: an
owner app registers handlers per ``owner_type`` and hears about outcomes after commit.

    from kotacerdas.payments.events import on_charge_paid
    on_charge_paid("parking.event", handle_paid)   # handle_paid(notice: ChargeNotice)

Handlers run in ``transaction.on_commit`` of the transaction that changed the charge, so
they never see a rolled-back payment; a handler's exception is logged and does not
undo the payment (the owner reconciles through ``selectors.charge_for_owner``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.db import transaction

log = logging.getLogger("kotacerdas.payments.events")

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


Handler = Callable[[ChargeNotice], None]
_HANDLERS: dict[tuple[NoticeKind, str], list[Handler]] = {}


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


def clear_handlers() -> None:
    """For tests."""
    _HANDLERS.clear()


def _dispatch(notice: ChargeNotice) -> None:
    for handler in list(_HANDLERS.get((notice.kind, notice.owner_type), [])):
        try:
            handler(notice)
        except Exception:
            log.exception("payment %s handler failed for %s", notice.kind, notice.order_id)


def announce(notice: ChargeNotice) -> None:
    """Queue a notice for after the current transaction commits (at once if none)."""
    transaction.on_commit(lambda: _dispatch(notice))
