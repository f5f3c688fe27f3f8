"""Open311 GeoReport v2 output in XML and JSON from the same Python structures.

Lists are ``(container, item, [dicts])`` in XML and top-level arrays in JSON (the
"Spark convention"); booleans are ``true``/``false``; ids and codes are strings,
lat/long numbers; datetimes UTC with ``Z``; every optional key is always present."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse

CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}


def w3c(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _xml_value(parent: ET.Element, name: str, value: Any, item_names: dict[str, str]) -> None:
    element = ET.SubElement(parent, name)
    if isinstance(value, bool):
        element.text = "true" if value else "false"
    elif isinstance(value, dict):
        for key, inner in value.items():
            _xml_value(element, key, inner, item_names)
    elif isinstance(value, list):
        child = item_names.get(name, "item")
        for inner in value:
            _xml_value(element, child, inner, item_names)
    elif value is None:
        element.text = ""
    else:
        element.text = str(value)


# Names of the repeated element inside each XML container.
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
    "photos": "photo",
}


def to_xml(root: str, payload: Any) -> bytes:
    """``payload`` is a list (the root is its container) or a dict (the root's
    children)."""
    holder = ET.Element("holder")
    _xml_value(holder, root, payload, ITEM_NAMES)
    body = ET.tostring(holder[0], encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8")


def respond(fmt: str, root: str, payload: Any, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        content = to_xml(root, payload)
    else:
        content = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    response = HttpResponse(content, status=status, content_type=CONTENT_TYPES[fmt])
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error(fmt: str, status: int, description: str, code: int | None = None) -> HttpResponse:
    return errors(fmt, status, [(code or status, description)])


def errors(fmt: str, status: int, items: list[tuple[int, str]]) -> HttpResponse:
    payload = [{"code": code, "description": text} for code, text in items]
    return respond(fmt, "errors", payload, status=status)
