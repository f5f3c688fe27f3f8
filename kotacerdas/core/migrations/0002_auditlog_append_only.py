"""Make the audit log append-only in the database itself, so not even raw SQL or a
console session can rewrite history.

PostgreSQL refuses row UPDATE and DELETE. TRUNCATE stays possible for the table owner
only (test databases are flushed that way); production runs the app under a role that
does not own the tables. SQLite, the embedded demo database, refuses UPDATE; it cannot
refuse DELETE because Django flushes SQLite test databases with DELETE."""

from django.db import migrations

PG_UP = """
CREATE OR REPLACE FUNCTION kotacerdas_audit_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_auditlog is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditlog_no_update BEFORE UPDATE OR DELETE ON core_auditlog
    FOR EACH ROW EXECUTE FUNCTION kotacerdas_audit_immutable();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS core_auditlog_no_update ON core_auditlog;
DROP FUNCTION IF EXISTS kotacerdas_audit_immutable();
"""
SQLITE_UP = [
    "CREATE TRIGGER core_auditlog_no_update BEFORE UPDATE ON core_auditlog "
    "BEGIN SELECT RAISE(ABORT, 'core_auditlog is append-only'); END;",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditlog_no_update;",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_UP)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_DOWN)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
