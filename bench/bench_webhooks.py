"""Verified Midtrans notifications per second through HTTP, beside pgbench running the
same SQL, on PostgreSQL (the figures go to docs/performance.md, "Payments").

    DATABASE_URL=postgres://postgres@/kc_hooks?host=/var/run/postgresql \
        .venv/bin/python bench/bench_webhooks.py --charges 2000 --copies 4 --workers 4

1. A fresh database (migrate, minimal seed), the Midtrans simulator as a separate server
   on its own database, and ``--charges`` real charges created through the parking
   service (the platform asks the simulator for each QR), each paid at the simulator.
2. The platform under gunicorn with **production settings** (``kotacerdas.settings.
   production``, DEBUG off, ``--workers`` x 8 threads, access log on) and
   ``KOTACERDAS_WEBHOOK_PROCESSING`` = ``--mode`` (``job``: the request only verifies and
   inserts; ``after_response``: the worker also processes after answering).
3. pgbench runs one notification's ingest statements, captured from the code as it
   issues them (``connection.execute_wrapper`` around one real webhook request, with
   the transaction boundaries the code opens), for ``--pgbench-seconds`` before and
   after the HTTP load, with as many clients as the HTTP load; the rows it inserts are
   deleted again.
4. The HTTP load: every signed settlement notification sent ``--copies`` times (Midtrans
   resends; each call is a verified notification stored in the inbox), shuffled, from
   ``--clients`` keep-alive connections (an asyncio client in this process).
5. Processing: ``--processors`` processes drain the inbox side by side
   (``inbox_retry(shard=(i, n))``: confirm at the gateway, ledger, parking projection);
   the rate is processed deliveries per second.
6. Exactly once, checked afterwards: every charge paid, exactly one counted event each,
   every parking event equal to its charge, every acknowledged call stored and processed.
7. A cProfile of the ingest path (one request through Django's test client, in this
   process) and of one delivery's processing.

The database named in DATABASE_URL and ``<name>_gateway`` are dropped and created again."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import platform
import pstats
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_payments_crash import (  # noqa: E402 - after the path set-up
    SERVE,
    children,
    psql,
    psql_command,
    setup_database,
    wait_healthy,
    with_db,
)

SERVE_THREADS = (
    "import sys; from kotacerdas.core.server import serve; serve(host='127.0.0.1', "
    "port=int(sys.argv[1]), workers=int(sys.argv[2]), threads=int(sys.argv[3]))"
)
HELD = 201
HOOK = "/payments/webhooks/midtrans?r=6202"
DRAIN = (
    "import sys, time, django; django.setup()\n"
    "from kotacerdas.payments.services.inbox import inbox_retry\n"
    "from kotacerdas.payments.models import WebhookDelivery\n"
    "i, n = int(sys.argv[1]), int(sys.argv[2])\n"
    "while True:\n"
    "    if not inbox_retry(limit=500, shard=(i, n)) and not WebhookDelivery.objects.filter(\n"
    "        verified=True, status='received').exists():\n"
    "        break\n"
)


# --- the HTTP load --------------------------------------------------------------------


def request_bytes(body: bytes) -> bytes:
    head = (
        f"POST {HOOK} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"X-Forwarded-Proto: https\r\nUser-Agent: Veritrans\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _connection(
    port: int, queue: list[bytes], answers: list[int], latencies: list[float]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    while queue:
        payload = queue.pop()
        for _ in range(20):
            started = time.perf_counter()
            try:
                writer.write(payload)
                await writer.drain()
                status_line = await reader.readline()
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                await reader.readexactly(length)
                status = int(status_line.split()[1])
            except (OSError, asyncio.IncompleteReadError, IndexError, ValueError):
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            latencies.append(time.perf_counter() - started)
            if 200 <= status < 300:
                answers.append(status)
                break
            answers.append(status)
            await asyncio.sleep(0.2)
    writer.close()


def http_load(
    port: int, payloads: list[bytes], clients: int
) -> tuple[float, list[int], list[float]]:
    queue = list(payloads)
    answers: list[int] = []
    latencies: list[float] = []

    async def main() -> None:
        await asyncio.gather(
            *(_connection(port, queue, answers, latencies) for _ in range(clients))
        )

    started = time.perf_counter()
    asyncio.run(main())
    return time.perf_counter() - started, answers, latencies


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time of each of these processes so far (/proc/<pid>/stat)."""
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU time spent between two readings by the processes alive at both (a backend of
    an earlier pgbench run that exits in between is not counted)."""
    return sum(after[pid] - before[pid] for pid in before if pid in after)


def backends(url: str, dbname: str) -> list[int]:
    out = psql(
        url,
        "SELECT pid FROM pg_stat_activity "  # noqa: S608 - our own database name
        f"WHERE datname = '{dbname}' AND application_name <> 'pgbench'",
    )
    return [int(line) for line in out.split() if line.isdigit()]


# --- pgbench beside it ----------------------------------------------------------------


def capture_ingest_sql(body: bytes) -> list[str]:
    """One real webhook request in this process, every statement as sent (psycopg's
    mogrify), with BEGIN/COMMIT where the code opens and commits a transaction."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    statements: list[str] = []
    in_tx = False

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal in_tx
        if connection.in_atomic_block and not in_tx:
            statements.append("BEGIN")
            in_tx = True
        if not connection.in_atomic_block and in_tx:
            statements.append("COMMIT")
            in_tx = False
        with connection.cursor() as cursor:
            text = cursor.cursor.mogrify(sql, params) if params is not None else sql
        statements.append(text)
        return execute(sql, params, many, context)

    settings.KOTACERDAS_WEBHOOK_PROCESSING = "job"
    connection.ensure_connection()
    with connection.execute_wrapper(record):
        response = Client(HTTP_HOST="127.0.0.1").post(
            HOOK, data=body, content_type="application/json"
        )
    if in_tx:
        statements.append("COMMIT")
    if response.status_code != 200:
        raise SystemExit(f"the captured request failed: {response.status_code}")
    return statements


def pgbench(url: str, script: Path, clients: int, seconds: int) -> float:
    out = subprocess.run(  # noqa: S603 - the local pgbench
        [  # noqa: S607 - the PostgreSQL client tools on PATH
            "pgbench",
            *psql_command(url)[1:],
            "-n",
            "-f",
            str(script),
            "-c",
            str(clients),
            "-j",
            "2",
            "-T",
            str(seconds),
            urlparse(url).path.lstrip("/"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"tps = ([0-9.]+)", out)
    return float(found.group(1)) if found else 0.0


# --- profiles -------------------------------------------------------------------------


def profile(label: str, func: Any, runs: int) -> str:
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for index in range(runs):
        func(index)
    profiler.disable()
    per = (time.perf_counter() - started) / runs * 1000
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    buckets = {
        "waiting on PostgreSQL": ("psycopg/connection.py", "wait"),
        "SQL compilation (ORM)": ("django/db/models/sql/compiler.py", ""),
        "signature (SHA-512)": ("providers/midtrans.py", "signature"),
        "gateway status call (HTTP)": ("requests/adapters.py", "send"),
        "middleware and request handling": ("django/core/handlers/base.py", "_get_response"),
    }
    lines = [f"{label}: {per:.1f} ms per call in this process ({runs} calls)"]
    entries = stats.stats  # type: ignore[attr-defined]
    for name, (path, func_name) in buckets.items():
        cumulative = max(
            (
                value[3]
                for (file, _line, fn), value in entries.items()
                if file.endswith(path) and (not func_name or fn == func_name)
            ),
            default=0.0,
        )
        if path.endswith("compiler.py"):
            cumulative = sum(
                value[2] for (file, _l, _f), value in entries.items() if file.endswith(path)
            )
        lines.append(f"  {name}: {100 * cumulative / total:.0f}%")
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(8)
    top = [line.strip() for line in text.getvalue().splitlines() if "{" in line or ".py" in line]
    lines += ["  top by own time:", *("    " + line for line in top[:8])]
    return "\n".join(lines)


# --- the run --------------------------------------------------------------------------


def create_charges(count: int) -> list[str]:
    from django.db import connections

    from kotacerdas.parking.models import Attendant, Spot
    from kotacerdas.parking.services.events import charge_create

    attendant = Attendant.objects.get(code="JKR-0001")
    spot = Spot.objects.get(code="PPM-01")

    def one(_: int) -> str:
        try:
            return charge_create(
                attendant=attendant, spot=spot, vehicle_class="motorcycle"
            ).order_id
        finally:
            connections.close_all()

    with ThreadPoolExecutor(6) as pool:
        return list(pool.map(one, range(count)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--charges", type=int, default=2000)
    parser.add_argument("--copies", type=int, default=4, help="sends of each notification")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--processors", type=int, default=2)
    parser.add_argument("--mode", choices=["job", "after_response"], default="job")
    parser.add_argument("--pgbench-seconds", type=int, default=10)
    parser.add_argument("--port", type=int, default=8795)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a throwaway PostgreSQL database")
    dbname = urlparse(url).path.lstrip("/")
    gateway_url = with_db(url, f"{dbname}_gateway")
    for name in (dbname, f"{dbname}_gateway"):
        psql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(url, f'CREATE DATABASE "{dbname}"')
    gateway_port = args.port + 1
    gateway_base = f"http://127.0.0.1:{gateway_port}"
    key = "Mid-server-bench-" + secrets.token_hex(16)
    data = Path(tempfile.mkdtemp(prefix="kc-hooks-"))
    common = {
        "KOTACERDAS_DATA_DIR": str(data),
        "KOTACERDAS_MIDTRANS_SERVER_KEY": key,
        "KOTACERDAS_MIDTRANS_BASE_URL": f"{gateway_base}/simulator/midtrans",
        "KOTACERDAS_SIMULATOR_DELIVERY": "manual",
        "KOTACERDAS_WEBHOOK_PROCESSING": args.mode,
        "DEBUG": "0",
        "PYTHONPATH": str(ROOT),
    }
    dev = {**common, "DJANGO_SETTINGS_MODULE": "kotacerdas.settings.dev", "DATABASE_URL": url}
    production = {
        **common,
        "DJANGO_SETTINGS_MODULE": "kotacerdas.settings.production",
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "KOTACERDAS_PUBLIC_URL": "https://parkir.kotim.example",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "KOTACERDAS_SERVICES_MESSAGE_BACKEND": "kotacerdas.services.notifications.NullSender",
    }
    gateway_env = {
        **common,
        "DJANGO_SETTINGS_MODULE": "kotacerdas.settings.dev",
        "DATABASE_URL": gateway_url,
        "KOTACERDAS_PUBLIC_URL": gateway_base,
        "KOTACERDAS_SIMULATOR_ENABLED": "1",
    }
    os.environ.update({**dev, "KOTACERDAS_SIMULATOR_ENABLED": "0"})
    import django

    django.setup()
    import logging

    logging.getLogger("kotacerdas").setLevel(logging.WARNING)
    setup_s = setup_database(url, gateway_url)
    print(f"database ready in {setup_s:.0f} s", flush=True)
    processes: list[subprocess.Popen[bytes]] = []
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}

    def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(command, env={**os.environ, **env}, cwd=ROOT, **quiet)  # noqa: S603
        processes.append(process)
        return process

    try:
        gateway = start([sys.executable, "-c", SERVE, str(gateway_port), "2"], gateway_env)
        wait_healthy(gateway_base, gateway)
        started = time.monotonic()
        orders = create_charges(args.charges)
        sim = f"{gateway_base}/simulator/midtrans/v2"

        def pay(order: str) -> bytes:
            session = requests.Session()
            session.post(f"{sim}/{order}/pay", auth=(key, ""), timeout=30).raise_for_status()
            status = session.get(f"{sim}/{order}/status", auth=(key, ""), timeout=30).json()
            status["status_message"] = "midtrans payment notification"
            return json.dumps(status).encode()

        with ThreadPoolExecutor(8) as pool:
            bodies = list(pool.map(pay, orders))
        print(f"{len(orders)} charges created and paid in {time.monotonic() - started:.0f} s")
        statements = capture_ingest_sql(bodies[0])
        from django.db import connection

        from kotacerdas.payments.models import WebhookDelivery

        WebhookDelivery.objects.all().delete()
        connection.close()
        script = data / "ingest.sql"
        script.write_text("".join(f"{s.strip().rstrip(';')};\n" for s in statements))
        server = start(
            [
                sys.executable,
                "-c",
                SERVE_THREADS,
                str(args.port),
                str(args.workers),
                str(args.threads),
            ],
            production,
        )
        wait_healthy(f"http://127.0.0.1:{args.port}", server)
        requests.get(f"http://127.0.0.1:{args.port}/healthz", timeout=5)
        # orders[0] warms the workers up, orders[1:HELD] are kept for the profiles.
        load_orders = orders[HELD:]
        payloads = [request_bytes(b) for b in bodies[HELD:] for _ in range(args.copies)]
        random.Random(9).shuffle(payloads)
        http_load(args.port, [request_bytes(bodies[0])] * (args.workers * 16), args.clients)
        load_before = os.getloadavg()
        mark = last_delivery()
        tps_before = pgbench(url, script, args.clients, args.pgbench_seconds)
        WebhookDelivery.objects.filter(id__gt=mark).delete()
        first = last_delivery()
        connection.close()
        workers = children(server.pid)
        pg_pids = backends(url, dbname)
        app_before, pg_before = cpu_seconds(workers), cpu_seconds(pg_pids)
        cpu_client = time.process_time()
        seconds, answers, latencies = http_load(args.port, payloads, args.clients)
        cpu_client = time.process_time() - cpu_client
        cpu_app = cpu_used(app_before, cpu_seconds(workers))
        # Backends opened during the load (a worker thread's first query) count whole.
        pg_after = cpu_seconds(backends(url, dbname))
        cpu_pg = sum(spent - pg_before.get(pid, 0.0) for pid, spent in pg_after.items())
        mark = last_delivery()
        stored = WebhookDelivery.objects.filter(id__gt=first, id__lte=mark, verified=True).count()
        connection.close()
        tps_after = pgbench(url, script, args.clients, args.pgbench_seconds)
        WebhookDelivery.objects.filter(id__gt=mark).delete()
        load_after = os.getloadavg()
        accepted = sum(1 for a in answers if 200 <= a < 300)
        rate = accepted / seconds
        processing_started = time.monotonic()
        drains = [
            start([sys.executable, "-c", DRAIN, str(i), str(args.processors)], dev)
            for i in range(args.processors)
        ]
        for drain in drains:
            drain.wait()
        processing_s = time.monotonic() - processing_started
        problems = check(load_orders, accepted, stored)
        latencies.sort()
        print(f"machine: {platform.machine()} {os.cpu_count()} CPU (shared with other work), "
              f"Python {platform.python_version()}, PostgreSQL "
              f"{connection.cursor().connection.info.server_version}; load average "
              f"{load_before[0]:.1f} before, {load_after[0]:.1f} after the load")  # fmt: skip
        print(f"platform: gunicorn {args.workers} workers x {args.threads} threads, "
              f"production settings, processing mode {args.mode}; "
              f"{args.clients} keep-alive clients")  # fmt: skip
        print(f"ingest: {accepted} verified notifications accepted in {seconds:.1f} s = "
              f"{rate:.0f}/s (non-2xx answers {len(answers) - accepted}); latency p50 "
              f"{1000 * latencies[len(latencies) // 2]:.0f} ms, p99 "
              f"{1000 * latencies[int(len(latencies) * 0.99)]:.0f} ms")  # fmt: skip
        tps = (tps_before + tps_after) / 2
        per = 1000 / max(accepted, 1)
        print(f"CPU per accepted notification: app workers {cpu_app * per:.2f} ms, PostgreSQL "
              f"backends {cpu_pg * per:.2f} ms, load client {cpu_client * per:.2f} ms; "
              f"2 cores' ceiling for app + PostgreSQL: "
              f"{2000 / max((cpu_app + cpu_pg) * per, 1e-9):.0f}/s")  # fmt: skip
        print(f"pgbench, same SQL ({len(statements)} statements), {args.clients} clients: "
              f"{tps_before:.0f} and {tps_after:.0f} tps; ratio HTTP / pgbench = "
              f"{rate / tps:.2f}")  # fmt: skip
        print(f"processing: {args.processors} processes drained {accepted} deliveries in "
              f"{processing_s:.1f} s = {accepted / processing_s:.0f}/s")  # fmt: skip
        print("ingest SQL:\n  " + "\n  ".join(s[:160] for s in statements))
        print(profiles(bodies[1:HELD]))
        for problem in problems:
            print("FAIL:", problem)
        print("OK: exactly once" if not problems else f"{len(problems)} check(s) failed")
        return 1 if problems else 0
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)


def last_delivery() -> int:
    from kotacerdas.payments.models import WebhookDelivery

    return WebhookDelivery.objects.order_by("-id").values_list("id", flat=True).first() or 0


def check(orders: list[str], accepted: int, stored: int) -> list[str]:
    from django.db.models import Count, Q

    from kotacerdas.parking.models import ParkingEvent
    from kotacerdas.payments.models import Charge, WebhookDelivery

    problems = []
    charges = Charge.objects.filter(order_id__in=orders)
    if charges.exclude(status="paid").exists():
        problems.append(f"{charges.exclude(status='paid').count()} charges not paid")
    counted = charges.annotate(n=Count("events", filter=Q(events__counted=True)))
    if counted.exclude(n=1).exists():
        problems.append(f"{counted.exclude(n=1).count()} charges not counted exactly once")
    events = {e.order_id: (e.status, e.paid_amount) for e in ParkingEvent.objects.all()}
    disagree = sum(1 for c in charges if events.get(c.order_id) != (c.status, c.paid_amount))
    if disagree:
        problems.append(f"{disagree} parking events disagree with their charge")
    if stored != accepted:
        problems.append(f"{stored} deliveries stored for {accepted} acknowledged")
    open_ = WebhookDelivery.objects.exclude(status="processed").count()
    if open_:
        problems.append(f"{open_} deliveries not processed")
    return problems


def profiles(bodies: list[bytes]) -> str:
    from django.conf import settings
    from django.test import Client

    from kotacerdas.payments.models import WebhookDelivery
    from kotacerdas.payments.services.inbox import delivery_process

    settings.KOTACERDAS_WEBHOOK_PROCESSING = "job"
    client = Client(HTTP_HOST="127.0.0.1")
    ingest = profile(
        "ingest (verify + insert, one request through Django)",
        lambda i: client.post(HOOK, data=bodies[i % len(bodies)], content_type="application/json"),
        len(bodies),
    )
    ids = list(
        WebhookDelivery.objects.filter(status="received")
        .order_by("id")
        .values_list("id", flat=True)
    )
    processing = profile(
        "processing one delivery (claim, status call, ledger, parking projection)",
        lambda i: delivery_process(delivery_id=ids[i]),
        min(len(ids), len(bodies)),
    )
    return ingest + "\n" + processing


if __name__ == "__main__":
    raise SystemExit(main())
