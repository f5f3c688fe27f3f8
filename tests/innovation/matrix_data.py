"""Objects the access-matrix paths need (created on demand inside the matrix test).
The matrix officer belongs to Dishub, so the handover goes to Dishub: the receiving OPD
may open the BAST and record milestones, other officers may not."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kotacerdas.core.models import OPD
from kotacerdas.innovation.models import AdoptionMilestone, EvidenceFile, Handover, Innovation
from kotacerdas.innovation.seed import seed_rulesets
from kotacerdas.innovation.services.handover import handover_record
from kotacerdas.innovation.services.iid import year_open
from tests.factories import kotim
from tests.innovation.helpers import accepted, bapperida


def handed() -> Innovation:
    regency = kotim()
    found = Innovation.objects.filter(regency=regency, slug__startswith="lapak").first()
    if found is not None:
        return found
    reviewer = bapperida(regency)
    item = accepted(regency, reviewer)
    item.submitted_at = timezone.now() - timedelta(days=30)
    item.save(update_fields=["submitted_at"])
    today = timezone.localdate()
    handover_record(
        innovation=item,
        data={
            "bast_number": "BAST/UJI/1",
            "handed_on": today.isoformat(),
            "place": "Sampit",
            "giver_name": "Rina",
            "giver_role": "Warga",
            "receiver_opd": str(OPD.objects.get(regency=regency, code="dishub").pk),
            "receiver_name": "Kepala Dishub",
            "receiver_role": "Kepala Dinas",
            "documents": "1",
            "items": "Dokumen rancangan",
            "licence": "open-source",
            "licence_terms": "Bebas dipakai",
            "adoption_plan": "Uji coba di PPM",
        },
        milestones=[("Pelatihan", (today + timedelta(days=30)).isoformat())],
        actor=reviewer,
    )
    seeded = seed_rulesets(regency)
    year_open(regency=regency, year=2027, ruleset=seeded["iid-2023"], deadline=None, actor=reviewer)
    return item


def slug() -> str:
    return handed().slug


def file_id() -> int:
    found = EvidenceFile.objects.filter(innovation=handed()).first()
    assert found is not None
    return found.pk


def milestone_id() -> int:
    found = AdoptionMilestone.objects.filter(handover__innovation=handed()).first()
    assert found is not None
    return found.pk


def verify_code() -> str:
    found = Handover.objects.filter(innovation=handed()).first()
    assert found is not None
    return found.verify_code


def year() -> int:
    handed()
    return 2027
