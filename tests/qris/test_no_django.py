"""The codec must stay importable without Django (CLI, workers, other tools)."""

from __future__ import annotations

import ast
from pathlib import Path

import kotacerdas.qris

PACKAGE = Path(kotacerdas.qris.__file__).parent


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and getattr(node.func, "id", getattr(node.func, "attr", ""))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(str(node.args[0].value))
    return names


def test_package_has_modules() -> None:
    assert len(list(PACKAGE.glob("*.py"))) >= 8


def test_no_module_imports_django() -> None:
    offenders = {
        f"{path.name}: {name}"
        for path in PACKAGE.rglob("*.py")
        for name in imported_modules(path)
        if name == "django" or name.startswith("django.")
    }
    assert offenders == set()


def test_detector_would_catch_a_django_import(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text(
        "from django.conf import settings\nimport importlib\nimportlib.import_module('django')\n"
    )
    assert {"django.conf", "importlib", "django"} <= imported_modules(sample)
