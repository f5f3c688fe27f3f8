"""Concurrent decisions on PostgreSQL (SQLite serialises writers, so it cannot exercise
the row locks): racing reviewers decide once, racing handovers record one BAST."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from kotacerdas.core.models import OPD
from kotacerdas.innovation.models import Handover, InnovationEvent, ReviewStatus
from kotacerdas.innovation.services.handover import handover_record
from kotacerdas.innovation.services.innovations import innovation_review
from kotacerdas.innovation.workflow import TransitionRefused
from tests.innovation.helpers import accepted, bapperida, submitted

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 8


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; CI runs this with KOTACERDAS_REQUIRE_POSTGRES=1")


def _race(work: Callable[[int], None]) -> list[str]:
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(k: int) -> None:
        try:
            barrier.wait()
            work(k)
            result = "ok"
        except Exception as exc:
            result = type(exc).__name__
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_racing_reviewers_decide_once(regency) -> None:
    item = submitted(regency)
    reviewer = bapperida(regency)
    targets = [ReviewStatus.DITOLAK, ReviewStatus.PERLU_REVISI]

    def decide(k: int) -> None:
        innovation_review(
            innovation=item,
            target=targets[k % 2],
            note=f"keputusan {k}",
            criteria=[],
            actor=reviewer,
        )

    outcomes = _race(decide)
    assert outcomes.count("ok") >= 1
    assert set(outcomes) <= {"ok", TransitionRefused.__name__}
    item.refresh_from_db()
    decisions = InnovationEvent.objects.filter(innovation=item).exclude(
        to_value=ReviewStatus.DIAJUKAN
    )
    # perlu-revisi may be followed by one ditolak; nothing else, and never twice the same.
    moves = [e.to_value for e in decisions.order_by("id")]
    assert moves in (["ditolak"], ["perlu-revisi"], ["perlu-revisi", "ditolak"])
    assert item.status == moves[-1]


def test_racing_handovers_record_one_bast(regency) -> None:
    reviewer = bapperida(regency)
    item = accepted(regency, reviewer)
    item.submitted_at = timezone.now() - timedelta(days=5)
    item.save(update_fields=["submitted_at"])
    dishub = str(OPD.objects.get(regency=regency, code="dishub").pk)

    def record(k: int) -> None:
        handover_record(
            innovation=item,
            data={
                "bast_number": f"BAST/BALAP/{k}",
                "handed_on": timezone.localdate().isoformat(),
                "place": "Sampit",
                "giver_name": "Rina",
                "giver_role": "Warga",
                "receiver_opd": dishub,
                "receiver_name": "Kepala",
                "receiver_role": "Kepala Dinas",
                "documents": "1",
                "items": "Dokumen",
                "licence": "open-source",
                "licence_terms": "Bebas",
                "adoption_plan": "Bertahap",
            },
            milestones=[("Pelatihan", timezone.localdate().isoformat())],
            actor=reviewer,
        )

    outcomes = _race(record)
    assert outcomes.count("ok") == 1
    assert set(outcomes) == {"ok", "Invalid"}
    assert Handover.objects.filter(innovation=item).count() == 1
