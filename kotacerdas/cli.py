"""The ``kotacerdas`` command.

``kotacerdas qris ...`` runs the pure-Python QRIS codec without loading Django, so it
works on a machine that only has the codec; every other sub-command is a Django
management command (``demo``, ``jobs``, ``apikey``, ``migrate`` ...), so operators
learn one entry point instead of ``manage.py`` plus scripts.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "qris":
        from kotacerdas.qris.cli import main as qris_main

        return qris_main(args[1:])
    default = "kotacerdas.settings.demo" if args[:1] == ["demo"] else "kotacerdas.settings.dev"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kotacerdas", *args] if args else ["kotacerdas", "help"])
    return 0
