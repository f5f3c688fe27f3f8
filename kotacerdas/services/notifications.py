"""Messages to the reporter when the public status of their request changes.

Email goes through Django's mail backend. SMS and WhatsApp go through a ``MessageSender``
chosen by ``KOTACERDAS_SERVICES_MESSAGE_BACKEND`` (dotted path; the default console
backend prints a masked number and keeps an in-memory outbox for the demo and tests; a
real SMS-gateway or WhatsApp Business adapter implements the same one-method protocol).
Everything here runs after the transaction commits (``transaction.on_commit``)."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

log = logging.getLogger("kotacerdas.services.notify")


@dataclass(frozen=True)
class Message:
    to: str
    text: str
    channel: str  # "sms" or "whatsapp"


class MessageSender(Protocol):
    def send(self, message: Message) -> None: ...


def mask_phone(number: str) -> str:
    digits = number.strip()
    return digits[:4] + "*" * max(len(digits) - 6, 0) + digits[-2:] if len(digits) > 6 else "***"


class ConsoleSender:
    """Demo backend: prints the message with a masked number (no personal data in
    logs) and keeps it in ``outbox``."""

    outbox: list[Message] = []

    def send(self, message: Message) -> None:
        ConsoleSender.outbox.append(message)
        sys.stdout.write(f"[{message.channel}] {mask_phone(message.to)}: {message.text}\n")


def message_sender() -> MessageSender:
    path = getattr(
        settings,
        "KOTACERDAS_SERVICES_MESSAGE_BACKEND",
        "kotacerdas.services.notifications.ConsoleSender",
    )
    sender: MessageSender = import_string(path)()
    return sender


@dataclass(frozen=True)
class StatusNotice:
    tracking_number: str
    status_label: str
    note: str
    link: str
    email: str
    phone: str
    channel: str  # "sms" or "whatsapp" for the phone


def _text(notice: StatusNotice) -> str:
    text = f"Laporan {notice.tracking_number}: {notice.status_label}."
    if notice.note:
        text += f" {notice.note[:300]}"
    return f"{text} Lihat: {notice.link}"


def notify_reporter(notice: StatusNotice) -> None:
    """Sends by email and/or SMS/WhatsApp. Failures are logged without personal data and
    never undo the status change that already committed."""
    text = _text(notice)
    if notice.email:
        try:
            send_mail(
                subject=f"[Kota Cerdas] Laporan {notice.tracking_number}: {notice.status_label}",
                message=text,
                from_email=None,
                recipient_list=[notice.email],
            )
        except Exception:  # a mail outage must not break the request
            log.exception("email notice for %s failed", notice.tracking_number)
    if notice.phone:
        try:
            message_sender().send(Message(to=notice.phone, text=text, channel=notice.channel))
        except Exception:
            log.exception("message notice for %s failed", notice.tracking_number)
