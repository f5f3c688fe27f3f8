"""Which regency a request, a job or a command acts for.

Deployment rule (docs/security-scoping.md):

- a signed-in user with a regency acts for that regency on every page;
- public pages (vest check ``/v/``, receipts ``/r/``, reports ``/lapor/``, Open311
  without ``jurisdiction_id``) belong to the regency whose ``hosts`` list names the
  request's host;
- a deployment with exactly one active regency needs no host list: that regency
  answers on every host;
- otherwise the request is answered with 404, never with a configured default.

``default_regency()`` (``KOTACERDAS_REGENCY_CODE``) is only for management commands
run by an operator, where no request exists."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest

from kotacerdas.core.models import Regency, User


class UnknownRegency(Http404):
    """No regency answers on this host."""


def default_regency() -> Regency:
    """The regency a management command acts for (``KOTACERDAS_REGENCY_CODE``)."""
    return Regency.objects.get(code=settings.KOTACERDAS_REGENCY_CODE)


def regency_for_host(host: str) -> Regency | None:
    """The active regency serving ``host`` under the deployment rule, or ``None``."""
    host = host.split(":", 1)[0].strip().lower()
    active = list(Regency.objects.filter(is_active=True).order_by("pk"))
    for regency in active:
        if host and host in regency.host_list:
            return regency
    return active[0] if len(active) == 1 else None


def public_base(regency: Regency) -> str:
    """The public address of a regency for links sent out of a request (notices): its
    first host under the scheme of ``KOTACERDAS_PUBLIC_URL``, so a reporter of one regency
    is never sent to another regency's host, where their public page answers 404. A
    regency without a host list uses ``KOTACERDAS_PUBLIC_URL`` itself."""
    base = str(getattr(settings, "KOTACERDAS_PUBLIC_URL", "")).rstrip("/")
    hosts = regency.host_list
    if not hosts:
        return base
    scheme = base.split("://", 1)[0] if "://" in base else "https"
    return f"{scheme}://{hosts[0]}"


def host_regency(request: HttpRequest) -> Regency:
    """The regency of a public page, from the request's host (memoised per request)."""
    cached = getattr(request, "_kc_host_regency", None)
    if cached is not None:
        return cached
    regency = regency_for_host(request.get_host())
    if regency is None:
        raise UnknownRegency("no regency serves this host")
    request._kc_host_regency = regency  # type: ignore[attr-defined]
    return regency


def request_regency(request: HttpRequest) -> Regency:
    """The signed-in user's regency, else the host's (see the deployment rule)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.regency_id is not None:
        return user.regency
    return host_regency(request)


def acting_user(request: HttpRequest) -> User:
    """The signed-in user of a request that a permission check already let through."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionError("this action needs a signed-in user")
    return user
