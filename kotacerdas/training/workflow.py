"""The one transition table of enrolments and classes. Statuses never go back: a
completed enrolment stays completed (its credential may be revoked, not its history)."""

from __future__ import annotations

from kotacerdas.training.models import ClassStatus, EnrolmentStatus

E = EnrolmentStatus
ENROLMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    E.NOMINATED: frozenset({E.ENROLLED, E.REJECTED}),
    E.ENROLLED: frozenset({E.COMPLETED, E.NOT_COMPLETED}),
    E.REJECTED: frozenset(),
    E.COMPLETED: frozenset(),
    E.NOT_COMPLETED: frozenset(),
}

C = ClassStatus
CLASS_TRANSITIONS: dict[str, frozenset[str]] = {
    C.OPEN: frozenset({C.RUNNING, C.FINISHED}),
    C.RUNNING: frozenset({C.FINISHED}),
    C.FINISHED: frozenset(),
}


class TrainingRefused(ValueError):
    """A refused action; the message is Indonesian and shown to the person."""


def check_enrolment(current: str, target: str) -> None:
    if target not in ENROLMENT_TRANSITIONS.get(current, frozenset()):
        raise TrainingRefused(
            f"Status peserta tidak dapat berubah dari '{E(current).label}' ke '{E(target).label}'."
        )


def check_class(current: str, target: str) -> None:
    if target not in CLASS_TRANSITIONS.get(current, frozenset()):
        raise TrainingRefused(
            f"Status angkatan tidak dapat berubah dari '{C(current).label}' ke '{C(target).label}'."
        )
