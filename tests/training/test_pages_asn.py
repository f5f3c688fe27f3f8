from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotacerdas.core.models import Role
from kotacerdas.training.models import Asn
from tests.factories import user_with
from tests.training.conftest import make_asn, officer_of


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_only_bkpsdm_and_admins_see_full_nips(bkpsdm, other_regency) -> None:  # type: ignore[no-untyped-def]
    make_asn("198503122010011003", opd_code="dishub", name="Budi Dishub")
    make_asn("199001012019032001", opd_code="bapenda", name="Siti Bapenda")
    make_asn("199202022015011001", regency=other_regency, name="Orang Kobar")
    page = client_for(bkpsdm).get("/asn/").content.decode()
    assert "198503122010011003" in page and "Siti Bapenda" in page
    assert "Orang Kobar" not in page

    dishub_head = officer_of("dishub")
    page = client_for(dishub_head).get("/asn/").content.decode()
    assert "Budi Dishub" in page and "Siti Bapenda" not in page
    assert "198503122010011003" not in page and "••••••••2010••••••03" in page

    diskominfo = officer_of("diskominfo")
    page = client_for(diskominfo).get("/asn/").content.decode()
    assert "Siti Bapenda" in page and "198503122010011003" not in page
    auditor = user_with(Role.AUDITOR)
    assert "198503122010011003" not in client_for(auditor).get("/asn/").content.decode()


@pytest.mark.django_db
def test_bkpsdm_imports_through_the_pages(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    client = client_for(bkpsdm)
    body = (
        b"nip,nama,jenis,pangkat_golongan,jabatan,opd\n"
        b"198503122010011003,Budi,PNS,III/c,Staf,Dishub\n"
    )
    response = client.post("/asn/impor/", {"file": SimpleUploadedFile("asn.csv", body)})
    assert response.status_code == 302
    preview_url = response["Location"]
    assert "Terapkan impor" in client.get(preview_url).content.decode()
    assert Asn.objects.count() == 0
    assert client.post(preview_url).status_code == 302
    assert Asn.objects.get().name == "Budi"
    refused = client.post("/asn/impor/", {"file": SimpleUploadedFile("asn.txt", b"x")})
    assert refused.status_code == 400 and "tidak didukung" in refused.content.decode()
    assert client_for(officer_of("dishub")).get("/asn/impor/").status_code == 403


@pytest.mark.django_db
def test_linking_an_asn_to_a_user_needs_the_asn_role(bkpsdm) -> None:  # type: ignore[no-untyped-def]
    asn = make_asn()
    client = client_for(bkpsdm)
    warga = user_with(Role.WARGA)
    refused = client.post(f"/asn/{asn.pk}/", {"username": warga.username})
    assert refused.status_code == 400
    account = user_with(Role.ASN)
    assert client.post(f"/asn/{asn.pk}/", {"username": account.username}).status_code == 302
    asn.refresh_from_db()
    assert asn.user == account
