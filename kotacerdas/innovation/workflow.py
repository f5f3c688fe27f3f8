"""The one transition table of an innovation's review, and who may make each move.

diajukan → perlu revisi → (the innovator fixes it) → diajukan
diajukan → diterima | ditolak;  perlu revisi → ditolak
Accepted and rejected are final.
"""

from __future__ import annotations

from enum import StrEnum

from kotacerdas.innovation.models import ReviewStatus, Stage


class Actor(StrEnum):
    REVIEWER = "reviewer"  # a Bapperida officer or an administrator
    INNOVATOR = "innovator"  # the account that proposed the innovation


R = ReviewStatus
TRANSITIONS: dict[tuple[ReviewStatus, ReviewStatus], frozenset[Actor]] = {
    (R.DIAJUKAN, R.PERLU_REVISI): frozenset({Actor.REVIEWER}),
    (R.DIAJUKAN, R.DITERIMA): frozenset({Actor.REVIEWER}),
    (R.DIAJUKAN, R.DITOLAK): frozenset({Actor.REVIEWER}),
    (R.PERLU_REVISI, R.DIAJUKAN): frozenset({Actor.INNOVATOR}),
    (R.PERLU_REVISI, R.DITOLAK): frozenset({Actor.REVIEWER}),
}

# Stages only move forward, one step at a time.
STAGE_NEXT: dict[Stage, Stage] = {Stage.INISIATIF: Stage.UJI_COBA, Stage.UJI_COBA: Stage.PENERAPAN}


class TransitionRefused(Exception):
    """A status change the table does not allow (or not for this actor)."""


def transition_check(current: str, target: str, actor: Actor) -> None:
    try:
        key = (ReviewStatus(current), ReviewStatus(target))
    except ValueError as exc:
        raise TransitionRefused("Status tidak dikenal.") from exc
    allowed = TRANSITIONS.get(key)
    if allowed is None:
        raise TransitionRefused(
            f"Status tidak dapat diubah dari {key[0].label} menjadi {key[1].label}."
        )
    if actor not in allowed:
        raise TransitionRefused("Anda tidak berhak melakukan perubahan status ini.")


def next_statuses(current: str, actor: Actor) -> list[ReviewStatus]:
    return [to for (frm, to), who in TRANSITIONS.items() if frm == current and actor in who]
