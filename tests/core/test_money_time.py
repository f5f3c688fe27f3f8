from datetime import UTC, datetime

import pytest

from kotacerdas.core.money import format_rupiah
from kotacerdas.core.timeutil import format_wib


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "Rp0"),
        (1000, "Rp1.000"),
        (2000, "Rp2.000"),
        (1234567, "Rp1.234.567"),
        (-4000, "-Rp4.000"),
    ],
)
def test_format_rupiah(amount: int, text: str) -> None:
    assert format_rupiah(amount) == text


@pytest.mark.parametrize("bad", [2000.0, True, "2000"])
def test_format_rupiah_refuses_non_integers(bad: object) -> None:
    with pytest.raises(TypeError):
        format_rupiah(bad)  # type: ignore[arg-type]


def test_format_wib_is_utc_plus_seven() -> None:
    assert format_wib(datetime(2026, 11, 28, 17, 30, tzinfo=UTC)) == "29-11-2026 00:30 WIB"
