"""Benchmark scoring an IID year with 500 innovations × 20 indicators (10,000 entries
plus 15 region indicators), and the what-if page over the same year.

Run: .venv/bin/python bench/bench_innovation.py [--innovations 500] [--runs 20]

SQLite in a temporary folder by default; DATABASE_URL is honoured (e.g. PostgreSQL).
Cases (wall-clock milliseconds):
- score: ``selectors.year_view`` (load every entry, parse the stored rule set, score
  every innovation, rank every missing piece of evidence by IID gain);
- what-if page: ``GET /inovasi/iid/<year>/what-if/`` through the Django test client as a
  Bapperida officer (access checks, the same scoring, template);
- year page: ``GET /inovasi/iid/<year>/`` (score, contributions of 500 innovations);
- xlsx: ``GET /inovasi/iid/<year>/laporan.xlsx`` (10,015 indicator rows)."""

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
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _timed(fn, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--innovations", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="kc-bench-innovation-")
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

    from kotacerdas.core.models import OPD, Role
    from kotacerdas.core.seed import seed_regency
    from kotacerdas.core.services.users import role_grant, user_create
    from kotacerdas.innovation.models import IidYear, IndicatorEntry, Innovation, ReviewStatus
    from kotacerdas.innovation.seed import seed_rulesets
    from kotacerdas.innovation.selectors import year_view
    from kotacerdas.innovation.services.iid import rules_of

    rng = random.Random(2026)
    regency, _ = seed_regency()
    ruleset = seed_rulesets(regency)["iid-2023"]
    rules = rules_of(ruleset)
    year = IidYear.objects.create(
        regency=regency, year=2030, ruleset=ruleset, deadline=datetime(2030, 8, 13).date()
    )
    opd = OPD.objects.get(regency=regency, code="bapperida")
    start = time.perf_counter()
    innovations = Innovation.objects.bulk_create(
        [
            Innovation(
                regency=regency,
                slug=f"inovasi-{k}",
                title=f"Inovasi uji {k}",
                problem="-",
                solution="-",
                form="pelayanan",
                initiator_type="asn",
                urusan="Umum",
                owner_opd=opd,
                credit_name="Uji",
                status=ReviewStatus.DITERIMA,
                submitted_at=datetime(2029, 1, 1, tzinfo=UTC),
            )
            for k in range(args.innovations)
        ],
        batch_size=500,
    )
    rows = []
    for ind in rules.scoped("region"):
        rows.append(
            IndicatorEntry(
                regency=regency,
                year=year,
                indicator=ind.code,
                level=2,
                evidence_url="https://example.org/b",
            )
        )
    for inn in innovations:
        for ind in rules.scoped("innovation"):
            level = rng.choice([lv.level for lv in ind.levels])
            evidenced = rng.random() > 0.15
            rows.append(
                IndicatorEntry(
                    regency=regency,
                    year=year,
                    innovation=inn,
                    indicator=ind.code,
                    level=level,
                    evidence_url="https://example.org/b" if evidenced else "",
                )
            )
    IndicatorEntry.objects.bulk_create(rows, batch_size=2000)
    load_s = time.perf_counter() - start

    officer = user_create(
        regency=regency,
        username="bench-bapperida",
        password=secrets.token_urlsafe(16),
        actor=None,
        opd=opd,
    )
    role_grant(user=officer, role=Role.OFFICER, regency=regency, actor=None, opd=opd)
    client = Client()
    client.force_login(officer)

    view = year_view(year)
    print(
        f"entries={len(rows)} innovations={args.innovations} missing={len(view.score.missing)} "
        f"iid={view.score.iid:.2f} predicate={view.score.predicate} load={load_s:.1f}s"
    )

    def page(path: str) -> None:
        response = client.get(path)
        assert response.status_code == 200, response.status_code

    cases = [
        ("score (year_view)", lambda: year_view(year)),
        ("what-if page", lambda: page("/inovasi/iid/2030/what-if/")),
        ("year page", lambda: page("/inovasi/iid/2030/")),
        ("xlsx report", lambda: page("/inovasi/iid/2030/laporan.xlsx")),
    ]
    print(
        f"machine: {platform.machine()} {os.cpu_count()} CPUs, {platform.python_version()}, "
        f"{connection.vendor}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    print("| case | p50 ms | p99 ms |")
    print("|---|---:|---:|")
    for name, fn in cases:
        fn()  # warm-up
        runs = max(3, args.runs // 4) if name == "xlsx report" else args.runs
        p50, p99 = _timed(fn, runs)
        print(f"| {name} | {p50:.1f} | {p99:.1f} |")


if __name__ == "__main__":
    main()
