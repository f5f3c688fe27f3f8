"""Keep the rollup triggers in place after every migrate.

SQLite cannot alter most of a table in place: Django rebuilds the table (create a copy,
move the rows, drop the old one), and the triggers go with the old table. A later
migration touching parking events (a new column, a changed constraint) therefore silently
stopped the rollups on SQLite, and every dashboard, KPI and alert showed zero for new
events. After each migrate this checks the triggers and, if any is missing, reinstalls
them all and recomputes the rollups from the events, so the rollups cannot drift."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import connections, transaction

from kotacerdas.parking import rollup_sql

log = logging.getLogger(__name__)


def rollup_triggers_missing(using: str = "default") -> frozenset[str]:
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(rollup_sql.installed_triggers_query(connection.vendor))
        present = {row[0] for row in cursor.fetchall()}
    return rollup_sql.trigger_names(connection.vendor) - present


def rollup_triggers_ensure(using: str = "default") -> bool:
    """Reinstall the triggers and rebuild the rollups if a trigger is missing. Answers
    whether anything had to be repaired."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return False
    if "parking_parkingevent" not in connection.introspection.table_names():
        return False
    missing = rollup_triggers_missing(using)
    if not missing:
        return False
    log.warning("parking rollup triggers missing (%s): reinstalled, rollups rebuilt", len(missing))
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for statement in rollup_sql.remove(connection.vendor):
            cursor.execute(statement)
        for statement in rollup_sql.install(connection.vendor, settings.TIME_ZONE):
            cursor.execute(statement)
        for statement in rollup_sql.backfill(connection.vendor, settings.TIME_ZONE):
            cursor.execute(statement)
    return True


def after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    rollup_triggers_ensure(using)
