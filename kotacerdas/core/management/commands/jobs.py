"""``kotacerdas jobs run-once|loop|list``. The loop survives anything a round throws
(a database restart, a terminated connection): it logs, backs off and carries on;
only a signal stops it. Run it under a supervisor that restarts it (systemd
``Restart=always``) for the rare case the process itself dies."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from kotacerdas.core.jobs import registered_jobs, run_due


class Command(BaseCommand):
    help = "Run periodic jobs: run-once (every due job once), loop (keep running), list."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["run-once", "loop", "list"])
        parser.add_argument("--job", action="append", help="only this job (repeatable)")
        parser.add_argument("--force", action="store_true", help="run even if not due yet")
        parser.add_argument(
            "--interval", type=float, default=15.0, help="loop: seconds between rounds"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = registered_jobs()
        only = options["job"]
        for name in only or []:
            if name not in jobs:
                raise CommandError(f"unknown job {name!r}; known: {', '.join(sorted(jobs))}")
        if options["action"] == "list":
            for job in jobs.values():
                self.stdout.write(f"{job.name:<32} every {int(job.every.total_seconds())} s")
            return
        once = options["action"] == "run-once"
        failures = 0
        while True:
            try:
                outcomes = run_due(force=options["force"], only=only)
            except Exception:
                if once:
                    raise
                failures += 1
                logging.getLogger("kotacerdas.jobs").exception("job round failed")
                close_old_connections()
                time.sleep(min(options["interval"] * failures, 300))
                continue
            failures = 0
            for outcome in outcomes:
                # The loop reports failures; routine results only with -v 2.
                if (
                    once
                    or outcome.status == "failed"
                    or (outcome.status == "ok" and options["verbosity"] > 1)
                ):
                    self.stdout.write(f"{outcome.name}: {outcome.status} {outcome.result}".rstrip())
            if options["action"] == "run-once":
                return
            time.sleep(options["interval"])
