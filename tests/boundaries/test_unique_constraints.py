"""Every unique constraint on a regency-keyed table includes the regency: the condition
for sharding by regency (a distributed table's unique keys must hold its distribution
column) and for never resolving one regency's code to another's row."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model, UniqueConstraint

# Unique keys that are deliberately deployment-wide, each with its reason.
GLOBAL_KEYS: dict[tuple[str, str], str] = {
    # Accounts are deployment-wide: sign-in finds a user by name before any regency is
    # known, and one person may hold roles in several regencies.
    ("core.User", "username"): "account identity",
    ("core.ApiToken", "key_hash"): "bearer token found before its regency is known",
    ("parking.Attendant", "user"): "one attendant record per (deployment-wide) account",
    # A one-to-one on the regency itself already is the regency.
    ("payments.GatewayConfig", "regency"): "one configuration per regency",
    # The reporter's secret link is stored as a SHA-256 digest and found by it before
    # the regency is known, like an API token.
    ("services.ServiceRequest", "reporter_token"): "digest of the reporter's secret link",
    # Public identifiers printed on certificates and BAST documents are looked up from
    # the URL alone, before any regency is known.
    ("training.Credential", "public_id"): "certificate id in /sertifikat/<id>",
    ("innovation.Handover", "verify_code"): "BAST verification code in its QR",
    # One-to-one links to a parent row of the same regency.
    ("training.Asn", "user"): "one civil-servant record per account",
    ("training.Credential", "enrolment"): "one credential per completed enrolment",
    ("programme.QuickWinProfile", "programme"): "one quick-win profile per programme",
    ("programme.ProgrammeProfile", "regency"): "one programme profile per regency",
    ("programme.DashboardSnapshot", "regency"): "one dashboard snapshot per regency",
}


def _regency_keyed() -> list[type[Model]]:
    return [
        m
        for m in apps.get_models()
        if any(f.name == "regency" and f.is_relation for f in m._meta.concrete_fields)
    ]


def unique_keys_without_regency() -> list[str]:
    found = []
    for model in _regency_keyed():
        label = model._meta.label
        for field in model._meta.concrete_fields:
            if field.unique and not field.primary_key and (label, field.name) not in GLOBAL_KEYS:
                found.append(f"{label}.{field.name} (unique=True)")
        for constraint in model._meta.constraints:
            if not isinstance(constraint, UniqueConstraint):
                continue
            if "regency" in constraint.fields:
                continue
            found.append(f"{label}: {constraint.name} {constraint.fields}")
        for together in model._meta.unique_together:
            if "regency" not in together:
                found.append(f"{label}: unique_together {together}")
    return found


def test_every_unique_key_of_a_regency_table_includes_the_regency() -> None:
    assert unique_keys_without_regency() == []


def test_the_walk_finds_a_key_without_the_regency() -> None:
    """The walker itself: a constraint without the regency is reported."""
    from kotacerdas.parking.models import Spot

    extra = UniqueConstraint(fields=["code"], name="spot_code_everywhere")
    Spot._meta.constraints.append(extra)
    try:
        assert unique_keys_without_regency() == ["parking.Spot: spot_code_everywhere ('code',)"]
    finally:
        Spot._meta.constraints.remove(extra)


# Indexes for jobs that scan every regency at once (each row then acts for its own).
# Work queues that the job runner drains across regencies by due time.
CROSS_REGENCY_SCANS = {
    ("payments.WebhookDelivery", ("status", "verified")),
    ("payments.WebhookDelivery", ("status", "next_attempt_at")),
    ("payments.OwnerNotice", ("state", "next_attempt_at")),
}


def test_indexes_of_regency_tables_lead_with_the_regency() -> None:
    """Hot lookups: declared composite indexes start with the regency."""
    bad = []
    for model in _regency_keyed():
        for index in model._meta.indexes:
            fields = [f.lstrip("-") for f in index.fields]
            if (model._meta.label, tuple(fields)) in CROSS_REGENCY_SCANS:
                continue
            if len(fields) > 1 and fields[0] != "regency":
                bad.append(f"{model._meta.label}: {index.name} {fields}")
    assert bad == []
