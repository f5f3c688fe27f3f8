"""Offline cash: the arrival time of a late record, the capture time in created_at, and
the refused records kept for the korlap."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

# SQLite drops the rollup triggers when a migration rebuilds the event table; the
# post-migrate check in kotacerdas/parking/rollup_guard.py puts them back.


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_regency_hosts_prefix_zone'),
        ('parking', '0006_merge_rollups_and_regency_keys'),
    ]

    operations = [
        migrations.AddField(
            model_name='parkingevent',
            name='synced_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='diterima server'),
        ),
        # auto_now_add -> default=now changes nothing in the database (both are set by
        # Django), and a real AlterField would make SQLite rebuild the table and lose the
        # rollup triggers: state only.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='parkingevent',
                    name='created_at',
                    field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='dibuat'),
                ),
            ],
        ),
        migrations.CreateModel(
            name='OfflineRefusal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('client_ref', models.CharField(max_length=64)),
                ('spot_code', models.CharField(max_length=32, verbose_name='titik parkir')),
                ('vehicle_class', models.CharField(choices=[('bicycle', 'Sepeda / becak'), ('motorcycle', 'Sepeda motor'), ('car', 'Mobil / pikap'), ('truck_medium', 'Bus / truk sedang'), ('truck_large', 'Bus / truk besar')], max_length=16, verbose_name='golongan')),
                ('plate', models.CharField(blank=True, max_length=12, verbose_name='nomor polisi')),
                ('amount', models.PositiveIntegerField(default=0, verbose_name='tarif (Rp)')),
                ('captured_at', models.DateTimeField(verbose_name='waktu dicatat di ponsel')),
                ('received_at', models.DateTimeField(auto_now_add=True, verbose_name='diterima server')),
                ('code', models.CharField(max_length=32)),
                ('reason', models.CharField(max_length=300, verbose_name='alasan')),
                ('attendant', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='offline_refusals', to='parking.attendant')),
                ('regency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.regency')),
            ],
            options={
                'verbose_name': 'catatan tunai luring yang ditolak',
                'verbose_name_plural': 'catatan tunai luring yang ditolak',
                'ordering': ['-captured_at', '-id'],
                'indexes': [models.Index(fields=['regency', 'attendant', 'captured_at'], name='parking_off_regency_25553a_idx')],
                'constraints': [models.UniqueConstraint(fields=('regency', 'attendant', 'client_ref'), name='offline_refusal_unique_ref')],
            },
        ),
    ]
