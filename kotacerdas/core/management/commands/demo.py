"""``kotacerdas demo``: migrate, seed Kotim demo data, print the logins and serve with the
production server (gunicorn) on 127.0.0.1."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connections

from kotacerdas.core.seed import DEMO_PASSWORD_ENV, DEMO_USERS, seed_all
from kotacerdas.core.server import serve


def demo_password(data_dir: Path) -> tuple[str, str]:
    """The demo password and where it came from. A generated one is kept in the data
    folder so a second run prints the same logins."""
    given = os.environ.get(DEMO_PASSWORD_ENV, "")
    if given:
        return given, DEMO_PASSWORD_ENV
    path = data_dir / "demo-password.txt"
    if path.exists():
        return path.read_text().strip(), str(path)
    data_dir.mkdir(parents=True, exist_ok=True)
    password = "kotim-" + secrets.token_urlsafe(9)
    path.write_text(password)
    path.chmod(0o600)
    return password, "generated"


class Command(BaseCommand):
    help = "Set up the demo database with Kotim data and serve the platform on 127.0.0.1."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--no-serve", action="store_true", help="Only migrate and seed, then exit."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for folder in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
            Path(folder).mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        password, source = demo_password(Path(settings.DATA_DIR))
        result = seed_all(password=password)
        # The demo also seeds a second regency, so public pages pick theirs by host
        # (docs/security-scoping.md): Kotim answers on this machine's own names.
        from kotacerdas.core.models import Regency

        Regency.objects.filter(code="6202", hosts="").update(hosts="127.0.0.1 localhost")
        port = options["port"]
        url = f"http://127.0.0.1:{port}/"
        out = self.stdout
        out.write(self.style.SUCCESS(f"Kota Cerdas · {result.regency}"))
        out.write(f"  database: {connections['default'].settings_dict['NAME']}")
        out.write(
            f"  seeded: {result.rows_created} reference rows, users created: "
            f"{', '.join(result.users_created) or 'none (already there)'}"
        )
        out.write(f"  open:   {url}")
        out.write(f"  admin:  {url}admin/   api: {url}api/v1/docs   health: {url}healthz")
        shown = "(from $" + DEMO_PASSWORD_ENV + ")" if source == DEMO_PASSWORD_ENV else password
        out.write(f"  logins (password {shown}):")
        for user in DEMO_USERS:
            out.write(f"    {user.username:<11} {', '.join(str(r) for r in user.roles)}")
        if options["no_serve"]:
            return
        connections.close_all()
        # Gateways (the built-in simulator here) call back at this address.
        if not os.environ.get("KOTACERDAS_PUBLIC_URL"):
            os.environ["KOTACERDAS_PUBLIC_URL"] = f"http://127.0.0.1:{port}"
            settings.KOTACERDAS_PUBLIC_URL = os.environ["KOTACERDAS_PUBLIC_URL"]
        # Periodic jobs (expiry, reconciliation, retries) run in their own process, as
        # they would beside the web workers in production.
        jobs = subprocess.Popen(
            [sys.executable, "-m", "kotacerdas", "jobs", "loop", "--interval", "15"],
            env={**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]},
        )
        try:
            serve(host="127.0.0.1", port=port, workers=options["workers"])
        finally:
            jobs.terminate()
            jobs.wait(timeout=10)
