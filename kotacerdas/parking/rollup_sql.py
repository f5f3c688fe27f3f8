"""Database triggers that keep ``RollupHour`` and ``RollupDay`` in step with
``ParkingEvent``: every insert adds the event's contribution, every delete subtracts
it, and an update that touches a counted column subtracts the old row and adds the new
one, all inside the writing transaction. That holds for every write path, including
``QuerySet.update`` and raw SQL, which a Django signal or a watermark on ids would miss.

Hours are in the platform's time zone (``TIME_ZONE``, WIB by default; Indonesian zones
have no daylight saving, so a fixed offset is exact on SQLite)."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

EVENT = "parking_parkingevent"
KEY = '(regency_id, "day", "hour", spot_id, attendant_id, vehicle_class, channel)'
DAY_KEY = '(regency_id, "day", spot_id, attendant_id, vehicle_class, channel)'
COUNTS = ("events", "collected", "collected_rp", "pending", "expired", "cancelled")
# Columns whose change moves an event between rollup rows or changes what it counts.
WATCHED = (
    "regency_id",
    "business_date",
    "created_at",
    "spot_id",
    "attendant_id",
    "vehicle_class",
    "channel",
    "status",
    "paid_amount",
)
COLLECTED = "('paid', 'cash')"


def _set_clause(table: str) -> str:
    return ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COUNTS)


def _sqlite_contributions(row: str) -> list[str]:
    return [
        "1",
        f"({row}.status IN {COLLECTED})",
        f"(CASE WHEN {row}.status IN {COLLECTED} THEN {row}.paid_amount ELSE 0 END)",
        f"({row}.status = 'pending')",
        f"({row}.status = 'expired')",
        f"({row}.status = 'cancelled')",
    ]


def _sqlite_upserts(row: str, sign: str, offset_hours: int) -> str:
    """Adding a row's contribution upserts; removing one only updates the existing rollup
    row (it must exist if the rollups are consistent; if they were emptied, e.g. by a
    flush, there is nothing to subtract from)."""
    hour = f"CAST(strftime('%H', {row}.created_at, '{offset_hours:+d} hours') AS INTEGER)"
    parts = _sqlite_contributions(row)
    if sign == "-1":
        match = (
            f'regency_id = {row}.regency_id AND "day" = {row}.business_date AND '
            f"spot_id = {row}.spot_id AND attendant_id = {row}.attendant_id AND "
            f"vehicle_class = {row}.vehicle_class AND channel = {row}.channel"
        )
        minus = ", ".join(f"{c} = {c} - {p}" for c, p in zip(COUNTS, parts, strict=True))
        return (
            f'UPDATE parking_rolluphour SET {minus} WHERE {match} AND "hour" = {hour};\n'  # noqa: S608
            f"UPDATE parking_rollupday SET {minus} WHERE {match};\n"
        )
    values = ", ".join(parts)
    common = f"{row}.spot_id, {row}.attendant_id, {row}.vehicle_class, {row}.channel"
    cols = ", ".join(COUNTS)
    return (
        f'INSERT INTO parking_rolluphour (regency_id, "day", "hour", spot_id, attendant_id, '  # noqa: S608
        f"vehicle_class, channel, {cols}) VALUES ({row}.regency_id, {row}.business_date, "
        f"{hour}, {common}, {values}) ON CONFLICT {KEY} DO UPDATE SET "
        f"{_set_clause('parking_rolluphour')};\n"
        f'INSERT INTO parking_rollupday (regency_id, "day", spot_id, attendant_id, '
        f"vehicle_class, channel, {cols}) VALUES ({row}.regency_id, {row}.business_date, "
        f"{common}, {values}) ON CONFLICT {DAY_KEY} DO UPDATE SET "
        f"{_set_clause('parking_rollupday')};\n"
    )


def _check_zone(time_zone: str) -> None:
    """The zone name is written into SQL: only a real IANA name is accepted."""
    if not re.fullmatch(r"[A-Za-z_]+(?:/[A-Za-z_+\-0-9]+)*", time_zone):
        raise ValueError(f"not a time zone name: {time_zone!r}")
    ZoneInfo(time_zone)


def utc_offset_hours(time_zone: str) -> int:
    offset = datetime(2026, 1, 1, tzinfo=ZoneInfo(time_zone)).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 3600)


def sqlite_install(time_zone: str) -> list[str]:
    offset = utc_offset_hours(time_zone)
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in WATCHED)
    return [
        f"CREATE TRIGGER parking_rollup_ins AFTER INSERT ON {EVENT} BEGIN\n"
        f"{_sqlite_upserts('NEW', '1', offset)}END",
        f"CREATE TRIGGER parking_rollup_del AFTER DELETE ON {EVENT} BEGIN\n"
        f"{_sqlite_upserts('OLD', '-1', offset)}END",
        f"CREATE TRIGGER parking_rollup_upd AFTER UPDATE ON {EVENT} WHEN {changed} BEGIN\n"
        f"{_sqlite_upserts('OLD', '-1', offset)}{_sqlite_upserts('NEW', '1', offset)}END",
    ]


def sqlite_remove() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS parking_rollup_{k}" for k in ("ins", "del", "upd")]


def postgres_install(time_zone: str) -> list[str]:
    _check_zone(time_zone)
    cols = ", ".join(COUNTS)
    values = (
        "s, s * c, s * c * r.paid_amount, s * (r.status = 'pending')::int, "
        "s * (r.status = 'expired')::int, s * (r.status = 'cancelled')::int"
    )
    common = "r.spot_id, r.attendant_id, r.vehicle_class, r.channel"
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in WATCHED)
    pg_parts = [
        "1",
        "c",
        "c * r.paid_amount",
        "(r.status = 'pending')::int",
        "(r.status = 'expired')::int",
        "(r.status = 'cancelled')::int",
    ]
    minus_h = ", ".join(f"{col} = {col} - {p}" for col, p in zip(COUNTS, pg_parts, strict=True))
    apply_fn = f"""
CREATE OR REPLACE FUNCTION parking_rollup_apply(r {EVENT}, s integer) RETURNS void AS $$
DECLARE
  h integer := extract(hour from (r.created_at AT TIME ZONE '{time_zone}'))::int;
  c integer := CASE WHEN r.status IN {COLLECTED} THEN 1 ELSE 0 END;
BEGIN
  IF s < 0 THEN
    UPDATE parking_rolluphour SET {minus_h}
      WHERE regency_id = r.regency_id AND "day" = r.business_date AND "hour" = h
        AND spot_id = r.spot_id AND attendant_id = r.attendant_id
        AND vehicle_class = r.vehicle_class AND channel = r.channel;
    UPDATE parking_rollupday SET {minus_h}
      WHERE regency_id = r.regency_id AND "day" = r.business_date
        AND spot_id = r.spot_id AND attendant_id = r.attendant_id
        AND vehicle_class = r.vehicle_class AND channel = r.channel;
    RETURN;
  END IF;
  INSERT INTO parking_rolluphour (regency_id, "day", "hour", spot_id, attendant_id,
      vehicle_class, channel, {cols})
    VALUES (r.regency_id, r.business_date, h, {common}, {values})
    ON CONFLICT {KEY} DO UPDATE SET {_set_clause("parking_rolluphour")};
  INSERT INTO parking_rollupday (regency_id, "day", spot_id, attendant_id,
      vehicle_class, channel, {cols})
    VALUES (r.regency_id, r.business_date, {common}, {values})
    ON CONFLICT {DAY_KEY} DO UPDATE SET {_set_clause("parking_rollupday")};
END $$ LANGUAGE plpgsql"""  # noqa: S608
    trigger_fn = """
CREATE OR REPLACE FUNCTION parking_rollup_trigger() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM parking_rollup_apply(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM parking_rollup_apply(NEW, 1); END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql"""
    return [
        apply_fn,
        trigger_fn,
        f"CREATE TRIGGER parking_rollup_insdel AFTER INSERT OR DELETE ON {EVENT} "
        "FOR EACH ROW EXECUTE FUNCTION parking_rollup_trigger()",
        f"CREATE TRIGGER parking_rollup_upd AFTER UPDATE ON {EVENT} FOR EACH ROW "
        f"WHEN ({changed}) EXECUTE FUNCTION parking_rollup_trigger()",
    ]


def postgres_remove() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS parking_rollup_insdel ON {EVENT}",
        f"DROP TRIGGER IF EXISTS parking_rollup_upd ON {EVENT}",
        "DROP FUNCTION IF EXISTS parking_rollup_trigger()",
        f"DROP FUNCTION IF EXISTS parking_rollup_apply({EVENT}, integer)",
    ]


def install(vendor: str, time_zone: str) -> list[str]:
    if vendor == "postgresql":
        return postgres_install(time_zone)
    if vendor == "sqlite":
        return sqlite_install(time_zone)
    raise NotImplementedError(f"rollup triggers for {vendor}")


def remove(vendor: str) -> list[str]:
    return postgres_remove() if vendor == "postgresql" else sqlite_remove()


def hour_expression(vendor: str, time_zone: str, column: str = "created_at") -> str:
    if vendor == "postgresql":
        return f"extract(hour from ({column} AT TIME ZONE '{time_zone}'))::int"
    return f"CAST(strftime('%H', {column}, '{utc_offset_hours(time_zone):+d} hours') AS INTEGER)"


def backfill(vendor: str, time_zone: str) -> list[str]:
    """Recompute both rollups from all events (set-based). Used once when the triggers are
    installed and by ``rollups_rebuild``; both tables are emptied first."""
    hour = hour_expression(vendor, time_zone)
    as_int = "::int" if vendor == "postgresql" else ""
    sums = (
        "count(*), "
        f"sum(CASE WHEN status IN {COLLECTED} THEN 1 ELSE 0 END), "
        f"sum(CASE WHEN status IN {COLLECTED} THEN paid_amount ELSE 0 END), "
        f"sum((status = 'pending'){as_int}), sum((status = 'expired'){as_int}), "
        f"sum((status = 'cancelled'){as_int})"
    )
    cols = ", ".join(COUNTS)
    group = "regency_id, business_date, spot_id, attendant_id, vehicle_class, channel"
    return [
        "DELETE FROM parking_rolluphour",
        "DELETE FROM parking_rollupday",
        f'INSERT INTO parking_rolluphour (regency_id, "day", "hour", spot_id, attendant_id, '  # noqa: S608
        f"vehicle_class, channel, {cols}) SELECT regency_id, business_date, {hour}, spot_id, "
        f"attendant_id, vehicle_class, channel, {sums} FROM {EVENT} "
        f"GROUP BY {group}, {hour}",
        f'INSERT INTO parking_rollupday (regency_id, "day", spot_id, attendant_id, '  # noqa: S608
        f"vehicle_class, channel, {cols}) SELECT {group}, {sums} FROM {EVENT} GROUP BY {group}",
    ]


def trigger_names(vendor: str) -> frozenset[str]:
    if vendor == "postgresql":
        return frozenset({"parking_rollup_insdel", "parking_rollup_upd"})
    return frozenset({"parking_rollup_ins", "parking_rollup_del", "parking_rollup_upd"})


def installed_triggers_query(vendor: str) -> str:
    """Names of the triggers on the event table, one per row."""
    if vendor == "postgresql":
        return (
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "  # noqa: S608
            f"AND tgrelid = '{EVENT}'::regclass"
        )
    return f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '{EVENT}'"  # noqa: S608
