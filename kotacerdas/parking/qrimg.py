"""QR images for pages and print: the codec's SVG made scalable for embedding, and
plain-URL QR codes (verification links) straight from segno."""

from __future__ import annotations

import re

import segno

from kotacerdas.qris import render_svg

_ROOT_SIZE = re.compile(r'<svg([^>]*?) width="(\d+)" height="(\d+)"')


def scalable(svg: str) -> str:
    """Drop the XML declaration and turn the fixed size into a viewBox, so the image
    fills whatever box the page or card gives it."""
    body = svg.split("?>", 1)[1] if svg.startswith("<?xml") else svg
    return _ROOT_SIZE.sub(r'<svg\1 viewBox="0 0 \2 \3"', body.strip(), count=1)


def qris_svg(payload: str) -> str:
    return scalable(render_svg(payload, scale=4))


def url_svg(url: str) -> str:
    return str(segno.make(url, error="m").svg_inline(scale=4, border=4, omitsize=True))
