"""Crash-consistency harness for payments, on PostgreSQL, through the real server stack.

    DATABASE_URL=postgres://postgres@/kc_crash?host=/var/run/postgresql \
        .venv/bin/python bench/bench_payments_crash.py --charges 2000

What it does:
1. starts ``kotacerdas demo`` (migrate, Kotim demo data, gunicorn 2 workers x 8 threads,
   the built-in Midtrans simulator, the jobs loop) on a fresh database;
2. creates the charges as the attendant app does (``POST /api/v1/parking/charges``);
3. pays each one at the simulator, then plays Midtrans: sends every signed settlement
   notification to the webhook from 16 threads, with 30% duplicates, in random order,
   retrying anything that is not a 2xx (Midtrans retries too);
4. meanwhile ``kill -9`` one gunicorn worker and ``pg_terminate_backend`` every
   connection of the app's database;
5. lets the jobs finish (retry_inbox, deliver_notices, check_owners), then asserts:
   every charge paid exactly once; every parking event agrees with its charge; the
   counted money equals the charged money (nothing twice, nothing lost); every
   notification acknowledged with a 2xx is in the inbox.

Exit status 0 only when every invariant holds. The database named in DATABASE_URL is
dropped and created again: give it a throwaway name."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import requests

PASSWORD = "bench-Sampit-2026"  # noqa: S105 - a throwaway demo database


def wait_healthy(base: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    raise SystemExit("server did not become healthy")


def psql(url: str, sql: str, *, db: str = "postgres") -> None:
    parts = urlparse(url)
    host = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p).get("host", "")
    command = ["psql", "-h", host or "localhost", "-U", parts.username or "postgres"]
    subprocess.run(  # noqa: S603 - the local psql client
        [*command, "-d", db, "-qc", sql],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def children(pid: int) -> list[tuple[int, str]]:
    out = subprocess.run(
        ["ps", "-o", "pid=,ppid=,args=", "-e"],  # noqa: S607 - procps ps
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = []
    for line in out.splitlines():
        fields = line.split(None, 2)
        if len(fields) == 3 and fields[1] == str(pid):
            found.append((int(fields[0]), fields[2]))
    return found


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
        for attempt in range(15):
            try:
                response = session.post(
                    self.url, data=body, headers={"Content-Type": "application/json"}, timeout=15
                )
            except requests.RequestException:
                with self.lock:
                    self.errors += 1
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--charges", type=int, default=2000)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--duplicates", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a throwaway PostgreSQL database")
    dbname = urlparse(url).path.lstrip("/")
    psql(url, f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    psql(url, f'CREATE DATABASE "{dbname}"')
    rng = random.Random(args.seed)
    base = f"http://127.0.0.1:{args.port}"
    data = Path(tempfile.mkdtemp(prefix="kc-crash-"))
    env = {
        **os.environ,
        "KOTACERDAS_DATA_DIR": str(data),
        "KOTACERDAS_DEMO_PASSWORD": PASSWORD,
        "KOTACERDAS_PUBLIC_URL": base,
        "KOTACERDAS_SIMULATOR_DELIVERY": "manual",  # this script plays the notifier
        "DEBUG": "0",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "kotacerdas", "demo", "--port", str(args.port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.monotonic()
    try:
        wait_healthy(base)
        os.environ.update({k: v for k, v in env.items() if k.startswith(("KOTACERDAS_", "DEBUG"))})
        os.environ["DJANGO_SETTINGS_MODULE"] = "kotacerdas.settings.dev"
        import django

        django.setup()
        from django.conf import settings

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
        key = settings.KOTACERDAS_MIDTRANS_SERVER_KEY
        sim = f"{base}/simulator/midtrans/v2"

        def pay(order: str) -> bytes:
            session = requests.Session()
            paid = session.post(f"{sim}/{order}/pay", auth=(key, ""), timeout=30)
            paid.raise_for_status()
            status = session.get(f"{sim}/{order}/status", auth=(key, ""), timeout=30).json()
            status["status_message"] = "midtrans payment notification"
            return json.dumps(status).encode()

        with ThreadPoolExecutor(8) as pool:
            bodies = list(pool.map(pay, orders))
        sends = bodies + [b for b in bodies if rng.random() < args.duplicates]
        rng.shuffle(sends)
        gateway = Midtrans(f"{base}/payments/webhooks/midtrans?r=6202")
        chaos: list[str] = []

        def saboteur() -> None:
            while len(gateway.acknowledged) < len(sends) * 0.3:
                time.sleep(0.05)
            workers = [pid for pid, cmd in children(server.pid) if "jobs" not in cmd]
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                chaos.append(f"kill -9 worker {workers[0]}")
            while len(gateway.acknowledged) < len(sends) * 0.6:
                time.sleep(0.05)
            psql(
                url,
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # noqa: S608
                f"WHERE datname = '{dbname}' AND pid <> pg_backend_pid()",
            )
            chaos.append("pg_terminate_backend on every app connection")

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
        for _ in range(20):  # the jobs, with the clock past every backoff
            done = inbox_retry(now=future, limit=5000) + notices_deliver_due(now=future, limit=5000)
            if not done:
                break
        repair = owners_check(now=future)
        settle_s = time.monotonic() - settle_at
        return report(args, orders, gateway, sends, chaos, repair, created_s, sent_s, settle_s)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def report(args, orders, gateway, sends, chaos, repair, created_s, sent_s, settle_s) -> int:  # type: ignore[no-untyped-def]
    from django.db.models import Count, Q, Sum

    from kotacerdas.parking.models import ParkingEvent
    from kotacerdas.payments.models import Charge, PaymentEvent, WebhookDelivery

    charges = Charge.objects.filter(order_id__in=orders)
    counted = charges.annotate(n=Count("events", filter=Q(events__counted=True)))
    problems = []
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
    print(f"machine: {platform.machine()} {os.cpu_count()} CPU (shared, loaded), "
          f"Python {platform.python_version()}, PostgreSQL")  # fmt: skip
    print(f"charges {len(orders)} created in {created_s:.0f} s; notifications sent "
          f"{len(sends)} ({len(sends) - len(orders)} duplicates) in {sent_s:.0f} s; "
          f"non-2xx answers {gateway.non_2xx}, transport errors {gateway.errors}")  # fmt: skip
    print(f"chaos: {'; '.join(chaos) or 'none'}; jobs settled in {settle_s:.0f} s; "
          f"owner check: {repair}")  # fmt: skip
    for problem in problems:
        print("FAIL:", problem)
    print("OK: every invariant holds" if not problems else f"{len(problems)} invariant(s) broken")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
