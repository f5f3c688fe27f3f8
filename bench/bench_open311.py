"""Benchmark ``GET /open311/v2/requests.json`` with a date filter over 100,000 stored
requests.

Run: .venv/bin/python bench/bench_open311.py [--rows 100000] [--runs 200]

SQLite in a temporary folder by default; DATABASE_URL is honoured (e.g. PostgreSQL).
Rows are written with bulk_create, spread evenly over 365 days; each run asks for a
random 7-day window (≈ 1,900 matches, first page of 1,000 returned as the spec's default
cap) and, separately, a 30-day window with ``page_size=50``. Figures are wall-clock
milliseconds through the Django test client (routing, query, serialisation)."""

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="kc-bench-open311-")
    os.environ.setdefault("KOTACERDAS_DATA_DIR", data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings.test")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", interactive=False, verbosity=0)

    from kotacerdas.core.seed import seed_regency
    from kotacerdas.services.models import Channel, Service, ServiceRequest, Status
    from kotacerdas.services.seed import seed_catalogue

    regency, _ = seed_regency()
    seed_catalogue(regency)
    ServiceRequest.objects.filter(regency=regency).delete()
    services = list(Service.objects.filter(regency=regency))
    statuses = list(Status)
    now = datetime(2026, 11, 28, tzinfo=UTC)
    rng = random.Random(6202)
    started = time.perf_counter()
    batch: list[ServiceRequest] = []
    for i in range(args.rows):
        moment = now - timedelta(seconds=int(365 * 86400 * i / args.rows))
        service = rng.choice(services)
        batch.append(
            ServiceRequest(
                regency=regency,
                tracking_number=f"KTM-{moment:%y%m}-{i:06X}",
                reporter_token=secrets.token_hex(16),
                submit_token=secrets.token_hex(16),
                service=service,
                opd_id=service.opd_id,
                status=rng.choice(statuses),
                channel=Channel.WEB,
                description="Laporan uji beban " + str(i),
                address="Jl. Kembali, Sampit",
                lat=-2.53 + rng.random() / 100,
                lon=112.95 + rng.random() / 100,
                is_private=rng.random() < 0.05,
                requested_at=moment,
                updated_at=moment,
                due_at=moment + timedelta(days=5),
            )
        )
        if len(batch) == 5000:
            ServiceRequest.objects.bulk_create(batch)
            batch = []
    ServiceRequest.objects.bulk_create(batch)
    load_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE services_servicerequest")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    client = Client()

    def measure(days: int, extra: dict[str, str]) -> tuple[float, float, int]:
        times = []
        sizes = 0
        for _ in range(args.runs):
            start = now - timedelta(days=rng.randint(days, 360))
            params = {
                "start_date": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "end_date": (start + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                **extra,
            }
            t0 = time.perf_counter()
            response = client.get("/open311/v2/requests.json", params)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.content[:200]
            sizes += len(response.content)
        times.sort()
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        return statistics.median(times), p99, sizes // args.runs

    client.get("/open311/v2/requests.json")  # warm-up
    full = measure(7, {})
    paged = measure(30, {"page_size": "50"})
    print(f"date: {datetime.now(UTC):%Y-%m-%d}  python: {platform.python_version()}")
    print(f"database: {connection.vendor}  rows: {args.rows}  load: {load_s:.1f} s")
    print(f"nproc: {os.cpu_count()}  cpu: {_cpu()}")
    for label, (p50, p99, size) in (
        ("7-day window, 1000 rows/page", full),
        ("30-day window, page_size=50 ", paged),
    ):
        print(f"{label}: p50 {p50:.1f} ms  p99 {p99:.1f} ms  {size} bytes")
    with connection.cursor() as cursor:
        sql = (
            "SELECT id FROM services_servicerequest WHERE regency_id = %s AND requested_at >= %s "
            "AND requested_at <= %s ORDER BY requested_at DESC LIMIT 50"
        )
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(prefix + sql, [regency.pk, now - timedelta(days=30), now])
        print("plan:", " | ".join(str(row[-1]) for row in cursor.fetchall()))


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


if __name__ == "__main__":
    main()
