"""Sampit demo data for the parking levy: zones and spots at verified places (kotim-facts
§6; coordinates approximate), the Perda tariffs, share rules, a concession, and the demo
attendants jukir1/jukir2 under korlap1."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kotacerdas.core.models import Kecamatan, Kelurahan, Regency, User
from kotacerdas.parking.models import (
    Assignment,
    Attendant,
    ConcessionContract,
    ConcessionInstalment,
    OperatingModel,
    Pengelola,
    RevenueShareRule,
    Spot,
    Tariff,
    VehicleClass,
    Zone,
)
from kotacerdas.parking.services.attendants import assignment_create, attendant_create

PERDA_2018 = "Perda Kab. Kotawaringin Timur No. 5 Tahun 2018 tentang Retribusi Daerah"
PERDA_2010 = "Perda Kab. Kotawaringin Timur No. 20 Tahun 2010"
TARIFFS_2018 = {
    VehicleClass.BICYCLE: 1000,
    VehicleClass.MOTORCYCLE: 2000,
    VehicleClass.CAR: 4000,
    VehicleClass.TRUCK_MEDIUM: 5000,
    VehicleClass.TRUCK_LARGE: 10000,
}
TARIFFS_2010 = {
    VehicleClass.MOTORCYCLE: 1000,
    VehicleClass.CAR: 3000,
    VehicleClass.TRUCK_MEDIUM: 5000,
}

# (code, name, kecamatan, model, legal basis)
ZONES = [
    (
        "Z01",
        "Kawasan Pasar PPM",
        "Mentawa Baru Ketapang",
        OperatingModel.CONCESSION,
        "Perbup Kotim No. 46 Tahun 2011 (zona parkir)",
    ),
    (
        "Z02",
        "Pusat Kota Sampit",
        "Mentawa Baru Ketapang",
        OperatingModel.DIRECT,
        "Perbup Kotim No. 46 Tahun 2011 (zona parkir)",
    ),
    (
        "Z03",
        "Jl. MT Haryono – Terminal",
        "Baamang",
        OperatingModel.DIRECT,
        "Perbup Kotim No. 46 Tahun 2011 (zona parkir)",
    ),
    (
        "Z04",
        "Kawasan RSUD dr. Murjani",
        "Mentawa Baru Ketapang",
        OperatingModel.DIRECT,
        "Perbup Kotim No. 46 Tahun 2011 (zona parkir)",
    ),
]

# (code, zone, name, street, kelurahan code, lat, lon, motor capacity, car capacity)
SPOTS = [
    (
        "PPM-01",
        "Z01",
        "Pasar PPM – sisi Jl. Iskandar",
        "Jl. Iskandar",
        "62.02.06.1002",
        "-2.541200",
        "112.953000",
        80,
        10,
    ),
    (
        "PPM-02",
        "Z01",
        "Pasar Subuh / Kusuka Swalayan",
        "Jl. Ir. H. Juanda",
        "62.02.06.1002",
        "-2.540500",
        "112.952200",
        60,
        8,
    ),
    (
        "JDA-01",
        "Z02",
        "Pertokoan Jl. Ir. H. Juanda",
        "Jl. Ir. H. Juanda",
        "62.02.06.1002",
        "-2.539000",
        "112.951000",
        50,
        12,
    ),
    (
        "TMK-01",
        "Z02",
        "Taman Kota Sampit",
        "Jl. Jend. Sudirman",
        "62.02.06.1003",
        "-2.536000",
        "112.950500",
        70,
        15,
    ),
    (
        "CRW-01",
        "Z02",
        "Jl. Cilik Riwut – Kantor Imigrasi",
        "Jl. Cilik Riwut",
        "62.02.06.1001",
        "-2.537100",
        "112.941500",
        30,
        10,
    ),
    (
        "MTH-01",
        "Z03",
        "Terminal Sampit – Jl. MT Haryono",
        "Jl. MT Haryono",
        "62.02.05.1002",
        "-2.532000",
        "112.944000",
        40,
        20,
    ),
    (
        "RSM-01",
        "Z04",
        "RSUD dr. Murjani",
        "Jl. HM Arsyad",
        "62.02.06.1001",
        "-2.540500",
        "112.946000",
        120,
        30,
    ),
    (
        "ARS-01",
        "Z04",
        "Pertokoan Jl. HM Arsyad",
        "Jl. HM Arsyad",
        "62.02.06.1001",
        "-2.539500",
        "112.947500",
        40,
        6,
    ),
]

DEMO_ATTENDANTS = [
    ("jukir1", "JKR-0001", "Juru Parkir Satu", "6202010101900001", "PPM-01"),
    ("jukir2", "JKR-0002", "Juru Parkir Dua", "6202010101900002", "TMK-01"),
]


def _tariffs(regency: Regency) -> None:
    for vehicle_class, amount in TARIFFS_2010.items():
        Tariff.objects.get_or_create(
            regency=regency,
            vehicle_class=vehicle_class,
            effective_from=date(2011, 1, 1),
            is_event=False,
            defaults={
                "amount": amount,
                "effective_to": date(2018, 12, 31),
                "legal_reference": PERDA_2010,
            },
        )
    for vehicle_class, amount in TARIFFS_2018.items():
        Tariff.objects.get_or_create(
            regency=regency,
            vehicle_class=vehicle_class,
            effective_from=date(2019, 1, 1),
            is_event=False,
            defaults={"amount": amount, "legal_reference": PERDA_2018},
        )


def _registry(regency: Regency) -> None:
    pengelola, _ = Pengelola.objects.get_or_create(
        regency=regency, name="CV Mentaya Parkir (contoh)", defaults={"contact": "0531-000000"}
    )
    zones: dict[str, Zone] = {}
    for code, name, kecamatan, model, legal in ZONES:
        zones[code], _ = Zone.objects.get_or_create(
            regency=regency,
            code=code,
            defaults={
                "name": name,
                "kecamatan": Kecamatan.objects.get(regency=regency, name=kecamatan),
                "operating_model": model,
                "pengelola": pengelola if model == OperatingModel.CONCESSION else None,
                "legal_basis": legal,
            },
        )
    for code, zone, name, street, kelurahan, lat, lon, motor, car in SPOTS:
        Spot.objects.get_or_create(
            regency=regency,
            code=code,
            defaults={
                "zone": zones[zone],
                "name": name,
                "street": street,
                "kelurahan": Kelurahan.objects.filter(regency=regency, code=kelurahan).first(),
                "lat": Decimal(lat),
                "lon": Decimal(lon),
                "legal_basis": f"SK Kadishub Kotim tentang titik parkir {code} (contoh)",
                "capacity_motorcycle": motor,
                "capacity_car": car,
            },
        )
    # An event (insidentil) tariff: the HUT Kotim celebration at Taman Kota (illustrative).
    taman = Spot.objects.get(regency=regency, code="TMK-01")
    for vehicle_class, amount in ((VehicleClass.MOTORCYCLE, 3000), (VehicleClass.CAR, 5000)):
        Tariff.objects.get_or_create(
            regency=regency,
            vehicle_class=vehicle_class,
            is_event=True,
            spot=taman,
            effective_from=date(2027, 1, 5),
            defaults={
                "amount": amount,
                "effective_to": date(2027, 1, 9),
                "event_name": "HUT Kotim ke-74 (contoh)",
                "legal_reference": "Keputusan Kadishub tentang tarif insidentil HUT Kotim (contoh)",
            },
        )
    today = timezone.localdate()
    start = date(today.year, 1 if today.month <= 6 else 7, 1)
    contract, made = ConcessionContract.objects.get_or_create(
        regency=regency,
        number=f"KTR-PKR/{start.year}/{'I' if start.month == 1 else 'II'}/Z01",
        defaults={
            "zone": zones["Z01"],
            "pengelola": pengelola,
            "start_date": start,
            "end_date": (start + timedelta(days=184)).replace(day=1) - timedelta(days=1),
            "bid_amount": 90_000_000,
        },
    )
    if made:
        for month in range(6):
            due = date(start.year, start.month + month, 10)
            ConcessionInstalment.objects.create(
                regency=regency,
                contract=contract,
                due_date=due,
                amount=15_000_000,
                paid_amount=15_000_000 if month == 0 else 0,
                paid_at=due if month == 0 else None,
                reference="STS-contoh-001" if month == 0 else "",
            )
    shares = [
        (OperatingModel.DIRECT, "qris", 60, 40, 0),
        (OperatingModel.DIRECT, "cash", 70, 30, 0),
        (OperatingModel.CONCESSION, "qris", 0, 40, 60),
        (OperatingModel.CONCESSION, "cash", 0, 30, 70),
    ]
    for model, channel, regency_pct, attendant_pct, pengelola_pct in shares:
        RevenueShareRule.objects.get_or_create(
            regency=regency,
            operating_model=model,
            channel=channel,
            effective_from=date(2026, 1, 1),
            defaults={
                "regency_pct": regency_pct,
                "attendant_pct": attendant_pct,
                "pengelola_pct": pengelola_pct,
                "legal_reference": "Keputusan Kadishub tentang bagi hasil QRIS (contoh)",
            },
        )


def _attendants(regency: Regency) -> None:
    korlap = User.objects.filter(username="korlap1").first()
    for username, code, name, nik, spot_code in DEMO_ATTENDANTS:
        user = User.objects.filter(username=username).first()
        if user is None or Attendant.objects.filter(user=user).exists():
            continue
        attendant = attendant_create(
            regency=regency,
            user=user,
            code=code,
            name=name,
            nik=nik,
            coordinator=korlap,
            actor=None,
        )
        spot = Spot.objects.get(regency=regency, code=spot_code)
        assignment_create(attendant=attendant, spot=spot, start_date=date(2026, 1, 1), actor=None)
    # The first attendant also covers the second market spot, to show the spot picker.
    first = Attendant.objects.filter(regency=regency, code="JKR-0001").first()
    if (
        first is not None
        and not Assignment.objects.filter(attendant=first, spot__code="PPM-02").exists()
    ):
        assignment_create(
            attendant=first,
            spot=Spot.objects.get(regency=regency, code="PPM-02"),
            start_date=date(2026, 1, 1),
            actor=None,
        )


def seed_demo(regency: Regency) -> None:
    with transaction.atomic():
        _tariffs(regency)
        _registry(regency)
        _attendants(regency)
        _potential(regency)


# Illustrative turnover before any korlap survey: motorcycles 1.2 per bay per hour, cars
# 0.6 (a market street in Sampit). Monthly APBD targets: Rp 1.9 bn a year (2025 target
# quoted by local media), spread evenly; a deployment enters its own Perda APBD figures.
ASSUMED_TURNOVER = {VehicleClass.MOTORCYCLE: 120, VehicleClass.CAR: 60}
YEARLY_TARGET = 1_900_000_000


def _potential(regency: Regency) -> None:
    from kotacerdas.parking.models import RevenueTarget, SpotCapacity

    for spot in Spot.objects.filter(regency=regency):
        for vehicle_class, capacity in (
            (VehicleClass.MOTORCYCLE, spot.capacity_motorcycle),
            (VehicleClass.CAR, spot.capacity_car),
        ):
            SpotCapacity.objects.get_or_create(
                regency=regency,
                spot=spot,
                vehicle_class=vehicle_class,
                defaults={"capacity": capacity, "turnover_x100": ASSUMED_TURNOVER[vehicle_class]},
            )
    year = timezone.localdate().year
    for month in range(1, 13):
        RevenueTarget.objects.get_or_create(
            regency=regency,
            year=year,
            month=month,
            defaults={
                "amount": YEARLY_TARGET // 12,
                "legal_reference": f"APBD {year} (contoh)",
            },
        )
