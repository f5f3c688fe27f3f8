"""The only way payments code talks HTTP to the outside. Every call has a timeout; only
calls that are safe to repeat are retried (bounded, with backoff); logs never carry
headers, bodies or keys.

Tests swap the transport with ``use_transport`` so no test reaches the network."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests

log = logging.getLogger("kotacerdas.payments.http")

CONNECT_TIMEOUT = 3.05
READ_TIMEOUT = 10.0
RETRY_STATUSES = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class TransportError(Exception):
    """The request did not produce an HTTP answer (connection refused, timeout, TLS)."""


Transport = Callable[..., HttpResponse]


def requests_transport(
    method: str,
    url: str,
    *,
    headers: Mapping[str, str],
    body: bytes | None,
    timeout: tuple[float, float],
) -> HttpResponse:
    try:
        response = requests.request(
            method,
            url,
            headers=dict(headers),
            data=body,
            timeout=timeout,
            allow_redirects=False,  # gateways must not redirect; a redirect is a config error
        )
    except requests.RequestException as exc:
        raise TransportError(type(exc).__name__) from exc
    return HttpResponse(response.status_code, response.content, dict(response.headers))


_transport: Transport = requests_transport


@contextmanager
def use_transport(transport: Transport) -> Iterator[None]:
    global _transport
    previous = _transport
    _transport = transport
    try:
        yield
    finally:
        _transport = previous


def _where(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"  # no query string, no userinfo


def call(
    method: str,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    json_body: Any = None,
    body: bytes | None = None,
    idempotent: bool,
    retries: int = 2,
    backoff: float = 0.25,
    timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
) -> HttpResponse:
    """Send one request. ``idempotent`` calls are retried on transport errors and on
    429/502/503/504 up to ``retries`` more times; others are sent exactly once."""
    sent_headers = dict(headers or {})
    if json_body is not None:
        body = json.dumps(json_body, separators=(",", ":")).encode("utf-8")
        sent_headers.setdefault("Content-Type", "application/json")
    sent_headers.setdefault("Accept", "application/json")
    attempts = 1 + (retries if idempotent else 0)
    for attempt in range(1, attempts + 1):
        started = time.monotonic()
        try:
            response = _transport(method, url, headers=sent_headers, body=body, timeout=timeout)
        except TransportError as exc:
            log.warning(
                "%s %s failed (%s), attempt %d/%d", method, _where(url), exc, attempt, attempts
            )
            if attempt == attempts:
                raise
        else:
            log.info(
                "%s %s -> %d in %.0f ms (attempt %d)",
                method,
                _where(url),
                response.status,
                (time.monotonic() - started) * 1000,
                attempt,
            )
            if response.status not in RETRY_STATUSES or attempt == attempts:
                return response
        time.sleep(backoff * (2 ** (attempt - 1)))
    raise AssertionError("unreachable")  # pragma: no cover
