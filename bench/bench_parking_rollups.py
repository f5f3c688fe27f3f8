"""Parking rollup benchmark on PostgreSQL: load 1,000,000 (and optionally 10,000,000)
parking events over one year and 8 spots with bulk SQL, then measure

* the dashboard (``range_report``, and the whole ``/parking/`` page) for a day, a
  month and a year: p50 and p95 over repeated runs;
* the rollup maintenance cost per event: the same bulk insert with the triggers enabled
  and disabled, the difference divided by the rows;
* the missing-money scan (``alerts_scan``) for one day.

    createdb kc_14   # or: psql -c 'CREATE DATABASE kc_14'
    DATABASE_URL="postgres://postgres@/kc_14?host=/var/run/postgresql" \\
        .venv/bin/python bench/bench_parking_rollups.py --events 1000000 [--then 10000000]

The database is emptied of parking events first. Loading uses INSERT ... SELECT from
generate_series with the triggers disabled, then one set-based rollup rebuild (the same
SQL the migration uses); a separate sample measures the triggers' cost."""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from kotacerdas.core.models import Role  # noqa: E402
from kotacerdas.core.seed import seed_all  # noqa: E402
from kotacerdas.parking.models import Assignment, Attendant, Spot, Tariff  # noqa: E402
from kotacerdas.parking.realisation import range_report  # noqa: E402
from kotacerdas.parking.services.alerts import alerts_scan  # noqa: E402
from kotacerdas.parking.services.attendants import assignment_create, attendant_create  # noqa: E402
from kotacerdas.parking.services.rollups import rollups_rebuild  # noqa: E402

TRIGGERS = ("parking_rollup_insdel", "parking_rollup_upd")


def setup() -> tuple[object, list[tuple[int, int]], dict[str, int]]:
    call_command("migrate", verbosity=0)
    result = seed_all(password="bench-Sampit-2026")  # noqa: S106 - throwaway database
    regency = result.regency
    from tests.factories import user_with  # the real role service, as in tests

    spots = list(Spot.objects.filter(regency=regency).order_by("code")[:8])
    pairs = []
    for i, spot in enumerate(spots):
        assigned = (
            Assignment.objects.filter(spot=spot).values_list("attendant_id", flat=True).first()
        )
        if assigned is None:
            who = Attendant.objects.filter(regency=regency, code=f"JKR-8{i:03d}").first()
            if who is None:
                who = attendant_create(
                    regency=regency,
                    user=user_with(Role.JUKIR, username=f"bench-jukir-{secrets.token_hex(4)}"),
                    code=f"JKR-8{i:03d}",
                    name=f"Bench {i}",
                    actor=None,
                )
                assignment_create(attendant=who, spot=spot, start_date=date(2020, 1, 1), actor=None)
            assigned = who.pk
        pairs.append((spot.pk, int(assigned)))
    tariffs = {
        cls: Tariff.objects.filter(regency=regency, vehicle_class=cls, is_event=False)
        .order_by("-effective_from")
        .values_list("pk", flat=True)
        .first()
        for cls in ("motorcycle", "car")
    }
    return regency, pairs, tariffs  # type: ignore[return-value]


def insert_sql(regency_id: int, pairs: list[tuple[int, int]], tariffs: dict[str, int]) -> str:
    """Rows g = first..last, spread evenly over the year before ``end`` (WIB), 60% QRIS
    (85% paid, 10% expired, 5% cancelled) and 40% cash, 70% motorcycles."""
    spot_case = " ".join(f"WHEN {i} THEN {s}" for i, (s, _) in enumerate(pairs))
    att_case = " ".join(f"WHEN {i} THEN {a}" for i, (_, a) in enumerate(pairs))
    n = len(pairs)
    sql = f"""
INSERT INTO parking_parkingevent (regency_id, attendant_id, spot_id, vehicle_class, plate,
  tariff_id, amount, channel, status, order_id, client_ref, receipt_token, qris, created_at,
  business_date, expires_at, paid_at, paid_amount, flags)
SELECT {regency_id}, CASE g % {n} {att_case} END, CASE g % {n} {spot_case} END,
  CASE WHEN g % 10 < 7 THEN 'motorcycle' ELSE 'car' END, '',
  CASE WHEN g % 10 < 7 THEN {tariffs["motorcycle"]} ELSE {tariffs["car"]} END,
  CASE WHEN g % 10 < 7 THEN 2000 ELSE 4000 END,
  CASE WHEN g % 5 < 3 THEN 'qris' ELSE 'cash' END,
  CASE WHEN g % 5 >= 3 THEN 'cash' WHEN g % 20 = 0 THEN 'cancelled'
       WHEN g % 20 IN (1, 2) THEN 'expired' ELSE 'paid' END,
  'B-' || g, '', 'b' || g, '', ts, (ts AT TIME ZONE 'Asia/Jakarta')::date, NULL,
  CASE WHEN g % 5 >= 3 OR g % 20 > 2 THEN ts END,
  CASE WHEN g % 5 >= 3 OR g % 20 > 2 THEN (CASE WHEN g % 10 < 7 THEN 2000 ELSE 4000 END)
       ELSE 0 END,
  '[]'::jsonb
FROM (SELECT g, START::timestamptz + floor(pos * 365) * interval '1 day'
        + interval '7 hours' + (pos * 365 - floor(pos * 365)) * interval '14 hours' AS ts
      FROM (SELECT g, (g % TOTAL)::float8 / TOTAL AS pos
            FROM generate_series(FIRST::bigint, LAST::bigint) AS g) AS s) AS rows
"""  # noqa: S608 - ids and constants only
    # Every position is the "rows" counter: events are evenly spread by their number.
    return (
        sql.replace("%", "%%")
        .replace("START", "%(start)s")
        .replace("TOTAL", "%(total)s")
        .replace("FIRST", "%(first)s")
        .replace("LAST", "%(last)s")
    )


def load(sql: str, first: int, last: int, start: str, total: int, triggers: bool) -> float:
    with connection.cursor() as cur:
        for name in TRIGGERS:
            state = "ENABLE" if triggers else "DISABLE"
            cur.execute(f"ALTER TABLE parking_parkingevent {state} TRIGGER {name}")
        began = time.perf_counter()
        cur.execute(sql, {"start": start, "total": total, "first": first, "last": last})
        elapsed = time.perf_counter() - began
        for name in TRIGGERS:
            cur.execute(f"ALTER TABLE parking_parkingevent ENABLE TRIGGER {name}")
    return elapsed


def timed(fn, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    fn()  # warm
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(0.95 * len(samples)))]


def measure(regency, label: str, runs: int) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import user_with

    officer = user_with(Role.OFFICER, username=f"bench-officer-{secrets.token_hex(4)}")
    client = Client()
    client.force_login(officer)
    end = timezone.localdate() - timedelta(days=1)
    ranges = {
        "day": (end, end),
        "month": (end - timedelta(days=29), end),
        "year": (end - timedelta(days=364), end),
    }
    with connection.cursor() as cur:
        cur.execute("ANALYZE parking_rollupday; ANALYZE parking_rolluphour")
        cur.execute("SELECT count(*) FROM parking_parkingevent")
        events = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM parking_rollupday")
        day_rows = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM parking_rolluphour")
        hour_rows = cur.fetchone()[0]
    print(
        f"\n== {label}: {events:,} events, {day_rows:,} daily and {hour_rows:,} hourly rollup rows"
    )
    for name, (a, b) in ranges.items():
        p50, p95 = timed(lambda a=a, b=b: range_report(officer, regency, a, b), runs)
        page50, page95 = timed(
            lambda a=a, b=b: client.get("/parking/", {"from": a.isoformat(), "to": b.isoformat()}),
            runs,
        )
        print(
            f"{name:5}  range_report p50 {p50:7.1f} ms p95 {p95:7.1f} ms   "
            f"/parking/ page p50 {page50:7.1f} ms p95 {page95:7.1f} ms"
        )
    began = time.perf_counter()
    made = alerts_scan(regency=regency, day=end)
    print(
        f"alerts_scan for one day: {(time.perf_counter() - began) * 1000:.0f} ms ({len(made)} new)"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--then", type=int, default=0, help="grow to this many and measure again")
    parser.add_argument("--sample", type=int, default=50_000, help="rows for the trigger cost")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--measure-only", action="store_true", help="measure the events already loaded"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("set DATABASE_URL to a PostgreSQL database")
    print(
        f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}"
    )
    print(f"date: {timezone.now():%Y-%m-%d %H:%M} UTC, TIME_ZONE {settings.TIME_ZONE}")
    regency, pairs, tariffs = setup()
    if args.measure_only:
        measure(regency, "as loaded", args.runs)
        return 0
    with connection.cursor() as cur:
        cur.execute("DELETE FROM parking_leakagealert")
        cur.execute("TRUNCATE parking_parkingevent CASCADE")
        cur.execute("TRUNCATE parking_rolluphour, parking_rollupday")
    sql = insert_sql(regency.pk, pairs, tariffs)
    end = timezone.localdate()
    start = f"{end - timedelta(days=365)} 00:00:00+07"
    total = args.then or args.events
    sample = args.sample
    # Trigger cost: the same number of rows with and without the triggers.
    off = load(sql, 1, sample, start, total, triggers=False)
    on = load(sql, sample + 1, 2 * sample, start, total, triggers=True)
    print(
        f"trigger cost: {sample:,} rows in {off:.2f} s without, {on:.2f} s with triggers -> "
        f"{(on - off) / sample * 1e6:.1f} µs per event"
    )
    began = time.perf_counter()
    load(sql, 2 * sample + 1, args.events, start, total, triggers=False)
    loaded = time.perf_counter() - began
    began = time.perf_counter()
    rollups_rebuild()
    rebuilt = time.perf_counter() - began
    print(f"bulk load {args.events - 2 * sample:,} rows {loaded:.0f} s; rebuild {rebuilt:.0f} s")
    measure(regency, f"{args.events:,}", args.runs)
    if args.then > args.events:
        began = time.perf_counter()
        load(sql, args.events + 1, args.then, start, total, triggers=False)
        loaded = time.perf_counter() - began
        began = time.perf_counter()
        rollups_rebuild()
        rebuilt = time.perf_counter() - began
        print(f"bulk load to {args.then:,}: {loaded:.0f} s; rollup rebuild {rebuilt:.0f} s")
        measure(regency, f"{args.then:,}", args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
