"""Parking benchmark: server time to create a charge (POST /api/v1/parking/charges, which
includes the platform's HTTP call to the gateway simulator) and the weight of the
attendant's pages.

Runs the real demo stack (gunicorn, 2 workers x 8 threads, the built-in Midtrans
simulator) on a fresh data folder and talks to it over loopback:

    .venv/bin/python bench/bench_parking.py [--requests 300] [--port 8765]

DATABASE_URL is honoured (default: a fresh SQLite file)."""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

PASSWORD = "bench-Sampit-2026"  # noqa: S105 - a throwaway demo database


def wait_healthy(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    raise SystemExit("server did not become healthy")


def page_weight(session: requests.Session, base: str, path: str) -> tuple[int, int]:
    html = session.get(base + path, timeout=10)
    html.raise_for_status()
    total = len(html.content)
    assets = set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html.text))
    for asset in assets:
        total += len(session.get(base + asset, timeout=10).content)
    return len(html.content), total


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    data = Path(tempfile.mkdtemp(prefix="kc-bench-"))
    env = {
        **os.environ,
        "KOTACERDAS_DATA_DIR": str(data),
        "KOTACERDAS_DEMO_PASSWORD": PASSWORD,
        "KOTACERDAS_PUBLIC_URL": base,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "kotacerdas", "demo", "--port", str(args.port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(base)
        token = requests.post(
            f"{base}/api/v1/auth/token",
            json={"username": "jukir1", "password": PASSWORD},
            timeout=10,
        ).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        api = requests.Session()
        for _ in range(10):  # warm-up: connections, caches, first imports in each worker
            api.post(
                f"{base}/api/v1/parking/charges",
                json={"spot": "PPM-01", "vehicle_class": "motorcycle"},
                headers=headers,
                timeout=30,
            )
        timings = []
        for _ in range(args.requests):
            started = time.perf_counter()
            response = api.post(
                f"{base}/api/v1/parking/charges",
                json={"spot": "PPM-01", "vehicle_class": "motorcycle"},
                headers=headers,
                timeout=30,
            )
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 201:
                raise SystemExit(f"unexpected {response.status_code}: {response.text[:200]}")
        web = requests.Session()
        web.get(f"{base}/accounts/login/", timeout=10)
        web.post(
            f"{base}/accounts/login/",
            data={
                "username": "jukir1",
                "password": PASSWORD,
                "csrfmiddlewaretoken": web.cookies["csrftoken"],
                "next": "/jukir/",
            },
            headers={"Referer": f"{base}/accounts/login/"},
            timeout=10,
        )
        charge_id = response.json()["id"]
        pages = {
            "/jukir/": page_weight(web, base, "/jukir/"),
            f"/jukir/charge/{charge_id}/": page_weight(web, base, f"/jukir/charge/{charge_id}/"),
            "/v/JKR-0001": page_weight(requests.Session(), base, "/v/JKR-0001"),
        }
    finally:
        server.terminate()
        server.wait(timeout=20)
    vendor = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    print(
        f"machine: {platform.machine()} {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}, database {vendor}"
    )
    print(
        f"POST /api/v1/parking/charges x{args.requests} (sequential, loopback, incl. gateway call):"
    )
    print(
        f"  p50 {statistics.median(timings):.1f} ms  p90 {percentile(timings, 90):.1f} ms  "
        f"p99 {percentile(timings, 99):.1f} ms  max {max(timings):.1f} ms"
    )
    for path, (html, total) in pages.items():
        print(f"  page {path}: HTML {html / 1024:.1f} KB, with assets {total / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
