"""Every pair of statuses × every actor against the one transition table."""

from __future__ import annotations

import itertools

import pytest

from kotacerdas.services.models import Status
from kotacerdas.services.workflow import (
    Actor,
    TransitionRefused,
    next_statuses,
    open311_status,
    transition_check,
)

S = Status
ALLOWED = {
    (S.DITERIMA, S.DIVERIFIKASI, Actor.STAFF),
    (S.DITERIMA, S.DITOLAK, Actor.STAFF),
    (S.DIVERIFIKASI, S.DITERUSKAN, Actor.STAFF),
    (S.DIVERIFIKASI, S.DITOLAK, Actor.STAFF),
    (S.DIVERIFIKASI, S.DIPROSES, Actor.STAFF),  # only where forwarding is not separate
    (S.DITERUSKAN, S.DIPROSES, Actor.STAFF),
    (S.DITERUSKAN, S.DITOLAK, Actor.STAFF),
    (S.DIPROSES, S.SELESAI, Actor.STAFF),
    (S.SELESAI, S.DITUTUP, Actor.STAFF),
    (S.SELESAI, S.DITUTUP, Actor.SYSTEM),
    (S.SELESAI, S.DITUTUP, Actor.REPORTER),
    (S.SELESAI, S.DIPROSES, Actor.REPORTER),
    (S.DITUTUP, S.DIPROSES, Actor.REPORTER),
}
CASES = list(itertools.product(Status, Status, Actor))


@pytest.mark.parametrize(
    ("current", "target", "actor"), CASES, ids=[f"{a}-{b}-{c}" for a, b, c in CASES]
)
def test_transition_table(current: Status, target: Status, actor: Actor) -> None:
    if (current, target, actor) in ALLOWED:
        transition_check(current, target, actor)
    else:
        with pytest.raises(TransitionRefused):
            transition_check(current, target, actor)


def test_unknown_status_is_refused() -> None:
    with pytest.raises(TransitionRefused):
        transition_check("baru", "selesai", Actor.STAFF)


def test_rejected_is_final_and_next_statuses() -> None:
    assert next_statuses(S.DITOLAK, Actor.STAFF) == []
    assert next_statuses(S.DITERIMA, Actor.STAFF) == [S.DIVERIFIKASI, S.DITOLAK]
    assert next_statuses(S.DITERIMA, Actor.REPORTER) == []


def test_open311_status_mapping() -> None:
    assert [open311_status(s) for s in Status] == [
        "open",
        "open",
        "open",
        "open",
        "closed",
        "closed",
        "closed",
    ]
