"""Install the triggers that keep the hourly and daily rollups in step with parking
events (see kotacerdas/parking/rollup_sql.py), and fill the rollups from the events
already stored."""

from django.conf import settings
from django.db import migrations

from kotacerdas.parking import rollup_sql


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    for statement in rollup_sql.install(vendor, settings.TIME_ZONE):
        schema_editor.execute(statement)
    for statement in rollup_sql.backfill(vendor, settings.TIME_ZONE):
        schema_editor.execute(statement)


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    for statement in rollup_sql.remove(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("parking", "0003_deposits_corrections_rollups_potential")]

    operations = [migrations.RunPython(install, remove)]
