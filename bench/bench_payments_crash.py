"""Crash-consistency harness for payments, on PostgreSQL, through the real server stack.

    DATABASE_URL=postgres://postgres@/kc_crash?host=/var/run/postgresql \
        .venv/bin/python bench/bench_payments_crash.py --charges 2000

What it does:
1. on a fresh database: ``migrate`` and a minimal seed (the Kotim regency, its users and
   the parking registry; the full demo data is not needed and costs most of a start-up);
2. starts the Midtrans simulator as a **separate server** (its own gunicorn on its own
   port, with its own database copied from the first), so the platform's status queries
   go to another process exactly as they go to Midtrans; the platform's gateway base URL
   (``KOTACERDAS_MIDTRANS_BASE_URL``) points at it and its own simulator is switched off;
3. starts the platform (gunicorn 2 workers x 8 threads, the same server settings as
   ``kotacerdas demo``) and its jobs loop, and creates the charges as the attendant app
   does (``POST /api/v1/parking/charges``);
4. pays each one at the simulator, then plays Midtrans' notifier: sends every signed
   settlement notification to the webhook from 16 threads, with 30% duplicates, in
   random order, retrying anything that is not a 2xx (Midtrans retries too);
5. meanwhile ``kill -9`` one platform worker and ``pg_terminate_backend`` every
   connection of the platform's database (the simulator's database is left alone);
6. lets the jobs finish (retry_inbox, deliver_notices, check_owners), then asserts:
   every charge paid exactly once; every parking event agrees with its charge; the
   counted money equals the charged money (nothing twice, nothing lost); every
   notification acknowledged with a 2xx is in the inbox; every verified delivery is
   processed; the platform's database holds no simulator rows (the gateway really was
   the other server).

Exit status 0 only when every invariant holds. The database named in DATABASE_URL and
``<name>_gateway`` are dropped and created again, and dropped at the end (``--keep`` to
look at them): give it a throwaway name. ``tests/payments/test_crash_consistency.py``
runs this script in CI."""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import platform
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-Sampit-2026"  # noqa: S105 - a throwaway database
SERVE = (
    "import sys; from kotacerdas.core.server import serve; "
    "serve(host='127.0.0.1', port=int(sys.argv[1]), workers=int(sys.argv[2]))"
)


def wait_healthy(base: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server for {base} exited with {process.returncode}")
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit(f"server {base} did not become healthy")


def psql_command(url: str) -> list[str]:
    parts = urlparse(url)
    host = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p).get("host", "")
    command = ["psql", "-h", host or parts.hostname or "localhost"]
    command += ["-U", parts.username or "postgres"]
    return command + (["-p", str(parts.port)] if parts.port else [])


def psql(url: str, sql: str, *, db: str = "postgres") -> str:
    return subprocess.run(  # noqa: S603 - the local psql client
        [*psql_command(url), "-d", db, "-Atqc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def with_db(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def children(pid: int) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=,ppid=", "-e"],  # noqa: S607 - procps ps
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [int(f[0]) for f in (line.split() for line in out.splitlines()) if f[1:] == [str(pid)]]


class Midtrans:
    """Plays the gateway's notifier: sends each body until a 2xx, like Midtrans."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.acknowledged: list[str] = []
        self.non_2xx = 0
        self.errors = 0
        self.last = ""
        self.lock = threading.Lock()

    def send(self, body: bytes) -> None:
        session = requests.Session()
        for attempt in range(20):
            try:
                response = session.post(
                    self.url, data=body, headers={"Content-Type": "application/json"}, timeout=15
                )
            except requests.RequestException as exc:
                with self.lock:
                    self.errors += 1
                    self.last = type(exc).__name__
                session = requests.Session()
                time.sleep(min(0.5 * (attempt + 1), 5))
                continue
            if 200 <= response.status_code < 300:
                with self.lock:
                    self.acknowledged.append(hashlib.sha256(body).hexdigest())
                return
            with self.lock:
                self.non_2xx += 1
                self.last = f"{response.status_code} {response.text[:200]}"
            time.sleep(min(0.5 * (attempt + 1), 5))
        raise RuntimeError(f"notification never acknowledged: {self.last}")


def setup_database(url: str, gateway_url: str) -> float:
    """Fresh platform database: migrate and the minimal seed, then copy it (a template
    copy, no second migrate) as the simulator's database."""
    from django.core.management import call_command
    from django.db import connections

    from kotacerdas.core.models import Regency
    from kotacerdas.core.seed import seed_demo_users, seed_regency
    from kotacerdas.parking.seed import seed_demo as seed_parking

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    regency, _ = seed_regency()
    seed_demo_users(regency, PASSWORD)
    seed_parking(regency)
    Regency.objects.filter(pk=regency.pk).update(hosts="127.0.0.1 localhost")
    connections.close_all()
    name = urlparse(url).path.lstrip("/")
    psql(url, f'CREATE DATABASE "{urlparse(gateway_url).path.lstrip("/")}" TEMPLATE "{name}"')
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--charges", type=int, default=2000)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--gateway-port", type=int, default=0, help="default: --port + 1")
    parser.add_argument("--duplicates", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--keep", action="store_true", help="keep both databases")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a throwaway PostgreSQL database")
    dbname = urlparse(url).path.lstrip("/")
    gateway_url = with_db(url, f"{dbname}_gateway")
    for name in (dbname, f"{dbname}_gateway"):
        psql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(url, f'CREATE DATABASE "{dbname}"')
    rng = random.Random(args.seed)
    base = f"http://127.0.0.1:{args.port}"
    gateway_port = args.gateway_port or args.port + 1
    gateway_base = f"http://127.0.0.1:{gateway_port}"
    data = Path(tempfile.mkdtemp(prefix="kc-crash-"))
    key = "SB-Mid-server-crash-" + secrets.token_hex(12)
    common = {
        "KOTACERDAS_DATA_DIR": str(data),
        "KOTACERDAS_MIDTRANS_SERVER_KEY": key,
        "KOTACERDAS_SIMULATOR_DELIVERY": "manual",  # this script plays the notifier
        "DJANGO_SETTINGS_MODULE": "kotacerdas.settings.dev",
        "DEBUG": "0",
    }
    platform_env = {
        **common,
        "DATABASE_URL": url,
        "KOTACERDAS_PUBLIC_URL": base,
        "KOTACERDAS_MIDTRANS_BASE_URL": f"{gateway_base}/simulator/midtrans",
        "KOTACERDAS_SIMULATOR_ENABLED": "0",
    }
    gateway_env = {
        **common,
        "DATABASE_URL": gateway_url,
        "KOTACERDAS_PUBLIC_URL": gateway_base,
        "KOTACERDAS_SIMULATOR_ENABLED": "1",
    }
    os.environ.update(platform_env)
    import django

    django.setup()
    logging.getLogger("kotacerdas").setLevel(logging.WARNING)
    setup_s = setup_database(url, gateway_url)
    print(f"fresh database migrated and seeded in {setup_s:.0f} s", flush=True)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes: list[subprocess.Popen[bytes]] = []

    def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(  # noqa: S603 - our own commands
            command, env={**os.environ, **env, "PYTHONPATH": str(ROOT)}, cwd=ROOT, **quiet
        )
        processes.append(process)
        return process

    try:
        gateway = start([sys.executable, "-c", SERVE, str(gateway_port), "1"], gateway_env)
        server = start([sys.executable, "-c", SERVE, str(args.port), "2"], platform_env)
        start([sys.executable, "-m", "kotacerdas", "jobs", "loop", "--interval", "5"], platform_env)
        wait_healthy(gateway_base, gateway)
        wait_healthy(base, server)
        return run(args, rng, base, gateway_base, key, url, dbname, server, setup_s)
    finally:
        for process in reversed(processes):
            process.send_signal(signal.SIGTERM)
        for process in reversed(processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        if not args.keep:
            from django.db import connections

            connections.close_all()
            for name in (dbname, f"{dbname}_gateway"):
                psql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(
    args: argparse.Namespace,
    rng: random.Random,
    base: str,
    gateway_base: str,
    key: str,
    url: str,
    dbname: str,
    server: subprocess.Popen[bytes],
    setup_s: float,
) -> int:
    started = time.monotonic()
    token = requests.post(
        f"{base}/api/v1/auth/token",
        json={"username": "jukir1", "password": PASSWORD},
        timeout=10,
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}

    def create(_: int) -> str:
        session = requests.Session()
        for attempt in range(5):
            response = session.post(
                f"{base}/api/v1/parking/charges",
                json={"spot": "PPM-01", "vehicle_class": "motorcycle"},
                headers=headers,
                timeout=30,
            )
            if response.status_code == 201:
                return str(response.json()["order_id"])
            time.sleep(0.2 * (attempt + 1))
        raise RuntimeError(f"create failed: {response.status_code} {response.text[:200]}")

    with ThreadPoolExecutor(8) as pool:
        orders = list(pool.map(create, range(args.charges)))
    created_s = time.monotonic() - started
    sim = f"{gateway_base}/simulator/midtrans/v2"

    def pay(order: str) -> bytes:
        session = requests.Session()
        paid = session.post(f"{sim}/{order}/pay", auth=(key, ""), timeout=30)
        paid.raise_for_status()
        status = session.get(f"{sim}/{order}/status", auth=(key, ""), timeout=30).json()
        status["status_message"] = "midtrans payment notification"
        return json.dumps(status).encode()

    paying = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        bodies = list(pool.map(pay, orders))
    paid_s = time.monotonic() - paying
    sends = bodies + [b for b in bodies if rng.random() < args.duplicates]
    rng.shuffle(sends)
    gateway = Midtrans(f"{base}/payments/webhooks/midtrans?r=6202")
    chaos: list[str] = []

    def saboteur() -> None:
        while len(gateway.acknowledged) < len(sends) * 0.3:
            time.sleep(0.05)
        workers = children(server.pid)
        if workers:
            os.kill(workers[0], signal.SIGKILL)
            chaos.append(f"kill -9 of platform worker {workers[0]}")
        while len(gateway.acknowledged) < len(sends) * 0.6:
            time.sleep(0.05)
        terminated = psql(
            url,
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # noqa: S608
            f"WHERE datname = '{dbname}' AND pid <> pg_backend_pid()) AS t",
        )
        chaos.append(f"pg_terminate_backend of {terminated} platform database connections")

    sab = threading.Thread(target=saboteur)
    sab.start()
    sent_at = time.monotonic()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(gateway.send, sends))
    sent_s = time.monotonic() - sent_at
    sab.join()

    from django.db import close_old_connections, connection
    from django.utils import timezone

    from kotacerdas.payments.services.inbox import inbox_retry
    from kotacerdas.payments.services.notices import notices_deliver_due
    from kotacerdas.payments.services.owners import owners_check

    connection.close()
    close_old_connections()
    settle_at = time.monotonic()
    future = timezone.now() + timedelta(hours=2)
    rounds = 0
    while rounds < 20:  # the jobs, with the clock past every backoff
        rounds += 1
        done = inbox_retry(now=future, limit=5000) + notices_deliver_due(now=future, limit=5000)
        if not done:
            break
    repair = owners_check(now=future)
    settle_s = time.monotonic() - settle_at
    timings = {
        "setup": setup_s,
        "created": created_s,
        "paid": paid_s,
        "sent": sent_s,
        "settle": settle_s,
        "total": setup_s + time.monotonic() - started,
    }
    return report(orders, gateway, sends, chaos, repair, rounds, timings)


def report(
    orders: list[str],
    gateway: Midtrans,
    sends: list[bytes],
    chaos: list[str],
    repair: Any,
    rounds: int,
    timings: dict[str, float],
) -> int:
    from django.db.models import Count, Q, Sum

    from kotacerdas.parking.models import ParkingEvent
    from kotacerdas.payments.models import Charge, PaymentEvent, WebhookDelivery
    from kotacerdas.payments.simulator.models import SimTransaction

    charges = Charge.objects.filter(order_id__in=orders)
    problems = []
    if charges.count() != len(set(orders)) or len(set(orders)) != len(orders):
        problems.append(f"{charges.count()} charges stored for {len(orders)} created")
    counted = charges.annotate(n=Count("events", filter=Q(events__counted=True)))
    not_once = counted.exclude(n=1).count()
    if not_once:
        problems.append(f"{not_once} charges not paid exactly once")
    unpaid = charges.exclude(status="paid").count()
    if unpaid:
        problems.append(f"{unpaid} charges not paid")
    events = {e.order_id: (e.status, e.paid_amount) for e in ParkingEvent.objects.all()}
    disagree = sum(1 for c in charges if events.get(c.order_id) != (c.status, c.paid_amount))
    if disagree:
        problems.append(f"{disagree} parking events disagree with their charge")
    charged = charges.aggregate(t=Sum("amount"))["t"] or 0
    money = (
        PaymentEvent.objects.filter(counted=True, charge__in=charges).aggregate(t=Sum("amount"))[
            "t"
        ]
        or 0
    )
    if money != charged:
        problems.append(f"counted Rp{money} != charged Rp{charged}")
    stored = set(WebhookDelivery.objects.values_list("body_sha256", flat=True))
    missing = sum(1 for digest in gateway.acknowledged if digest not in stored)
    if missing:
        problems.append(f"{missing} acknowledged notifications missing from the inbox")
    if len(gateway.acknowledged) != len(sends):
        problems.append(
            f"{len(sends) - len(gateway.acknowledged)} notifications never acknowledged"
        )
    open_deliveries = WebhookDelivery.objects.filter(verified=True).exclude(status="processed")
    if open_deliveries.exists():
        problems.append(f"{open_deliveries.count()} verified deliveries not processed")
    if len(chaos) != 2 or " of 0 " in chaos[-1]:
        problems.append(f"the chaos did not happen as planned: {chaos}")
    if SimTransaction.objects.exists():
        problems.append(
            "the platform's database holds simulator rows: the gateway was not separate"
        )
    deliveries = WebhookDelivery.objects.count()
    retried = WebhookDelivery.objects.filter(attempts__gt=1).count()
    print(f"machine: {platform.machine()} {os.cpu_count()} CPU (shared, loaded; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}), Python "
          f"{platform.python_version()}, PostgreSQL")  # fmt: skip
    print(f"charges {len(orders)}, Rp{charged}; notifications sent {len(sends)} "
          f"({len(sends) - len(orders)} duplicates), inbox rows {deliveries} "
          f"({retried} processed more than once); non-2xx answers {gateway.non_2xx}, "
          f"transport errors {gateway.errors}")  # fmt: skip
    print(f"chaos: {'; '.join(chaos) or 'none'}; job rounds {rounds}; owner check: {repair}")
    print("seconds: " + ", ".join(f"{k} {v:.0f}" for k, v in timings.items()))
    for problem in problems:
        print("FAIL:", problem)
    print("OK: every invariant holds" if not problems else f"{len(problems)} invariant(s) broken")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
