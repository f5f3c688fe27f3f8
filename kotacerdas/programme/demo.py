"""Demo data for the programme (filled in below)."""

from __future__ import annotations

from kotacerdas.core.models import Regency


def seed_demo_programme(regency: Regency) -> None:
    return None
