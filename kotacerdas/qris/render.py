"""QR images of payloads, via segno.

Settings are fixed rather than exposed because they are part of being scannable:
error correction M (what QRIS stickers use; survives a scuffed vest card), no automatic
error-correction boost (it would change the version and module size between payloads of
similar length), the 4-module quiet zone the QR standard requires, explicit UTF-8 so
non-ASCII alternate names match the CRC, and an opaque white background so the code stays
readable on a phone in dark mode.
"""

from __future__ import annotations

import io

import segno

from .errors import ERROR, QRISError
from .validate import validate

QUIET_ZONE = 4


def _qr(payload: str, profile: str) -> segno.QRCode:
    for issue in validate(payload, profile=profile):
        if issue.severity == ERROR:
            raise QRISError(
                f"refusing to render an invalid payload: {issue.message}",
                code=issue.code,
                path=issue.path,
            )
    return segno.make(payload, error="m", boost_error=False, micro=False, encoding="utf-8")


def _check_scale(scale: int) -> None:
    if isinstance(scale, bool) or not isinstance(scale, int) or not 1 <= scale <= 64:
        raise ValueError(f"scale must be an int from 1 to 64, got {scale!r}")


def render_svg(payload: str, *, scale: int = 4, profile: str = "qris") -> str:
    """Standalone SVG document; vector, so ``scale`` only sets the nominal pixel size."""
    _check_scale(scale)
    out = io.BytesIO()
    _qr(payload, profile).save(
        out,
        kind="svg",
        scale=scale,
        border=QUIET_ZONE,
        dark="#000000",
        light="#ffffff",
        xmldecl=True,
        svgns=True,
        title="QRIS",
    )
    return out.getvalue().decode("utf-8")


def render_png(payload: str, *, scale: int = 8, profile: str = "qris") -> bytes:
    """PNG with ``scale`` pixels per module (8 → ~450 px for a typical payload)."""
    _check_scale(scale)
    out = io.BytesIO()
    _qr(payload, profile).save(
        out, kind="png", scale=scale, border=QUIET_ZONE, dark="#000000", light="#ffffff"
    )
    return out.getvalue()
