"""The one transition table of a service request, and who may make each move.

diterima → diverifikasi → diteruskan → diproses → selesai → ditutup
    (diverifikasi → diproses directly where the service's forwarding is not a separate step)
    ↘ ditolak (from diterima, diverifikasi or diteruskan)
selesai/ditutup → diproses: the reporter reopens because the fix did not hold.
"""

from __future__ import annotations

from enum import StrEnum

from kotacerdas.services.models import Status


class Actor(StrEnum):
    STAFF = "staff"  # an officer of the responsible OPD, or an administrator
    REPORTER = "reporter"  # the person holding the reporter token
    SYSTEM = "system"  # the SLA job (auto-close)


S = Status
TRANSITIONS: dict[tuple[Status, Status], frozenset[Actor]] = {
    (S.DITERIMA, S.DIVERIFIKASI): frozenset({Actor.STAFF}),
    (S.DITERIMA, S.DITOLAK): frozenset({Actor.STAFF}),
    (S.DIVERIFIKASI, S.DITERUSKAN): frozenset({Actor.STAFF}),
    (S.DIVERIFIKASI, S.DITOLAK): frozenset({Actor.STAFF}),
    # Only for services where forwarding is not a separate step (the OPD does not change).
    (S.DIVERIFIKASI, S.DIPROSES): frozenset({Actor.STAFF}),
    (S.DITERUSKAN, S.DIPROSES): frozenset({Actor.STAFF}),
    (S.DITERUSKAN, S.DITOLAK): frozenset({Actor.STAFF}),
    (S.DIPROSES, S.SELESAI): frozenset({Actor.STAFF}),
    (S.SELESAI, S.DITUTUP): frozenset({Actor.STAFF, Actor.SYSTEM, Actor.REPORTER}),
    (S.SELESAI, S.DIPROSES): frozenset({Actor.REPORTER}),
    (S.DITUTUP, S.DIPROSES): frozenset({Actor.REPORTER}),
}


class TransitionRefused(Exception):
    """A status change the table does not allow (or not for this actor)."""


def transition_check(current: str, target: str, actor: Actor) -> None:
    """Raise ``TransitionRefused`` unless ``actor`` may move ``current`` → ``target``."""
    try:
        key = (Status(current), Status(target))
    except ValueError as exc:
        raise TransitionRefused(f"unknown status {current!r} or {target!r}") from exc
    allowed = TRANSITIONS.get(key)
    if allowed is None:
        raise TransitionRefused(f"{current} → {target} is not a valid transition")
    if actor not in allowed:
        raise TransitionRefused(f"{actor.value} may not move {current} → {target}")


SKIPS_FORWARDING = frozenset({(S.DIVERIFIKASI, S.DIPROSES)})


def forwarding_check(current: str, target: str, *, forward_separate: bool) -> None:
    """A service whose forwarding is a separate step may not skip it."""
    if forward_separate and (current, target) in SKIPS_FORWARDING:
        raise TransitionRefused("Layanan ini perlu diteruskan ke OPD sebelum diproses.")


def next_statuses(current: str, actor: Actor, *, forward_separate: bool = True) -> list[Status]:
    return [
        to
        for (frm, to), who in TRANSITIONS.items()
        if frm == current
        and actor in who
        and not (forward_separate and (frm, to) in SKIPS_FORWARDING)
    ]


# Open311 knows only open/closed; a resolved request counts as closed.
OPEN311_CLOSED = frozenset({S.SELESAI, S.DITUTUP, S.DITOLAK})


def open311_status(status: str) -> str:
    return "closed" if status in OPEN311_CLOSED else "open"
