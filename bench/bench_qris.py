"""Benchmark the QRIS codec against qriskit 0.2.0 on the same payloads, in one process.

Run: .venv/bin/python bench/bench_qris.py [--repeat N] [--number N]

Figures are per call, in microseconds, best of N repeats (timeit), averaged over the
payload set: the doc's test vectors plus payloads generated with ``build``.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qriskit
import qriskit.crc

from kotacerdas.qris import (
    MerchantAccount,
    build,
    crc16,
    parse,
    to_dynamic,
    validate,
)

DOC_VECTORS = [
    "00020101021126620014COM.GO-JEK.WWW011993600914123456789010210G1234567890303UMI51440014"
    "ID.CO.QRIS.WWW0215ID10200123456780303UMI5204581253033605802ID5911TOKO CONTOH6007JAKARTA"
    "61051011062120708KASIR-0163043ACC",
    "00020101021226620014COM.GO-JEK.WWW011993600914123456789010210G1234567890303UMI51440014"
    "ID.CO.QRIS.WWW0215ID10200123456780303UMI520458125303360540525000550202560410005802ID5911"
    "TOKO CONTOH6007JAKARTA61051011062280512INV-2026-0010708KASIR-0163043EBC",
]
for ref, crc in (("PRK-000007", "0128"), ("PRK-000097", "0076"), ("PRK-000639", "0006")):
    DOC_VECTORS.append(
        "00020101021226620014COM.GO-JEK.WWW011993600914123456789010210G1234567890303UMI51440014"
        "ID.CO.QRIS.WWW0215ID10200123456780303UMI520458125303360540420005802ID5911TOKO CONTOH"
        f"6007JAKARTA61051011062260510{ref}0708KASIR-016304{crc}"
    )


def built_payloads(count: int, seed: int = 2026) -> list[str]:
    rng = random.Random(seed)
    guids = ["COM.GO-JEK.WWW", "ID.CO.SHOPEE.WWW", "ID.DANA.WWW", "CO.XENDIT.WWW"]
    out = []
    for index in range(count):
        accounts = [
            MerchantAccount(
                tag=str(26 + n),
                guid=guids[n % len(guids)],
                pan="936009" + "".join(rng.choice("0123456789") for _ in range(13)),
                merchant_id=f"M{rng.randrange(10**9):09d}",
            )
            for n in range(rng.randint(0, 2))
        ]
        out.append(
            build(
                merchant_name=f"JUKIR BLOK {index:03d}",
                merchant_city="SAMPIT",
                postal_code="74322",
                mcc="7523",
                nmid=f"ID{rng.randrange(10**13):013d}",
                merchant_accounts=accounts,
                amount=rng.choice([None, 2000, 3000, 5000]),
                reference=f"PRK-{index:06d}" if index % 2 else None,
                terminal_label=f"A{index:02d}",
            )
        )
    return out


_TABLE = []
for _byte in range(256):
    _value = _byte << 8
    for _ in range(8):
        _value = ((_value << 1) ^ 0x1021) if _value & 0x8000 else (_value << 1)
    _TABLE.append(_value & 0xFFFF)


def crc16_table(text: str) -> str:
    """Table-driven pure-Python CRC, for comparison with the binascii one we ship."""
    crc = 0xFFFF
    table = _TABLE
    for byte in text.encode("utf-8"):
        crc = ((crc << 8) & 0xFFFF) ^ table[(crc >> 8) ^ byte]
    return f"{crc:04X}"


def per_call(func: Callable[[str], object], payloads: list[str], repeat: int, number: int) -> float:
    def loop() -> None:
        for payload in payloads:
            func(payload)

    best = min(timeit.repeat(loop, number=number, repeat=repeat))
    return best / (number * len(payloads)) * 1e6


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--number", type=int, default=300)
    args = parser.parse_args()

    payloads = DOC_VECTORS + built_payloads(25)
    statics = [p for p in payloads if parse(p).point_of_initiation == "static"]
    for payload in payloads:  # same inputs, same verdicts, before timing anything
        assert validate(payload) == [] and qriskit.validate(payload) == [], payload
        assert crc16(payload[:-4]) == crc16_table(payload[:-4]) == qriskit.crc.crc16(payload[:-4])

    r, n = args.repeat, args.number
    rows = [
        (
            "validate",
            per_call(validate, payloads, r, n),
            per_call(qriskit.validate, payloads, r, n),
        ),
        ("parse", per_call(parse, payloads, r, n), per_call(qriskit.parse, payloads, r, n)),
        (
            "to_dynamic (static sources)",
            per_call(lambda p: to_dynamic(p, amount=2000, reference="PRK-1"), statics, r, n),
            per_call(
                lambda p: qriskit.parse(p).to_dynamic(2000, reference="PRK-1").dumps(),
                statics,
                r,
                n,
            ),
        ),
        (
            "crc16 (body only)",
            per_call(lambda p: crc16(p[:-4]), payloads, r, n),
            per_call(lambda p: qriskit.crc.crc16(p[:-4]), payloads, r, n),
        ),
    ]
    table_crc = per_call(lambda p: crc16_table(p[:-4]), payloads, r, n)
    crc_us = rows[3][1]

    size = sum(map(len, payloads)) / len(payloads)
    print(f"Python {platform.python_version()} on {cpu_model()}, nproc={_nproc()}")
    print(f"{len(payloads)} payloads ({len(statics)} static), mean {size:.0f} characters;")
    print(f"best of {r} repeats x {n} loops over the set\n")
    print("| operation | kotacerdas.qris µs | qriskit µs | qriskit / ours |")
    print("|---|---:|---:|---:|")
    for name, ours, theirs in rows:
        print(f"| {name} | {ours:.2f} | {theirs:.2f} | {theirs / ours:.1f}x |")
    print(f"| crc16, table-driven pure Python (not shipped) | {table_crc:.2f} | | |")
    print()
    print(f"validate / crc16 (binascii): {rows[0][1] / crc_us:.1f}x")
    print(f"validate / crc16 (table-driven pure Python): {rows[0][1] / table_crc:.1f}x")
    return 0


def _nproc() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


if __name__ == "__main__":
    raise SystemExit(main())
