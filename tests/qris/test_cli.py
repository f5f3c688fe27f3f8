"""``kotacerdas qris`` sub-commands: exit codes, stdin, --json."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kotacerdas.qris.cli import main

from .payloads import D2, EMVCO, Z1, D

ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_valid_and_invalid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", D], capsys)
    assert (code, out.strip()) == (0, "valid")
    code, out, _ = run(["validate", D[:-4] + "0000"], capsys)
    assert code == 1
    assert "crc.mismatch" in out and out.strip().endswith("invalid")


def test_validate_profile_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", EMVCO], capsys)
    assert code == 1
    assert "country.not_id" in out
    code, out, _ = run(["validate", "--profile", "emvco", EMVCO], capsys)
    assert code == 0
    assert out.strip().splitlines()[-1] == "valid"
    code, _, _ = run(["validate", "--profile", "visa", EMVCO], capsys)
    assert code == 2


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", "--json", D[:-4] + "3acc"], capsys)
    data = json.loads(out)
    assert code == 0
    assert data == {
        "valid": True,
        "issues": [
            {
                "code": "crc.lowercase",
                "severity": "warning",
                "path": "63",
                "message": data["issues"][0]["message"],
            }
        ],
    }
    code, out, _ = run(["validate", "--json", "nonsense"], capsys)
    assert code == 1
    assert json.loads(out)["valid"] is False


@pytest.mark.parametrize("argv", [["validate"], ["validate", "-"]])
def test_payload_from_stdin(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(D + "\n"))
    code, out, _ = run(argv, capsys)
    assert (code, out.strip()) == (0, "valid")


def test_decode_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["decode", D2], capsys)
    assert code == 0
    assert "59  TOKO CONTOH" in out
    assert "  62.05  INV-2026-001" in out
    code, out, _ = run(["decode", "--json", D2], capsys)
    assert code == 0
    assert json.loads(out)["amount"] == "25000"


def test_decode_broken_payload(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["decode", "0002015920SHORT"], capsys)
    assert code == 1
    assert "tlv.truncated" in err
    code, out, _ = run(["decode", "--json", "0002015920SHORT"], capsys)
    assert code == 1
    assert json.loads(out)["error"] == {
        "code": "tlv.truncated",
        "offset": 6,
        "message": json.loads(out)["error"]["message"],
    }


def test_dynamic(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["dynamic", D, "--amount", "2000", "--reference", "PRK-000007"], capsys)
    assert (code, out.strip()) == (0, Z1)
    code, out, _ = run(
        ["dynamic", "--json", D, "--amount", "2000", "--reference", "PRK-000007"], capsys
    )
    assert json.loads(out) == {"payload": Z1}


def test_dynamic_refuses_invalid_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["dynamic", D[:-4] + "0000", "--amount", "2000"], capsys)
    assert code == 1
    assert "crc.mismatch" in err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["explode", D],
        ["dynamic", D],
        ["dynamic", D, "--amount", "abc"],
        ["dynamic", D, "--amount", "0"],
        ["dynamic", D, "--amount", "-5"],
        ["validate", D, "extra"],
        ["validate", "--bogus", D],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert "usage:" in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert "kotacerdas qris" in out


def test_module_entry_point_in_a_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kotacerdas.qris.cli", "validate", "--json", "-"],
        input=D2,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"valid": True, "issues": []}
    bad = subprocess.run(
        [sys.executable, "-m", "kotacerdas.qris.cli", "validate", D[:-1]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 1
    # and Django was never needed: the codec runs in a bare interpreter
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from kotacerdas.qris.cli import main; main(['validate', sys.argv[1]]);"
            "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)",
            D,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
