"""Error pages: JSON in the API's error shape under /api/, HTML elsewhere."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kotacerdas.core.api_errors import error_response


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if _is_api(request):
        return error_response(404, "not_found", "Alamat API tidak ditemukan.")
    return render(request, "web/error.html", {"status": 404}, status=404)


def forbidden(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if _is_api(request):
        return error_response(403, "forbidden", "Anda tidak berhak melakukan ini.")
    return render(request, "web/error.html", {"status": 403}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return error_response(500, "server_error", "Terjadi kesalahan pada server.")
    return render(request, "web/error.html", {"status": 500}, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if _is_api(request):
        return error_response(403, "csrf_failed", "Token CSRF tidak ada atau salah.")
    return render(request, "web/error.html", {"status": 403, "csrf": True}, status=403)
