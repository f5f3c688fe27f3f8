"""Benchmark the smart-city dashboard, the KPI JSON and the daily KPI job with
1,000,000 parking events and 100,000 service requests in the database, against the
same requests with empty operational tables.

Run: DATABASE_URL=postgres://postgres@/kc_programme?host=/var/run/postgresql \\
     .venv/bin/python bench/bench_programme.py [--events 1000000] [--requests 100000] \\
     [--runs 100] [--profile]

PostgreSQL loads the rows with one INSERT … SELECT generate_series per table; other
databases fall back to bulk_create (slow at full size, use smaller --events). Both
phases hold the same stored KPI history (one year-to-date value per KPI per day for
the year so far), because pages read stored values only. Figures are wall-clock
milliseconds through the Django test client (routing, queries, template or JSON);
the history is written directly, so the dashboard snapshot is rebuilt afterwards as
the daily job would. ``--profile`` prints a cProfile of the dashboard at the end."""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

AS_OF = date(2026, 11, 28)


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of /smartcity/ at the end"
    )
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="kc-bench-programme-")
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
    from kotacerdas.core.services.users import user_create
    from kotacerdas.parking.models import Attendant, ParkingEvent, Spot, Tariff, VehicleClass
    from kotacerdas.parking.seed import _registry, _tariffs
    from kotacerdas.parking.services.attendants import assignment_create, attendant_create
    from kotacerdas.programme.models import KpiDefinition, KpiValue
    from kotacerdas.programme.seed import seed_catalogue_kpis, seed_profile
    from kotacerdas.programme.services.kpi import kpi_store_automatic
    from kotacerdas.programme.services.snapshot import dashboard_snapshot_refresh
    from kotacerdas.programme.services.taxonomy import taxonomy_seed
    from kotacerdas.services.models import Service, ServiceRequest
    from kotacerdas.services.seed import seed_catalogue

    regency, _ = seed_regency()
    taxonomy_seed()
    seed_profile(regency)
    seed_catalogue_kpis(regency)
    seed_catalogue(regency)
    _tariffs(regency)
    _registry(regency)
    ParkingEvent.objects.filter(regency=regency).delete()
    ServiceRequest.objects.filter(regency=regency).delete()
    KpiValue.objects.filter(regency=regency).delete()
    spot = Spot.objects.filter(regency=regency).first()
    attendant = Attendant.objects.filter(regency=regency, code="JKR-BENCH").first()
    if attendant is None:
        user = user_create(
            regency=regency, username="jukir-bench", password=secrets.token_urlsafe(16), actor=None
        )
        attendant = attendant_create(
            regency=regency, user=user, code="JKR-BENCH", name="Jukir Bench", actor=None
        )
        assignment_create(attendant=attendant, spot=spot, start_date=date(2026, 1, 1), actor=None)
    tariff = (
        Tariff.objects.filter(
            regency=regency, vehicle_class=VehicleClass.MOTORCYCLE, is_event=False
        )
        .order_by("-effective_from")
        .first()
    )
    service = Service.objects.filter(regency=regency).first()
    assert spot is not None and service is not None and tariff is not None

    # The same stored history in both phases: one year-to-date value per automatic KPI
    # per day so far this year (written directly; the real job runs after the load).
    t0 = time.perf_counter()
    history = []
    for definition in KpiDefinition.objects.filter(regency=regency, method="automatic"):
        for n in range((AS_OF - date(2026, 1, 1)).days):
            day = date(2026, 1, 1) + timedelta(days=n)
            history.append(
                KpiValue(
                    regency=regency,
                    definition=definition,
                    period_start=date(2026, 1, 1),
                    period_end=day,
                    value=Decimal(20 + n % 40),
                    formula="riwayat uji beban",
                    method="automatic",
                    status="approved",
                    computed_at=datetime.now(UTC),
                )
            )
    KpiValue.objects.bulk_create(history, batch_size=2000)
    # Written around the services, so rebuild the dashboard snapshot as the daily job does.
    dashboard_snapshot_refresh(regency=regency)
    history_s = time.perf_counter() - t0
    stored = KpiValue.objects.filter(regency=regency).count()

    client = Client()

    def measure(path: str) -> tuple[float, float, int]:
        client.get(path)  # warm-up
        times = []
        size = 0
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.content[:300]
            size = len(response.content)
        times.sort()
        return statistics.median(times), times[int(len(times) * 0.99) - 1], size

    paths = ["/smartcity/", "/api/v1/smartcity/kpis", "/data/indikator/parkir-nontunai-jumlah.json"]
    empty = {p: measure(p) for p in paths}

    t0 = time.perf_counter()
    if connection.vendor == "postgresql":
        _load_postgres(connection, regency.pk, attendant.pk, spot.pk, tariff.pk, service, args)
    else:
        _load_orm(regency, attendant, spot, tariff, service, args)
    load_s = time.perf_counter() - t0

    # The daily job over the loaded data: every automatic KPI, year to date, and the
    # rebuild of the dashboard snapshot.
    KpiValue.objects.filter(regency=regency, period_end=AS_OF).delete()
    t0 = time.perf_counter()
    fresh = kpi_store_automatic(regency=regency, as_of=AS_OF)
    job_s = time.perf_counter() - t0
    loaded = {p: measure(p) for p in paths}

    print(f"date: {datetime.now(UTC):%Y-%m-%d}  python: {platform.python_version()}")
    print(f"database: {connection.vendor}  nproc: {os.cpu_count()}  cpu: {_cpu()}")
    print(
        f"parking events: {ParkingEvent.objects.count():,}  service requests: "
        f"{ServiceRequest.objects.count():,}  load: {load_s:.1f} s"
    )
    print(f"stored KPI values: {stored:,} (history written in {history_s:.1f} s)")
    print(f"daily KPI job over the loaded data: {job_s:.2f} s for {len(fresh)} KPIs")
    for value in fresh:
        print(f"  {value.definition.code}: {value.value}")
    _queries(client, paths)
    for path in paths:
        e, ld = empty[path], loaded[path]
        print(
            f"{path}: empty p50 {e[0]:.1f} ms (p99 {e[1]:.1f}) · loaded p50 {ld[0]:.1f} ms "
            f"(p99 {ld[1]:.1f}) · ratio {ld[0] / e[0]:.2f} · {ld[2]:,} bytes"
        )
    if args.profile:
        _profile(client, "/smartcity/")


def _queries(client, paths) -> None:  # type: ignore[no-untyped-def]
    """How many SQL queries each path runs, and their summed time (one request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
        print(f"{path}: {len(captured)} queries, {sql_ms:.1f} ms in SQL")


def _profile(client, path: str) -> None:  # type: ignore[no-untyped-def]
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(25)


ROLLUP_TRIGGERS = ("parking_rollup_insdel", "parking_rollup_upd")


def _load_postgres(connection, regency_id, attendant_id, spot_id, tariff_id, service, args) -> None:  # type: ignore[no-untyped-def]
    """The parking rollup triggers are switched off for the one bulk INSERT and the
    rollups are rebuilt from the events afterwards in one pass (``rollups_rebuild``):
    the same end state, without a million per-row upserts on a few hot rollup rows."""
    from kotacerdas.parking.services.rollups import rollups_rebuild

    with connection.cursor() as cursor:
        for name in ROLLUP_TRIGGERS:
            cursor.execute(f"ALTER TABLE parking_parkingevent DISABLE TRIGGER {name}")
        cursor.execute(
            """
            INSERT INTO parking_parkingevent (regency_id, attendant_id, spot_id, vehicle_class,
                plate, tariff_id, amount, channel, status, order_id, client_ref, receipt_token,
                qris, created_at, business_date, paid_amount, flags)
            SELECT %s, %s, %s, 'motorcycle', '', %s, 2000,
                CASE WHEN g %% 5 < 2 THEN 'qris' ELSE 'cash' END,
                CASE WHEN g %% 5 < 2 THEN (CASE WHEN g %% 50 = 0 THEN 'expired' ELSE 'paid' END)
                     ELSE 'cash' END,
                'BENCH-' || g, '', md5(g::text), '', now(),
                DATE '2026-01-01' + (g %% 331), CASE WHEN g %% 50 = 0 THEN 0 ELSE 2000 END,
                '[]'::jsonb
            FROM generate_series(1, %s) AS g
            """,
            [regency_id, attendant_id, spot_id, tariff_id, args.events],
        )
        for name in ROLLUP_TRIGGERS:
            cursor.execute(f"ALTER TABLE parking_parkingevent ENABLE TRIGGER {name}")
    rollups_rebuild()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO services_servicerequest (regency_id, tracking_number, reporter_token,
                submit_token, service_id, opd_id, status, channel, description, address,
                address_id, zipcode, attributes, status_notes, media_url, reporter_name,
                reporter_email, reporter_phone, device_id, account_id, is_anonymous,
                is_private, requested_at, updated_at, resolved_at, escalation_level,
                sla_breached, reopen_count, rating, rating_comment, rated_at,
                notify_statuses, priority, lapor_id, reporter_token_legacy,
                reporter_token_nonce)
            SELECT %s, 'BN-' || g, md5('r' || g), md5('s' || g), %s, %s,
                CASE WHEN g %% 10 < 8 THEN 'selesai' ELSE 'diproses' END, 'web', '', '', '',
                '', '{}'::jsonb, '', '', '', '', '', '', '', true, false,
                TIMESTAMPTZ '2026-01-02 02:00+00' + (g %% 320) * INTERVAL '1 day',
                TIMESTAMPTZ '2026-01-02 02:00+00' + (g %% 320) * INTERVAL '1 day',
                CASE WHEN g %% 10 < 8 THEN TIMESTAMPTZ '2026-01-02 02:00+00'
                    + (g %% 320 + 1 + g %% 9) * INTERVAL '1 day' END,
                0, g %% 7 = 0, 0,
                CASE WHEN g %% 10 < 4 THEN 1 + g %% 5 END, '',
                CASE WHEN g %% 10 < 4 THEN TIMESTAMPTZ '2026-01-02 02:00+00'
                    + (g %% 320 + 1 + g %% 9) * INTERVAL '1 day' + INTERVAL '5 hours' END,
                '[]'::jsonb, 'sedang', '', '', ''
            FROM generate_series(1, %s) AS g
            """,
            [regency_id, service.pk, service.opd_id, args.requests],
        )
        cursor.execute("ANALYZE parking_parkingevent")
        cursor.execute("ANALYZE services_servicerequest")


def _load_orm(regency, attendant, spot, tariff, service, args) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.parking.models import ParkingEvent
    from kotacerdas.services.models import ServiceRequest

    base = datetime(2026, 1, 2, 2, tzinfo=UTC)
    rows = []
    for g in range(1, args.events + 1):
        qris = g % 5 < 2
        rows.append(
            ParkingEvent(
                regency=regency,
                attendant=attendant,
                spot=spot,
                vehicle_class="motorcycle",
                tariff=tariff,
                amount=2000,
                channel="qris" if qris else "cash",
                status="paid" if qris else "cash",
                order_id=f"BENCH-{g}",
                receipt_token=f"{g:032x}",
                business_date=date(2026, 1, 1) + timedelta(days=g % 331),
                paid_amount=2000,
            )
        )
        if len(rows) == 5000:
            ParkingEvent.objects.bulk_create(rows)
            rows = []
    ParkingEvent.objects.bulk_create(rows)
    requests = []
    for g in range(1, args.requests + 1):
        asked = base + timedelta(days=g % 320)
        done = g % 10 < 8
        resolved = asked + timedelta(days=1 + g % 9) if done else None
        requests.append(
            ServiceRequest(
                regency=regency,
                tracking_number=f"BN-{g}",
                reporter_token=f"r{g:040x}",
                submit_token=f"s{g:030x}",
                service=service,
                opd_id=service.opd_id,
                status="selesai" if done else "diproses",
                channel="web",
                requested_at=asked,
                updated_at=asked,
                resolved_at=resolved,
                sla_breached=g % 7 == 0,
                rating=1 + g % 5 if g % 10 < 4 else None,
                rated_at=resolved + timedelta(hours=5) if g % 10 < 4 and resolved else None,
            )
        )
    ServiceRequest.objects.bulk_create(requests, batch_size=5000)


if __name__ == "__main__":
    main()
