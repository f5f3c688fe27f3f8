"""``kotacerdas whatsapp_simulate --phone 0812… TEXT`` (or ``--lokasi LAT,LON`` or
``--foto LINK_OR_ID``) sends one WhatsApp message as the provider would: a Cloud-API
body signed with ``KOTACERDAS_WHATSAPP_SECRET``. With ``--url`` it is posted over HTTP
to a running server's webhook; without, it goes through the same handling in this
process. Replies print through the message backend (console in the demo)."""

from __future__ import annotations

import secrets
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kotacerdas.accounts.phone import PhoneInvalid, phone_normalise
from kotacerdas.core.tenancy import default_regency
from kotacerdas.services.services.whatsapp_intake import whatsapp_message_handle
from kotacerdas.services.whatsapp import (
    SIGNATURE_HEADER,
    messages_parse,
    payload_build,
    sign,
)


class Command(BaseCommand):
    help = "Send one simulated WhatsApp message to the intake (demo and tests)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", nargs="?", default="")
        parser.add_argument("--phone", required=True)
        parser.add_argument("--lokasi", default="", help="LAT,LON")
        parser.add_argument("--foto", default="", help="https link or media id")
        parser.add_argument("--nama", default="")
        parser.add_argument("--url", default="", help="e.g. http://127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            sender = phone_normalise(options["phone"]).lstrip("+")
        except PhoneInvalid as exc:
            raise CommandError(str(exc)) from exc
        location = None
        if options["lokasi"]:
            try:
                lat, lon = (float(v) for v in options["lokasi"].split(",", 1))
            except ValueError as exc:
                raise CommandError("--lokasi must be LAT,LON") from exc
            location = (lat, lon)
        body = payload_build(
            sender=sender,
            message_id=f"wamid.sim.{secrets.token_hex(8)}",
            text=options["text"],
            location=location,
            image=options["foto"] or None,
            name=options["nama"],
        )
        if not options["url"]:
            for message in messages_parse(body):
                whatsapp_message_handle(regency=default_regency(), message=message, raw_body=body)
            return
        secret = str(getattr(settings, "KOTACERDAS_WHATSAPP_SECRET", ""))
        if not secret:
            raise CommandError("KOTACERDAS_WHATSAPP_SECRET is not set")
        if not options["url"].startswith(("http://", "https://")):
            raise CommandError("--url must start with http:// or https://")
        call = urllib.request.Request(  # noqa: S310 - scheme checked above
            options["url"].rstrip("/") + "/integrasi/whatsapp/masuk",
            data=body,
            headers={"Content-Type": "application/json", SIGNATURE_HEADER: sign(secret, body)},
            method="POST",
        )
        try:
            with urllib.request.urlopen(call, timeout=10) as answer:  # noqa: S310 - scheme checked above
                self.stdout.write(answer.read().decode())
        except urllib.error.HTTPError as exc:
            raise CommandError(f"{exc.code}: {exc.read().decode()[:300]}") from exc
