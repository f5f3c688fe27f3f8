"""The korlap's list of cash recorded offline: records that arrived late (with the time
they were taken and the time they arrived) and records the server refused, with the
reason, so the money can still be handed over."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kotacerdas.core.permissions import access
from kotacerdas.core.tenancy import request_regency
from kotacerdas.parking.selectors import sees_all_parking
from kotacerdas.parking.selectors_offline import offline_refusals_for, offline_synced_for
from kotacerdas.parking.views_staff import STAFF_READ, _viewer

SHOWN = 200


@access(STAFF_READ)
def offline_records(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    regency = request_regency(request)
    return render(
        request,
        "parking/offline.html",
        {
            "refusals": offline_refusals_for(user, regency)[:SHOWN],
            "synced": offline_synced_for(user, regency)[:SHOWN],
            "all_scope": sees_all_parking(user),
        },
    )
