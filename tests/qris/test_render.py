"""Rendered images decode back to the exact payload with an independent reader (zxing)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
import zxingcpp
from PIL import Image

from kotacerdas.qris import QRISError, build, render_png, render_svg

from .payloads import D2, EMVCO, Z3, D

BUILT = build(
    merchant_name="JUKIR BLOK A",
    merchant_city="SAMPIT",
    postal_code="74322",
    mcc="7523",
    nmid="ID1020012345678",
    amount=2000,
    reference="PRK-2026-000001",
    terminal_label="A01",
)


def parse_svg(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def decode(png: bytes) -> list[str]:
    image = Image.open(io.BytesIO(png))
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize(
    ("payload", "profile"),
    [(D, "qris"), (D2, "qris"), (Z3, "qris"), (BUILT, "qris"), (EMVCO, "emvco")],
)
def test_png_decodes_back_to_the_payload(payload: str, profile: str) -> None:
    png = render_png(payload, profile=profile)
    assert png.startswith(b"\x89PNG")
    assert decode(png) == [payload]


def test_png_size_follows_scale_and_keeps_quiet_zone() -> None:
    small = Image.open(io.BytesIO(render_png(D, scale=2)))
    large = Image.open(io.BytesIO(render_png(D, scale=8)))
    assert large.size[0] == 4 * small.size[0]
    # The 4-module quiet zone is white: the first 4*8 pixel rows are blank.
    pixels = large.convert("L")
    assert all(pixels.getpixel((x, y)) == 255 for y in range(32) for x in range(large.size[0]))
    assert any(pixels.getpixel((x, 32)) == 0 for x in range(large.size[0]))


def test_svg_is_well_formed_xml() -> None:
    svg = render_svg(D2)
    root = parse_svg(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert int(root.attrib["width"]) > 0


def test_svg_scale_sets_nominal_size() -> None:
    one = parse_svg(render_svg(D, scale=1))
    five = parse_svg(render_svg(D, scale=5))
    assert int(five.attrib["width"]) == 5 * int(one.attrib["width"])


@pytest.mark.parametrize("payload", ["", "garbage", D[:-4] + "0000"])
def test_render_refuses_invalid_payloads(payload: str) -> None:
    with pytest.raises(QRISError):
        render_png(payload)
    with pytest.raises(QRISError):
        render_svg(payload)


@pytest.mark.parametrize("scale", [0, -1, 65, 2.5, True])
def test_render_rejects_bad_scale(scale: object) -> None:
    with pytest.raises(ValueError):
        render_png(D, scale=scale)  # type: ignore[arg-type]
