from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kotacerdas.core.inputs import bounded_date
from kotacerdas.core.models import Role
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.selectors import audit_log_list
from kotacerdas.core.tenancy import request_regency


@access(roles_rule(read=[Role.ADMIN, Role.AUDITOR], write=[]))
def audit_list(request: HttpRequest) -> HttpResponse:
    """Auditors and administrators browse the trail; filters are plain GET parameters so
    a filtered view can be bookmarked or attached to a finding."""
    regency = request_regency(request)
    filters = {
        "action": request.GET.get("action", "").strip(),
        "actor": request.GET.get("actor", "").strip(),
        "object_type": request.GET.get("object_type", "").strip(),
        "date_from": request.GET.get("date_from", ""),
        "date_to": request.GET.get("date_to", ""),
    }
    qs = audit_log_list(
        regency_id=regency.pk,
        action=filters["action"],
        actor=filters["actor"],
        object_type=filters["object_type"],
        date_from=bounded_date(filters["date_from"]),
        date_to=bounded_date(filters["date_to"]),
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in filters.items() if v})
    return render(
        request, "core/audit_list.html", {"page": page, "filters": filters, "query": query}
    )
