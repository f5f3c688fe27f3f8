"""Benchmark the ASN import (preview + upsert of a 20,000-row BKPSDM file) and issuing
5,000 Open Badges 3.0 credentials of a partner's course (document, the partner's
co-signature and the issuer's Ed25519 VC-JWT signature, random status-list index, audit
row each), in batches of 500 as a class closing issues them.

Run: .venv/bin/python bench/bench_training.py [--rows 20000] [--credentials 5000]

SQLite in a temporary folder by default; DATABASE_URL is honoured (e.g. PostgreSQL).
Figures are wall-clock seconds of the service calls (file parsing, NIP checks, diffing,
bulk writes; building, signing and storing credentials), and the CPU seconds this process
and (on PostgreSQL) its database backend spent on them. Setting up the enrolments the
credentials are issued for is not timed."""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _cpu_seconds(backend_pid: int | None) -> tuple[float, float]:
    """CPU time (user + system) of this process and, on PostgreSQL, of its database
    backend (read from /proc): unlike wall time, it hardly depends on how loaded the
    shared machine is."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    backend = 0.0
    if backend_pid is not None:
        try:
            fields = Path(f"/proc/{backend_pid}/stat").read_text().rsplit(")", 1)[1].split()
            backend = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return own.ru_utime + own.ru_stime, backend


def _since(start: tuple[float, float], backend_pid: int | None) -> str:
    app, db = _cpu_seconds(backend_pid)
    text = f"CPU {app - start[0]:.2f} s"
    if backend_pid is not None:
        text += f" + database backend {db - start[1]:.2f} s"
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--credentials", type=int, default=5_000)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="kc-bench-training-")
    os.environ.setdefault("KOTACERDAS_DATA_DIR", data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings.test")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", interactive=False, verbosity=0)

    from kotacerdas.core.models import OPD, Role
    from kotacerdas.core.seed import seed_regency
    from kotacerdas.core.services.users import role_grant, user_create
    from kotacerdas.partners.models import Partner
    from kotacerdas.training.models import (
        Asn,
        Course,
        Enrolment,
        EnrolmentStatus,
        TrainingClass,
    )
    from kotacerdas.training.seed import _asn_file
    from kotacerdas.training.services.asn_import import asn_import_apply, asn_import_preview
    from kotacerdas.training.services.credentials import credentials_issue

    regency, _ = seed_regency()
    actor = user_create(regency=regency, username="bench", password=None, actor=None)
    role_grant(user=actor, role=Role.ADMIN, regency=regency, actor=None)
    rng = random.Random(6202)
    data = _asn_file(rng, regency, args.rows)
    today = date(2026, 11, 30)

    backend_pid = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend_pid = cursor.fetchone()[0]
    import_start = _cpu_seconds(backend_pid)
    started = time.perf_counter()
    batch = asn_import_preview(
        regency=regency, actor=actor, filename="asn.csv", data=data, today=today
    )
    preview_s = time.perf_counter() - started
    assert not batch.errors, batch.errors[:3]
    started = time.perf_counter()
    asn_import_apply(batch=batch, actor=actor)
    apply_s = time.perf_counter() - started
    import_cpu = _since(import_start, backend_pid)

    # The same file again with every tenth position changed: an upsert.
    lines = data.decode().splitlines()
    changed = [
        line.replace("Arsiparis", "Arsiparis Ahli") if i % 10 == 1 else line
        for i, line in enumerate(lines)
    ]
    again = ("\n".join(changed) + "\n").encode()
    started = time.perf_counter()
    batch2 = asn_import_preview(
        regency=regency, actor=actor, filename="asn.csv", data=again, today=today
    )
    preview2_s = time.perf_counter() - started
    started = time.perf_counter()
    asn_import_apply(batch=batch2, actor=actor)
    apply2_s = time.perf_counter() - started

    partner = Partner.objects.create(
        regency=regency,
        code="unda",
        name="Universitas Darwan Ali",
        short_name="UNDA",
        kind="universitas",
    )
    course = Course.objects.create(
        regency=regency,
        provider=partner,
        code="bench",
        title="Literasi data untuk ASN",
        description="Benchmark",
        competency_type="teknis",
        element_codes="SG-BR",
        mode="klasikal",
        jp=12,
    )
    klass = TrainingClass.objects.create(
        regency=regency, course=course, code="bench", name="Bench", year=2026, capacity=500
    )
    people = list(Asn.objects.filter(regency=regency)[: args.credentials])
    opd = OPD.objects.filter(regency=regency).first()
    assert opd is not None
    Enrolment.objects.bulk_create(
        Enrolment(
            regency=regency,
            training_class=klass,
            asn=asn,
            opd_id=asn.opd_id,
            nominated_by=actor,
            status=EnrolmentStatus.COMPLETED,
            post_score=90,
        )
        for asn in people
    )
    enrolments = list(
        Enrolment.objects.filter(training_class=klass).select_related(
            "asn", "training_class__course", "regency"
        )
    )
    issue_start = _cpu_seconds(backend_pid)
    started = time.perf_counter()
    issued = []
    for start in range(0, len(enrolments), 500):
        with transaction.atomic():
            issued += credentials_issue(enrolments=enrolments[start : start + 500], actor=actor)
    issue_s = time.perf_counter() - started
    issue_cpu = _since(issue_start, backend_pid)
    assert len({c.status_index for c in issued}) == len(enrolments)
    assert all("endorsementJwt" in c.payload for c in issued)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"database: {connection.vendor}")
    print(
        f"import {args.rows} rows, new:     preview {preview_s:.2f} s + upsert {apply_s:.2f} s"
        f" ({import_cpu})"
    )
    print(
        f"import {args.rows} rows, 10% changed: "
        f"preview {preview2_s:.2f} s + upsert {apply2_s:.2f} s"
    )
    print(
        f"issue {len(enrolments)} co-signed credentials: {issue_s:.2f} s "
        f"({1000 * issue_s / max(len(enrolments), 1):.1f} ms each; {issue_cpu})"
    )


if __name__ == "__main__":
    main()
