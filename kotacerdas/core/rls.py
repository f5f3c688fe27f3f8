"""PostgreSQL row-level security: the second line behind the application's scoping.

Every table with a ``regency`` column (except accounts, which sign-in must find before
a regency is known) gets one policy, ``kc_regency``, keyed to the session setting
``kotacerdas.regency_id``:

- a number: only rows of that regency are read or written;
- ``none``: no regency-keyed row at all (a public request for an unknown host);
- ``all``: every row, the documented bypass for cross-regency work (operators'
  requests, the job runner's cross-regency jobs, gateway webhooks before the charge is
  known);
- unset or empty: every row, for migrations and an operator's management commands.

The request middleware and the job runner set it (``acting_for``) and reset it after,
so a pooled connection never carries one request's regency into the next. Policies are
``FORCE``d so the table owner is bound too; PostgreSQL superusers and roles with
``BYPASSRLS`` are never bound, so production connects as an ordinary role.

Off unless ``KOTACERDAS_RLS`` is set (and only on PostgreSQL): see
docs/security-scoping.md for why it is opt-in and how it is tested."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.db import connection

SETTING = "kotacerdas.regency_id"
POLICY = "kc_regency"
# Sign-in looks a user up by name before any regency is known.
EXEMPT_TABLES = frozenset({"core_user"})

_CONDITION = (
    "CASE coalesce(current_setting('kotacerdas.regency_id', true), '') "
    "WHEN '' THEN true WHEN 'all' THEN true WHEN 'none' THEN false "
    "ELSE regency_id = current_setting('kotacerdas.regency_id', true)::bigint END"
)


# Gateway callbacks name an order before its regency is known; they look the charge up
# across regencies and then act for the charge's own regency in their services.
BYPASS_PATH_PREFIXES = ("/payments/webhooks/", "/simulator/")


def enabled() -> bool:
    return bool(getattr(settings, "KOTACERDAS_RLS", False)) and connection.vendor == "postgresql"


def regency_tables() -> list[str]:
    """Tables of every installed model with a concrete ``regency`` foreign key."""
    tables = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        keyed = any(f.name == "regency" and f.is_relation for f in meta.concrete_fields)
        if keyed and meta.db_table not in EXEMPT_TABLES:
            tables.append(meta.db_table)
    return sorted(tables)


def policy_sql(table: str) -> list[str]:
    quoted = connection.ops.quote_name(table)
    return [
        f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {quoted} FORCE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS {POLICY} ON {quoted}",
        f"CREATE POLICY {POLICY} ON {quoted} USING ({_CONDITION}) WITH CHECK ({_CONDITION})",
    ]


def apply_policies(**_: object) -> list[str]:
    """(Re)creates the policy on every regency-keyed table; run after every migrate
    when enabled, so tables of apps added later are covered. Returns the tables."""
    if connection.vendor != "postgresql":
        return []
    tables = regency_tables()
    with connection.cursor() as cursor:
        for table in tables:
            for statement in policy_sql(table):
                cursor.execute(statement)
    return tables


def apply_if_enabled(**kwargs: object) -> None:
    if enabled():
        apply_policies()


def _set(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [SETTING, value])


@contextmanager
def acting_for(regency_id: int | None, *, bypass: bool = False) -> Iterator[None]:
    """Within the block, the database session acts for ``regency_id`` (``None``: no
    regency), or for all regencies when ``bypass``. A no-op when RLS is off."""
    if not enabled():
        yield
        return
    _set("all" if bypass else (str(int(regency_id)) if regency_id is not None else "none"))
    try:
        yield
    finally:
        _set("")
