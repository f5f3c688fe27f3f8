"""``kotacerdas apikey create --name NAME`` prints a new Open311 API key (shown once,
stored hashed); ``kotacerdas apikey list`` shows the keys; revoke in the admin or with
``kotacerdas apikey revoke --name NAME``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kotacerdas.core.tenancy import default_regency
from kotacerdas.services.models import Open311Key
from kotacerdas.services.services.apikeys import apikey_create, apikey_revoke


class Command(BaseCommand):
    help = "Manage Open311 API keys (one per client application)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("--name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        regency = default_regency()
        action, name = options["action"], options["name"].strip()
        if action == "list":
            for key in Open311Key.objects.filter(regency=regency):
                state = "revoked" if key.revoked_at else "active"
                self.stdout.write(f"{key.prefix}…  {key.name}  {state}")
            return
        if not name:
            raise CommandError("--name is required")
        if action == "create":
            if Open311Key.objects.filter(regency=regency, name=name).exists():
                raise CommandError(f"a key named {name!r} already exists")
            _, raw = apikey_create(regency=regency, name=name, actor=None)
            self.stdout.write(raw)
            return
        found = Open311Key.objects.filter(regency=regency, name=name).first()
        if found is None:
            raise CommandError(f"no key named {name!r}")
        apikey_revoke(key=found, actor=None)
        self.stdout.write(f"revoked {found.prefix}…")
