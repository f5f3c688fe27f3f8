"""QRIS codec: parse, validate, build and convert QRIS (EMVCo MPM) payloads.

Pure Python with no Django imports, so the ``kotacerdas qris`` command and any worker can
use it without configuring Django. See ``docs/qris.md`` for the rules and codes.
"""

from .build import build
from .convert import to_dynamic
from .crc import crc16
from .errors import Issue, QRISError, Severity
from .model import QRIS, Field, MerchantAccount, parse
from .render import render_png, render_svg
from .validate import is_valid, validate

__all__ = [
    "QRIS",
    "Field",
    "Issue",
    "MerchantAccount",
    "QRISError",
    "Severity",
    "build",
    "crc16",
    "is_valid",
    "parse",
    "render_png",
    "render_svg",
    "to_dynamic",
    "validate",
]
