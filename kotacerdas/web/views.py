from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, cast

from django.contrib.auth import views as auth_views
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from kotacerdas import __version__
from kotacerdas.core import hub
from kotacerdas.core.middleware import client_ip
from kotacerdas.core.permissions import PUBLIC, access
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.services.audit import audit_record
from kotacerdas.core.services.logins import (
    LoginSlot,
    login_attempt_begin,
    login_attempt_succeeded,
)
from kotacerdas.core.tenancy import regency_for_host
from kotacerdas.core.timeutil import to_wib


@access(PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    # The hub names the regency the visitor acts for (the deployment rule), never a
    # configured default: on another regency's host it must not name Kotim.
    user_regency = getattr(request.user, "regency", None)
    regency = user_regency or regency_for_host(request.get_host())
    authenticated = bool(request.user.is_authenticated)
    roles = user_roles(request.user) if authenticated else frozenset()
    opd = getattr(request.user, "opd", None) if authenticated else None
    sections, closed = hub.hub_sections(roles, authenticated, opd.code if opd else "")
    my_home = hub.role_home_url(request.user) if authenticated else ""
    return render(
        request,
        "web/home.html",
        {
            "regency": regency,
            "sections": sections,
            "closed": closed,
            "my_home": my_home if my_home != "/" else "",
        },
    )


@access(PUBLIC)
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and uptime checks: 503 as soon as the database is unreachable,
    so the proxy stops sending traffic to a process that cannot serve it."""
    started = time.monotonic()
    db_state = "ok"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        db_state = "error"
    body: dict[str, Any] = {
        "status": "ok" if db_state == "ok" else "error",
        "database": db_state,
        "database_vendor": connection.vendor,
        "version": __version__,
        "time": to_wib(timezone.now()).isoformat(),
        "check_ms": round((time.monotonic() - started) * 1000, 1),
    }
    return JsonResponse(body, status=200 if db_state == "ok" else 503)


class LoginView(auth_views.LoginView):
    """Django's login with a lockout (kotacerdas.core.services.logins): after
    KOTACERDAS_LOGIN_MAX_FAILURES failures for a username from one address (or the
    coarse per-address ceiling) within the window, further attempts are refused with 429
    before the password is even checked."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True
    _slot: LoginSlot | None = None

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = request.POST.get("username") or ""
        slot = login_attempt_begin(username=username, ip=client_ip(request))
        if isinstance(slot, int):
            minutes = max(1, round(slot / 60))
            response = render(
                request,
                self.template_name,
                {"form": self.get_form(), "locked_minutes": minutes},
                status=429,
            )
            response["Retry-After"] = str(slot)
            return response
        self._slot = slot
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        if self._slot is not None:
            login_attempt_succeeded(self._slot)
        if user.regency_id is not None:
            audit_record(regency=user.regency, actor=user, action="core.auth.login", obj=user)
        return response


login_view = access(PUBLIC)(cast(Callable[..., HttpResponse], LoginView.as_view()))
logout_view = access(PUBLIC)(cast(Callable[..., HttpResponse], auth_views.LogoutView.as_view()))
