"""Citizen pages (Bahasa Indonesia, mobile-first, work without JavaScript) and the back
office (queue per OPD, handling, dashboard). Thin: parse, call a service or selector,
render."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.inputs import ascii_int
from kotacerdas.core.models import OPD, Kecamatan, Role
from kotacerdas.core.permissions import PUBLIC, access, roles_rule
from kotacerdas.core.selectors import user_roles
from kotacerdas.core.tenancy import acting_user, host_regency, request_regency
from kotacerdas.services import limits, selectors
from kotacerdas.services.models import (
    Channel,
    Priority,
    ReplyTemplate,
    RequestPhoto,
    ServiceKind,
    ServiceRequest,
    Status,
)
from kotacerdas.services.open311.parse import attributes as parse_attributes
from kotacerdas.services.services.handling import (
    request_note_add,
    request_rate,
    request_reopen,
    request_transition,
)
from kotacerdas.services.services.photos import PhotoRejected, private_storage
from kotacerdas.services.services.reporter_tokens import (
    reporter_link_token,
    reporter_token_matches,
)
from kotacerdas.services.services.requests import RequestInvalid, request_submit, tracking_prefix
from kotacerdas.services.services.triage import (
    colleagues,
    request_assign,
    request_merge,
    request_priority_set,
)
from kotacerdas.services.sla import is_overdue
from kotacerdas.services.views_map import map_settings
from kotacerdas.services.workflow import Actor, TransitionRefused, next_statuses

STAFF_RULE = roles_rule(read=[Role.OFFICER, Role.ADMIN])


def _photos(request: ServiceRequest) -> dict[str, list[RequestPhoto]]:
    found: dict[str, list[RequestPhoto]] = {"report": [], "after": []}
    for photo in request.photos.order_by("id"):
        found[photo.kind].append(photo)
    return found


@access(PUBLIC)
def catalogue_page(request: HttpRequest) -> HttpResponse:
    services = list(selectors.catalogue(regency=host_regency(request)))
    groups = [
        (label, [s for s in services if s.kind == kind]) for kind, label in ServiceKind.choices
    ]
    return render(
        request,
        "services/catalogue.html",
        {"groups": [g for g in groups if g[1]], "example": _tracking_example(request)},
    )


def _tracking_example(request: HttpRequest) -> str:
    """What a tracking number of this host's regency looks like, for the form's hint."""
    return f"{tracking_prefix(host_regency(request))}-2611-XXXXXX"


@access(PUBLIC)
def submit(request: HttpRequest, code: str) -> HttpResponse:
    regency = host_regency(request)
    service = selectors.service_get(regency=regency, code=code)
    if service is None:
        raise Http404
    kecamatan = list(Kecamatan.objects.filter(regency=regency).order_by("name"))
    context: dict[str, Any] = {
        "service": service,
        "attributes": list(service.attributes.filter(variable=True).order_by("order")),
        "kecamatan": kecamatan,
        "data": request.POST,
        "chosen": parse_attributes(request.POST) if request.method == "POST" else {},
        **map_settings(regency),
    }
    if request.method != "POST":
        return limits.device_cookie_set(request, render(request, "services/submit.html", context))
    blocked = limits.submit_blocked(request)
    if blocked is not None:
        context["error"] = blocked.message
        response = render(request, "services/submit.html", context, status=429)
        response["Retry-After"] = str(blocked.retry_after)
        return response
    post = request.POST
    kec_id = post.get("kecamatan", "")
    user = request.user if request.user.is_authenticated else None
    try:
        created = request_submit(
            regency=regency,
            service=service,
            channel=Channel.WEB,
            description=post.get("description", ""),
            lat=post.get("lat") or None,
            lon=post.get("long") or None,
            address=post.get("address", ""),
            kecamatan=next((k for k in kecamatan if str(k.pk) == kec_id), None),
            attributes=parse_attributes(post),
            photos=request.FILES.getlist("photos"),
            reporter=user,
            reporter_name=post.get("name", ""),
            reporter_email=post.get("email", ""),
            reporter_phone=post.get("phone", ""),
            notify_channel=post.get("notify", "sms"),
            is_anonymous=post.get("anonymous") == "1",
            is_private=post.get("private") == "1",
            require_description=True,
            device_id=limits.device_id(request),
        )
    except (RequestInvalid, PhotoRejected) as exc:
        context["error"] = str(exc)
        return render(request, "services/submit.html", context, status=400)
    limits.submit_counted(request)
    messages.success(
        request,
        _("Laporan terkirim dengan nomor %(number)s. Simpan tautan halaman ini.")
        % {"number": created.tracking_number},
    )
    if created.reporter_id is not None:
        done = redirect("services:my-report", tracking=created.tracking_number)
    else:
        done = redirect("services:mine", token=reporter_link_token(created))
    return limits.device_cookie_set(request, done)


@access(PUBLIC)
def track_lookup(request: HttpRequest) -> HttpResponse:
    number = request.GET.get("nomor", "").strip().upper()
    if number:
        found = selectors.request_by_tracking(regency=host_regency(request), tracking_number=number)
        if found is not None and not found.is_private:
            return redirect("services:track", tracking=found.tracking_number)
        messages.error(request, _("Nomor laporan tidak ditemukan."))
    return render(
        request,
        "services/track_lookup.html",
        {"number": number, "example": _tracking_example(request)},
    )


def _status_context(item: ServiceRequest) -> dict[str, Any]:
    return {
        "item": item,
        "timeline": selectors.public_timeline(request=item),
        "photos": _photos(item),
        "overdue": item.is_open and is_overdue(item.due_at, timezone.now()),
    }


@access(PUBLIC)
def track(request: HttpRequest, tracking: str) -> HttpResponse:
    item = selectors.request_by_tracking(regency=host_regency(request), tracking_number=tracking)
    if item is None or item.is_private:
        raise Http404
    context = _status_context(item)
    context["supports"] = item.supports.count()
    return render(request, "services/track.html", context)


def _mine_or_404(token: str) -> ServiceRequest:
    item = selectors.request_by_reporter_token(token=token)
    if item is None:
        raise Http404
    return item


@access(PUBLIC)
def mine(request: HttpRequest, token: str) -> HttpResponse:
    item = _mine_or_404(token)
    context = _status_context(item)
    context["token"] = token
    context["can_rate"] = item.status in (Status.SELESAI, Status.DITUTUP)
    context["can_reopen"] = bool(next_statuses(item.status, Actor.REPORTER)) and item.status in (
        Status.SELESAI,
        Status.DITUTUP,
    )
    return render(request, "services/mine.html", context)


@access(PUBLIC)
def rate(request: HttpRequest, token: str) -> HttpResponse:
    item = _mine_or_404(token)
    if request.method == "POST":
        try:
            request_rate(
                request=item,
                rating=int(request.POST.get("rating", "0") or 0),
                comment=request.POST.get("comment", ""),
            )
            messages.success(request, _("Terima kasih atas penilaian Anda."))
        except (RequestInvalid, TransitionRefused, ValueError) as exc:
            messages.error(request, str(exc))
    return redirect("services:mine", token=token)


@access(PUBLIC)
def reopen(request: HttpRequest, token: str) -> HttpResponse:
    item = _mine_or_404(token)
    if request.method == "POST":
        try:
            request_reopen(request=item, reason=request.POST.get("reason", ""))
            messages.success(request, _("Laporan dibuka kembali dan diteruskan ke petugas."))
        except (RequestInvalid, TransitionRefused) as exc:
            messages.error(request, str(exc))
    return redirect("services:mine", token=token)


@access(PUBLIC)
def photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    """The public copy (no EXIF). Photos of a private request only for its reporter
    (``?t=`` token) and staff who may read it."""
    item = RequestPhoto.objects.filter(pk=photo_id).select_related("request").first()
    if item is None:
        raise Http404
    owner = item.request
    given = request.GET.get("t", "")
    hidden = owner.is_private and not reporter_token_matches(owner, given)
    own = request.user.is_authenticated and owner.reporter_id == request.user.pk
    if hidden and not own and not selectors.staff_can_read(request.user, owner):
        raise Http404
    with default_storage.open(item.public_file, "rb") as fh:
        response = HttpResponse(fh.read(), content_type="image/jpeg")
    response["Cache-Control"] = (
        "private, max-age=3600" if owner.is_private else "public, max-age=86400"
    )
    return response


@access(STAFF_RULE)
def photo_original(request: HttpRequest, photo_id: int) -> HttpResponse:
    item = RequestPhoto.objects.filter(pk=photo_id).select_related("request").first()
    if item is None or not selectors.staff_can_read(request.user, item.request):
        raise Http404
    with private_storage().open(item.original_name, "rb") as fh:
        response = HttpResponse(fh.read(), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{item.request}-{item.pk}"'
    response["Cache-Control"] = "private, no-store"
    return response


@access(STAFF_RULE)
def queue(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    params = request.GET
    kec = params.get("kecamatan", "")
    rows = selectors.queue_for(
        user=user,
        status=params.get("status", "open"),
        service_code=params.get("layanan", ""),
        kecamatan_id=ascii_int(kec),
        overdue_only=params.get("terlambat") == "1",
    )[:200]
    now = timezone.now()
    regency = request_regency(request)
    return render(
        request,
        "services/queue.html",
        {
            "rows": [(r, r.is_open and is_overdue(r.due_at, now)) for r in rows],
            "statuses": Status.choices,
            "services": selectors.catalogue(regency=regency),
            "kecamatan": Kecamatan.objects.filter(regency=regency).order_by("name"),
            "params": params,
            "opd": user.opd if Role.ADMIN not in user_roles(user) else None,
        },
    )


@access(STAFF_RULE)
def handle(request: HttpRequest, tracking: str) -> HttpResponse:
    user = acting_user(request)
    item = selectors.request_by_tracking(regency=request_regency(request), tracking_number=tracking)
    if item is None or not selectors.staff_can_read(user, item):
        raise Http404
    if request.method == "POST":
        if not selectors.staff_can_handle(user, item):
            raise PermissionDenied
        return _handle_post(request, item)
    can_handle = selectors.staff_can_handle(user, item)
    templates = ReplyTemplate.objects.filter(regency=item.regency).filter(
        opd__isnull=True
    ) | ReplyTemplate.objects.filter(regency=item.regency, opd=item.opd)
    return render(
        request,
        "services/handle.html",
        {
            "item": item,
            "timeline": selectors.full_timeline(request=item),
            "photos": _photos(item),
            "duplicates": selectors.duplicate_candidates(request=item),
            "targets": (
                next_statuses(
                    item.status, Actor.STAFF, forward_separate=item.service.forward_separate
                )
                if can_handle
                else []
            ),
            "draft": request.session.pop(f"sv-draft-{item.pk}", {}),
            "templates": templates.order_by("title"),
            "opds": OPD.objects.filter(regency=item.regency, is_active=True),
            "reporter": selectors.reporter_view(user, item),
            "overdue": item.is_open and is_overdue(item.due_at, timezone.now()),
            "can_handle": can_handle,
            "colleagues": colleagues(item) if can_handle else [],
            "priorities": Priority.choices,
            **map_settings(item.regency),
        },
    )


def _triage_post(request: HttpRequest, item: ServiceRequest, user: Any, action: str) -> None:
    post = request.POST
    if action == "assign":
        chosen = post.get("assignee", "")
        assignee = next((u for u in colleagues(item) if str(u.pk) == chosen), None)
        if chosen and assignee is None:
            raise RequestInvalid(_("Petugas tidak dikenal."), "assignee")
        request_assign(request=item, actor=user, assignee=assignee)
        messages.success(request, _("Penugasan disimpan."))
    elif action == "priority":
        request_priority_set(request=item, actor=user, priority=post.get("priority", "")[:10])
        messages.success(request, _("Prioritas disimpan."))
    else:
        survivor = selectors.request_by_tracking(
            regency=item.regency, tracking_number=post.get("survivor", "").strip().upper()[:24]
        )
        if survivor is None:
            raise RequestInvalid(_("Nomor laporan tujuan tidak ditemukan."), "survivor")
        try:
            request_merge(duplicate=item, survivor=survivor, actor=user)
        except PermissionDenied as exc:
            raise RequestInvalid(_("Laporan tujuan bukan antrean OPD Anda."), "survivor") from exc
        messages.success(request, _("Laporan digabung ke %(n)s.") % {"n": survivor.tracking_number})


def _handle_post(request: HttpRequest, item: ServiceRequest) -> HttpResponse:
    user = acting_user(request)
    post = request.POST
    note = post.get("note", "").strip()
    template_id = ascii_int(post.get("template", ""))
    if not note and template_id is not None:
        chosen = ReplyTemplate.objects.filter(pk=template_id, regency=item.regency).first()
        note = chosen.body if chosen else ""
    try:
        action = post.get("action")
        if action in ("assign", "priority", "merge"):
            _triage_post(request, item, user, action)
        elif action == "note":
            request_note_add(
                request=item, actor=user, note=note, is_public=post.get("public") == "1"
            )
            messages.success(request, _("Catatan disimpan."))
        else:
            target = Status(post.get("target", ""))
            opd_id = ascii_int(post.get("opd", ""))
            duplicate = post.get("duplicate_of", "").strip()
            request_transition(
                request=item,
                target=target,
                actor=user,
                note=note,
                internal_note=post.get("internal_note", ""),
                after_photo=request.FILES.get("after_photo"),
                target_opd=(
                    OPD.objects.filter(regency=item.regency, pk=opd_id).first()
                    if opd_id is not None
                    else None
                ),
                duplicate_of=(
                    selectors.request_by_tracking(regency=item.regency, tracking_number=duplicate)
                    if duplicate
                    else None
                ),
            )
            messages.success(request, _("Status diubah menjadi %(s)s.") % {"s": target.label})
    except (RequestInvalid, PhotoRejected, TransitionRefused, ValueError) as exc:
        messages.error(request, str(exc))
        # what the officer typed comes back in the form instead of being lost
        request.session[f"sv-draft-{item.pk}"] = {
            "action": post.get("action", ""),
            "note": post.get("note", "")[:4000],
            "internal_note": post.get("internal_note", "")[:4000],
            "duplicate_of": post.get("duplicate_of", "")[:24],
        }
    if not selectors.staff_can_read(user, ServiceRequest.objects.get(pk=item.pk)):
        return redirect("services:queue")
    return redirect("services:handle", tracking=item.tracking_number)


@access(STAFF_RULE)
def dashboard_page(request: HttpRequest) -> HttpResponse:
    days_param = request.GET.get("hari", "90")
    days = ascii_int(days_param, default=90, minimum=1, maximum=366) or 90
    regency = request_regency(request)
    rows = selectors.dashboard(regency=regency, since=timezone.now() - timedelta(days=days))
    totals = {
        "total": sum(r.total for r in rows),
        "open": sum(r.open for r in rows),
        "overdue": sum(r.overdue for r in rows),
    }
    return render(
        request, "services/dashboard.html", {"rows": rows, "days": days, "totals": totals}
    )
