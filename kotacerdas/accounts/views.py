"""Citizen sign-in pages: phone number, then the code. On success the citizen is signed
in with a session and lands on their own home (``/saya/``)."""

from __future__ import annotations

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kotacerdas.accounts.phone import PhoneInvalid, phone_display
from kotacerdas.accounts.services.otp import OtpRefused, otp_send, otp_verify
from kotacerdas.core.hub import role_home_url
from kotacerdas.core.middleware import client_ip
from kotacerdas.core.permissions import PUBLIC, access
from kotacerdas.core.tenancy import host_regency

SESSION_PHONE = "kc_otp_phone"
SESSION_NEXT = "kc_otp_next"


def _safe_next(request: HttpRequest, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


@access(PUBLIC)
def phone_start(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(role_home_url(request.user))
    context: dict[str, object] = {
        "phone": "",
        "next": _safe_next(request, request.GET.get("next", "")),
    }
    if request.method == "POST":
        raw = request.POST.get("phone", "")
        context["phone"] = raw[:32]
        try:
            sent = otp_send(
                regency=host_regency(request), phone=raw, client=client_ip(request) or ""
            )
        except (PhoneInvalid, OtpRefused) as exc:
            context["error"] = str(exc)
            status = 429 if isinstance(exc, OtpRefused) and exc.retry_after else 400
            response = render(request, "accounts/phone.html", context, status=status)
            if status == 429 and isinstance(exc, OtpRefused):
                response["Retry-After"] = str(exc.retry_after)
            return response
        request.session[SESSION_PHONE] = sent.phone
        request.session[SESSION_NEXT] = _safe_next(request, request.POST.get("next", ""))
        return redirect("accounts:code")
    return render(request, "accounts/phone.html", context)


@access(PUBLIC)
def code_enter(request: HttpRequest) -> HttpResponse:
    phone = request.session.get(SESSION_PHONE, "")
    if not phone:
        return redirect("accounts:phone")
    context: dict[str, object] = {"phone_display": phone_display(phone)}
    if request.method == "POST":
        try:
            result = otp_verify(
                regency=host_regency(request), phone=phone, code=request.POST.get("code", "")
            )
        except (PhoneInvalid, OtpRefused) as exc:
            context["error"] = str(exc)
            status = 429 if isinstance(exc, OtpRefused) and exc.retry_after else 400
            return render(request, "accounts/code.html", context, status=status)
        target = request.session.get(SESSION_NEXT, "")
        login(request, result.user, backend="django.contrib.auth.backends.ModelBackend")
        request.session.pop(SESSION_PHONE, None)
        request.session.pop(SESSION_NEXT, None)
        if result.created:
            from django.contrib import messages

            messages.success(request, _("Akun warga Anda sudah dibuat. Selamat datang!"))
        return redirect(target or role_home_url(result.user))
    return render(request, "accounts/code.html", context)


@access(PUBLIC)
def my_home(request: HttpRequest) -> HttpResponse:
    """Where each role works; the hub for visitors and roles without a home of their own."""
    if not request.user.is_authenticated:
        return redirect("home")
    return redirect(role_home_url(request.user))
