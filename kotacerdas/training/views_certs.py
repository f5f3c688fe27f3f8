"""Certificates: the public verification page, the credential as JSON and as VC-JWT,
the printable certificate with its QR, the issuer profile, the JWKS and the status
lists; and BKPSDM's list with revocation and suspension."""

from __future__ import annotations

import json

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kotacerdas.core.models import Regency, Role
from kotacerdas.core.permissions import PUBLIC, access, roles_rule
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.tenancy import acting_user, request_regency
from kotacerdas.partners.models import Partner
from kotacerdas.partners.selectors import partner_by_code
from kotacerdas.training import openbadges, selectors
from kotacerdas.training.access import is_bkpsdm
from kotacerdas.training.cosign import cosigner
from kotacerdas.training.keys import jwks, signing_key
from kotacerdas.training.models import Credential, CredentialStatus
from kotacerdas.training.models.courses import ELEMENT_CODES
from kotacerdas.training.partner_keys import partner_jwks
from kotacerdas.training.services.credentials import credential_set_status, status_list_jwt
from kotacerdas.training.workflow import TrainingRefused

STAFF_RULE = roles_rule(read=[Role.OFFICER, Role.ADMIN])
PAGE = 200


def _credential(public_id: str) -> Credential:
    credential = selectors.credential_public(public_id=public_id)
    if credential is None:
        raise Http404
    return credential


def _cors(response: HttpResponse) -> HttpResponse:
    """Verifiers run in other origins (wallets, HR systems): public documents allow it."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


@access(PUBLIC)
def lookup(request: HttpRequest) -> HttpResponse:
    number = request.GET.get("nomor", "").strip().lower()[:40]
    if number:
        if selectors.credential_public(public_id=number) is not None:
            return redirect("training:cert", public_id=number)
        return render(
            request,
            "training/cert_lookup.html",
            {"number": number, "error": _("Sertifikat dengan nomor itu tidak ditemukan.")},
            status=404,
        )
    return render(request, "training/cert_lookup.html", {"number": ""})


@access(PUBLIC)
def verify_page(request: HttpRequest, public_id: str) -> HttpResponse:
    credential = _credential(public_id)
    return render(request, "training/cert_verify.html", _cert_context(credential))


def _cert_context(credential: Credential) -> dict[str, object]:
    payload = credential.payload
    achievement = payload["credentialSubject"]["achievement"]
    url = openbadges.credential_url(credential.public_id)
    return {
        "c": credential,
        "name": payload["credentialSubject"]["identifier"][0]["identityHash"],
        "achievement": achievement,
        "issuer": payload["issuer"]["name"],
        "partner": achievement.get("creator", {}).get("name", ""),
        # Shown only when the partner's signature verifies against its published key.
        "cosigner": cosigner(payload=payload, regency_code=credential.regency.code),
        "url": url,
        "jwt_url": openbadges.jwt_url(credential.public_id),
        "qr": segno.make(url, error="m").svg_inline(scale=4, border=2),
    }


@access(PUBLIC)
def print_page(request: HttpRequest, public_id: str) -> HttpResponse:
    credential = _credential(public_id)
    return render(request, "training/cert_print.html", _cert_context(credential))


@access(PUBLIC)
def credential_jwt(request: HttpRequest, public_id: str) -> HttpResponse:
    credential = _credential(public_id)
    response = HttpResponse(credential.jwt, content_type="application/vc+jwt")
    if request.GET.get("unduh") == "1":
        response["Content-Disposition"] = f'attachment; filename="sertifikat-{public_id}.jwt"'
    return _cors(response)


@access(PUBLIC)
def credential_json(request: HttpRequest, public_id: str) -> HttpResponse:
    credential = _credential(public_id)
    body = json.dumps(credential.payload, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/vc+ld+json; charset=utf-8")
    if request.GET.get("unduh") == "1":
        response["Content-Disposition"] = f'attachment; filename="sertifikat-{public_id}.json"'
    return _cors(response)


@access(PUBLIC)
def jwks_view(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(jwks())
    response["Cache-Control"] = "public, max-age=300"
    return _cors(response)


def _regency(code: str) -> Regency:
    regency = Regency.objects.filter(code=code[:8]).first()
    if regency is None:
        raise Http404
    return regency


@access(PUBLIC)
def issuer_view(request: HttpRequest, code: str) -> HttpResponse:
    regency = _regency(code)
    profile = openbadges.issuer_profile(
        regency_code=regency.code, regency_name=regency.name, jwk=signing_key().jwk
    )
    return _cors(JsonResponse(profile, json_dumps_params={"ensure_ascii": False}))


def _partner(code: str, partner_code: str) -> tuple[Regency, Partner]:
    regency = _regency(code)
    partner = partner_by_code(regency=regency, code=partner_code[:40])
    if partner is None:
        raise Http404
    return regency, partner


@access(PUBLIC)
def partner_profile_view(request: HttpRequest, code: str, partner_code: str) -> HttpResponse:
    """The co-signing partner's ``Profile`` (the issuer of its endorsements)."""
    regency, partner = _partner(code, partner_code)
    keys = partner_jwks(regency_code=regency.code, partner_code=partner.code)["keys"]
    profile = openbadges.partner_profile(
        regency_code=regency.code,
        partner_code=partner.code,
        name=partner.name,
        url=partner.website,
        jwk=keys[0] if keys else None,
    )
    return _cors(JsonResponse(profile, json_dumps_params={"ensure_ascii": False}))


@access(PUBLIC)
def partner_jwks_view(request: HttpRequest, code: str, partner_code: str) -> HttpResponse:
    """The partner's own public keys (current and retired), apart from the issuer's."""
    regency, partner = _partner(code, partner_code)
    response = JsonResponse(partner_jwks(regency_code=regency.code, partner_code=partner.code))
    response["Cache-Control"] = "public, max-age=300"
    return _cors(response)


@access(PUBLIC)
def status_list_view(request: HttpRequest, code: str, purpose: str) -> HttpResponse:
    if purpose not in openbadges.PURPOSES:
        raise Http404
    token = status_list_jwt(regency=_regency(code), purpose=purpose)
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Cache-Control"] = "public, max-age=60"
    return _cors(response)


@access(PUBLIC)
def competencies(request: HttpRequest) -> HttpResponse:
    """The codes credentials align to (the anchors of their ``targetUrl``)."""
    return render(request, "training/competencies.html", {"elements": sorted(ELEMENT_CODES)})


@access(STAFF_RULE)
def staff_list(request: HttpRequest) -> HttpResponse:
    if not (is_bkpsdm(request.user) or _auditor(request)):
        raise PermissionDenied
    status = request.GET.get("status", "")
    status = status if status in CredentialStatus.values else ""
    qs = selectors.credentials_list(regency=request_regency(request), status=status)
    return render(
        request,
        "training/cert_staff.html",
        {
            "rows": list(qs[:PAGE]),
            "total": qs.count(),
            "statuses": CredentialStatus.choices,
            "status": status,
            "can_change": is_bkpsdm(request.user),
        },
    )


def _auditor(request: HttpRequest) -> bool:
    return Role.AUDITOR in user_roles(request.user)


@access(STAFF_RULE)
def staff_status(request: HttpRequest, public_id: str) -> HttpResponse:
    if not is_bkpsdm(request.user):
        raise PermissionDenied
    credential = selectors.credential_public(public_id=public_id)
    if credential is None or credential.regency_id != request_regency(request).pk:
        raise Http404
    if request.method == "POST":
        try:
            credential_set_status(
                credential=credential,
                status=request.POST.get("status", ""),
                reason=request.POST.get("reason", ""),
                actor=acting_user(request),
            )
        except TrainingRefused as exc:
            return render(
                request,
                "training/cert_status.html",
                {"c": credential, "error": str(exc), "statuses": CredentialStatus.choices},
                status=400,
            )
        messages.success(request, _("Status sertifikat diperbarui."))
        return redirect("training:cert-staff")
    return render(
        request,
        "training/cert_status.html",
        {"c": credential, "statuses": CredentialStatus.choices},
    )
