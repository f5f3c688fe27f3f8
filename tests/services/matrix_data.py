"""Objects the access-matrix paths need (created on demand inside the matrix test)."""

from __future__ import annotations

from kotacerdas.services.models import Channel, RequestPhoto, ServiceRequest
from kotacerdas.services.seed import seed_catalogue
from kotacerdas.services.selectors import service_get
from kotacerdas.services.services.requests import request_submit
from tests.factories import kotim
from tests.services.conftest import upload


def lamp_request() -> ServiceRequest:
    """A Dishub request (the matrix officer is bound to Dishub) with one photo."""
    regency = kotim()
    existing = ServiceRequest.objects.filter(regency=regency).first()
    if existing is not None:
        return existing
    seed_catalogue(regency)
    service = service_get(regency=regency, code="lampu-jalan")
    assert service is not None
    return request_submit(
        regency=regency,
        service=service,
        channel=Channel.WEB,
        address="Taman Kota Sampit",
        attributes={"kondisi": ["mati"]},
        photos=[upload()],
    )


def photo_id() -> int:
    item = RequestPhoto.objects.filter(request=lamp_request()).first()
    assert item is not None
    return item.pk


def catalogue_code() -> str:
    lamp_request()
    return "jalan-rusak"
