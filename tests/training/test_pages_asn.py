from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotacerdas.core.models import Role
from kotacerdas.core.timeutil import WIB
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


@pytest.mark.django_db
def test_administrators_keep_classes_in_the_back_office_with_audited_inlines() -> None:
    from kotacerdas.core.models import AuditLog
    from kotacerdas.training.models import TrainingSession
    from tests.training.world import build_world

    world = build_world()
    admin = client_for(user_with(Role.ADMIN))
    url = f"/admin/training/trainingclass/{world.klass.pk}/change/"
    assert admin.get(url).status_code == 200
    assert (
        admin.get(f"/admin/training/asn/{make_asn('199202022015011001').pk}/change/").status_code
        == 200
    )
    officer = client_for(officer_of("dishub"))
    assert officer.post(url, {}).status_code == 403
    klass = world.klass
    data = {
        "regency": klass.regency_id,
        "course": klass.course_id,
        "code": klass.code,
        "name": "Angkatan I (ubah)",
        "year": klass.year,
        "capacity": 25,
        "lecturer": klass.lecturer_id,
        "sessions-TOTAL_FORMS": "4",
        "sessions-INITIAL_FORMS": "3",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "quotas-TOTAL_FORMS": "1",
        "quotas-INITIAL_FORMS": "1",
        "quotas-MIN_NUM_FORMS": "0",
        "quotas-MAX_NUM_FORMS": "1000",
    }
    for i, session in enumerate(world.sessions):
        local = session.starts_at.astimezone(WIB)
        end = session.ends_at.astimezone(WIB)
        data.update(
            {
                f"sessions-{i}-id": session.pk,
                f"sessions-{i}-training_class": klass.pk,
                f"sessions-{i}-number": session.number,
                f"sessions-{i}-starts_at_0": local.strftime("%Y-%m-%d"),
                f"sessions-{i}-starts_at_1": local.strftime("%H:%M:%S"),
                f"sessions-{i}-ends_at_0": end.strftime("%Y-%m-%d"),
                f"sessions-{i}-ends_at_1": end.strftime("%H:%M:%S"),
                f"sessions-{i}-place": "Aula BKPSDM" if i == 0 else session.place,
            }
        )
    quota = klass.quotas.get()
    data.update(
        {
            "quotas-0-id": quota.pk,
            "quotas-0-training_class": klass.pk,
            "quotas-0-opd": quota.opd_id,
            "quotas-0-quota": 3,
        }
    )
    response = admin.post(url, data)
    errors = response.context and [str(e) for e in response.context["errors"]]
    assert response.status_code == 302, errors
    actions = list(AuditLog.objects.values_list("action", flat=True))
    assert TrainingSession.objects.get(pk=world.sessions[0].pk).place == "Aula BKPSDM", actions
    assert AuditLog.objects.filter(action="training.trainingsession.save").count() >= 1
    assert AuditLog.objects.filter(action="training.nominationquota.save").count() == 1
    assert AuditLog.objects.filter(action="training.trainingclass.update").count() == 1
