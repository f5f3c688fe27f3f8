"""The payment ledger is append-only in the database too (same protection as the audit
log, core migration 0002): PostgreSQL refuses UPDATE and DELETE of ledger rows; SQLite
refuses UPDATE (it cannot refuse DELETE because Django flushes SQLite test databases
with DELETE). TRUNCATE stays possible for the table owner (test flushes)."""

from django.db import migrations

PG_UP = """
CREATE OR REPLACE FUNCTION kotacerdas_payment_event_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'payments_paymentevent is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payments_paymentevent_no_update BEFORE UPDATE OR DELETE ON payments_paymentevent
    FOR EACH ROW EXECUTE FUNCTION kotacerdas_payment_event_immutable();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS payments_paymentevent_no_update ON payments_paymentevent;
DROP FUNCTION IF EXISTS kotacerdas_payment_event_immutable();
"""
SQLITE_UP = (
    "CREATE TRIGGER payments_paymentevent_no_update BEFORE UPDATE ON payments_paymentevent "
    "BEGIN SELECT RAISE(ABORT, 'payments_paymentevent is append-only'); END;"
)
SQLITE_DOWN = "DROP TRIGGER IF EXISTS payments_paymentevent_no_update;"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_UP)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DOWN)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
