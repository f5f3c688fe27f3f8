"""The rollups stay maintained whatever migrations did to the event table (SQLite drops a
table's triggers when Django rebuilds it)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from kotacerdas.parking import rollup_sql
from kotacerdas.parking.models import RollupDay
from kotacerdas.parking.rollup_guard import rollup_triggers_ensure, rollup_triggers_missing
from kotacerdas.parking.services.events import cash_record

pytestmark = pytest.mark.django_db(transaction=True)


def _collected_today(street) -> int:  # type: ignore[no-untyped-def]
    return sum(r.collected_rp for r in RollupDay.objects.filter(regency=street.regency))


def test_the_migrated_database_has_every_rollup_trigger(street) -> None:  # type: ignore[no-untyped-def]
    assert rollup_triggers_missing() == frozenset()
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")
    assert _collected_today(street) > 0


def test_lost_triggers_are_reinstalled_and_the_rollups_rebuilt(street) -> None:  # type: ignore[no-untyped-def]
    with connection.cursor() as cursor:
        for statement in rollup_sql.remove(connection.vendor):
            cursor.execute(statement)
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="car")  # not rolled up
    assert rollup_triggers_missing() and _collected_today(street) == 0

    call_command("migrate", verbosity=0)  # the post-migrate check repairs it

    assert rollup_triggers_missing() == frozenset()
    assert _collected_today(street) > 0
    cash_record(attendant=street.jukir, spot=street.spot, vehicle_class="motorcycle")
    assert RollupDay.objects.filter(regency=street.regency, vehicle_class="motorcycle").exists()
    assert rollup_triggers_ensure() is False  # nothing left to repair
