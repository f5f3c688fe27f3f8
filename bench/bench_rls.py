"""Cost of PostgreSQL row-level security on a hot path: the staff queue read
(``services.selectors.queue_for``: one OPD's open requests by deadline, 200 rows) over
requests of two regencies, with and without the ``kc_regency`` policy.

Run (PostgreSQL only):
  DATABASE_URL=postgres://postgres@/kc_bench?host=/var/run/postgresql \\
      .venv/bin/python bench/bench_rls.py [--rows 60000] [--runs 300]

Without RLS the query runs as the connecting superuser (never bound by policies). With
RLS the session switches to an ordinary role (``SET ROLE``) and acts for one regency
through ``kotacerdas.core.rls.acting_for``, as a request does; the figure includes the
two ``set_config`` calls a request pays. Wall-clock milliseconds through the ORM."""

from __future__ import annotations

import argparse
import os
import platform
import random
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROLE = "kc_rls_bench"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench_rls needs DATABASE_URL pointing at PostgreSQL")
    os.environ.setdefault("KOTACERDAS_DATA_DIR", tempfile.mkdtemp(prefix="kc-bench-rls-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    call_command("migrate", interactive=False, verbosity=0)

    from kotacerdas.core.models import OPD, Regency
    from kotacerdas.core.rls import acting_for, apply_policies
    from kotacerdas.core.seed import seed_regency
    from kotacerdas.services.models import Channel, Service, ServiceRequest, Status
    from kotacerdas.services.seed import seed_catalogue

    kotim, _ = seed_regency()
    other, _ = Regency.objects.get_or_create(
        code="6371",
        defaults={
            "name": "Kota Banjarmasin",
            "capital": "Banjarmasin",
            "jurisdiction_id": "banjarmasinkota.go.id",
            "timezone": "Asia/Makassar",
            "centre_lat": -3.3,
            "centre_lon": 114.6,
        },
    )
    for opd in OPD.objects.filter(regency=kotim, kecamatan__isnull=True):
        OPD.objects.get_or_create(
            regency=other,
            code=opd.code,
            defaults={"name": opd.name, "short_name": opd.short_name, "kind": opd.kind},
        )
    seed_catalogue(kotim)
    seed_catalogue(other)
    ServiceRequest.objects.all().delete()
    rng = random.Random(6202)
    now = datetime(2026, 11, 28, tzinfo=UTC)
    started = time.perf_counter()
    for regency in (kotim, other):
        services = list(Service.objects.filter(regency=regency))
        batch = []
        for i in range(args.rows // 2):
            moment = now - timedelta(minutes=i)
            service = rng.choice(services)
            batch.append(
                ServiceRequest(
                    regency=regency,
                    tracking_number=f"B{regency.code}-{i:07d}",
                    reporter_token=secrets.token_hex(16),
                    submit_token=secrets.token_hex(16),
                    service=service,
                    opd_id=service.opd_id,
                    status=rng.choice(list(Status)),
                    channel=Channel.WEB,
                    requested_at=moment,
                    updated_at=moment,
                    due_at=moment + timedelta(days=5),
                )
            )
        ServiceRequest.objects.bulk_create(batch, batch_size=5000)
    load_s = time.perf_counter() - started
    apply_policies()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE services_servicerequest")
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [ROLE])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE ROLE {ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS")
        cursor.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {ROLE}")
    dishub = OPD.objects.get(regency=kotim, code="dishub")
    open_statuses = [s for s in Status if s not in {Status.SELESAI, Status.DITUTUP, Status.DITOLAK}]

    def queue() -> int:
        rows = (
            ServiceRequest.objects.filter(
                regency_id=kotim.pk, opd_id=dishub.pk, status__in=open_statuses
            )
            .select_related("service", "opd")
            .order_by("due_at", "requested_at", "id")[:200]
        )
        return len(list(rows))

    def measure(with_rls: bool) -> tuple[float, float, int]:
        times = []
        found = 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            if with_rls:
                with acting_for(kotim.pk):
                    found = queue()
            else:
                found = queue()
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        return statistics.median(times), times[int(len(times) * 0.99) - 1], found

    queue()  # warm-up
    plain = measure(False)
    with override_settings(KOTACERDAS_RLS=True):
        with connection.cursor() as cursor:
            cursor.execute(f"SET ROLE {ROLE}")
        secured = measure(True)
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")
    print(f"date: {datetime.now(UTC):%Y-%m-%d}  python: {platform.python_version()}")
    print(f"database: {connection.vendor} {connection.pg_version}  rows: {args.rows}")
    print(f"load: {load_s:.1f} s  nproc: {os.cpu_count()}  runs: {args.runs}")
    print(f"queue without RLS: p50 {plain[0]:.2f} ms  p99 {plain[1]:.2f} ms  rows {plain[2]}")
    print(f"queue with RLS:    p50 {secured[0]:.2f} ms  p99 {secured[1]:.2f} ms  rows {secured[2]}")


if __name__ == "__main__":
    main()
