from __future__ import annotations

import pytest
from django.core.management import call_command

from kotacerdas.core.models import (
    OPD,
    AuditLog,
    Kecamatan,
    Kelurahan,
    Regency,
    Role,
    RoleAssignment,
    User,
)

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Regency, Kecamatan, Kelurahan, OPD, User, RoleAssignment, AuditLog)
    }


def test_demo_seeds_kotim_and_is_idempotent(tmp_path, settings, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path
    monkeypatch.setenv("KOTACERDAS_DEMO_PASSWORD", "Sampit-demo-2026")
    call_command("demo", "--no-serve")
    first = _counts()
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out
    assert "jukir1" in out and "warga1" in out

    regency = Regency.objects.get(code="6202")  # the programme demo adds a second regency
    assert (regency.name, regency.capital, regency.code, regency.jurisdiction_id) == (
        "Kabupaten Kotawaringin Timur",
        "Sampit",
        "6202",
        "kotimkab.go.id",
    )
    assert first["Kecamatan"] == 17
    assert Kelurahan.objects.get(code="62.02.06.1003").postal_code == "74325"
    assert {
        "diskominfo",
        "dishub",
        "bapenda",
        "bkpsdm",
        "bapperida",
        "dlh",
        "pupr",
        "dinkes",
        "disdukcapil",
        "dpmptsp",
        "satpolpp",
        "rsud-murjani",
    } <= set(OPD.objects.values_list("code", flat=True))
    assert OPD.objects.filter(kind="kecamatan").count() == 17
    names = set(User.objects.values_list("username", flat=True))
    assert {
        "admin",
        "diskominfo",
        "dishub",
        "bapenda",
        "korlap1",
        "jukir1",
        "jukir2",
        "warga1",
    } <= names
    dishub = User.objects.get(username="dishub")
    assert dishub.check_password("Sampit-demo-2026")
    assert RoleAssignment.objects.get(user=dishub).opd.code == "dishub"
    assert set(
        RoleAssignment.objects.filter(user__username="jukir1").values_list("role", flat=True)
    ) == {Role.JUKIR}

    call_command("demo", "--no-serve")
    assert _counts() == first


def test_generated_password_is_kept_between_runs(tmp_path, settings, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("KOTACERDAS_DEMO_PASSWORD", raising=False)
    call_command("demo", "--no-serve", "--port", "8123")
    out = capsys.readouterr().out
    password = (tmp_path / "demo-password.txt").read_text().strip()
    assert password in out and "http://127.0.0.1:8123/" in out
    call_command("demo", "--no-serve")
    assert password in capsys.readouterr().out
    assert User.objects.get(username="warga1").check_password(password)
