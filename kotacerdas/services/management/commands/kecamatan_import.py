"""``kotacerdas kecamatan_import FILE.geojson`` loads official kecamatan polygons (e.g.
BIG/BPS administrative boundaries exported as GeoJSON, WGS 84) for one regency, all or
nothing; ``--demo`` loads the approximate Voronoi areas shipped for Kotim instead."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kotacerdas.core.models import Regency
from kotacerdas.services.services.areas import (
    AreaImportError,
    areas_import,
    areas_seed_approximate,
)


class Command(BaseCommand):
    help = "Impor batas kecamatan (GeoJSON FeatureCollection) untuk satu kabupaten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="berkas .geojson")
        parser.add_argument("--regency", default=settings.KOTACERDAS_REGENCY_CODE)
        parser.add_argument("--source", default="", help="sumber data, mis. 'BIG 2023'")
        parser.add_argument("--name-property", default="", help="properti nama kecamatan")
        parser.add_argument("--approximate", action="store_true", help="tandai sebagai perkiraan")
        parser.add_argument("--demo", action="store_true", help="area perkiraan demo Kotim")

    def handle(self, *args: Any, **options: Any) -> None:
        regency = Regency.objects.filter(code=options["regency"]).first()
        if regency is None:
            raise CommandError(f"Kabupaten {options['regency']} tidak ada.")
        try:
            if options["demo"]:
                count = areas_seed_approximate(regency)
            else:
                if not options["path"]:
                    raise CommandError("Sebutkan berkas GeoJSON atau --demo.")
                try:
                    document = json.loads(Path(options["path"]).read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise CommandError(f"Berkas tidak bisa dibaca sebagai GeoJSON: {exc}") from exc
                count = areas_import(
                    regency=regency,
                    document=document,
                    approximate=options["approximate"],
                    source=options["source"] or Path(options["path"]).name,
                    name_property=options["name_property"],
                )
        except AreaImportError as exc:
            raise CommandError("Tidak ada yang diimpor:\n" + "\n".join(exc.errors)) from exc
        self.stdout.write(f"{count} batas kecamatan diimpor untuk {regency.name}.")
