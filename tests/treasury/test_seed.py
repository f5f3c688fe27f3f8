"""The demo's illustrative files go through the real importer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kotacerdas.core.models import Regency
from kotacerdas.core.timeutil import local_date
from kotacerdas.treasury.models import BankCredit, ImportFile, Mismatch, SettlementLine
from kotacerdas.treasury.seed import seed_demo
from tests.treasury.conftest import paid_charge

pytestmark = pytest.mark.django_db


def test_demo_files_import_and_show_mismatches(regency: Regency) -> None:
    today = local_date(regency)
    paid_charge(regency, today - timedelta(days=5), order_id="PKR-DEMO-1")
    paid_charge(regency, today - timedelta(days=4), order_id="PKR-DEMO-2")
    seed_demo(regency)
    seed_demo(regency)  # a second seed changes nothing
    assert ImportFile.objects.filter(regency=regency).count() == 2
    assert SettlementLine.objects.filter(regency=regency).count() == 3
    assert BankCredit.objects.filter(regency=regency).count() == 2
    kinds = set(Mismatch.objects.filter(regency=regency).values_list("kind", flat=True))
    assert "unknown_to_ledger" in kinds and "fee_differs" not in kinds
