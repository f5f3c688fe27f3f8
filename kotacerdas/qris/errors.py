"""Error and issue types shared by every part of the codec.

Callers branch on ``code`` (stable, dotted) rather than on message text, so messages can
be improved without breaking anyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

ERROR: Severity = "error"
WARNING: Severity = "warning"


class QRISError(ValueError):
    """A payload or an argument cannot be turned into a usable QRIS.

    Subclasses ``ValueError`` so generic input-handling code that already catches
    ``ValueError`` keeps working. ``offset`` is the character offset in the payload when
    the problem has a location (parse errors), otherwise ``None``.
    """

    def __init__(
        self, message: str, *, code: str, offset: int | None = None, path: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.offset = offset
        self.path = path

    def __str__(self) -> str:
        where = f" at offset {self.offset}" if self.offset is not None else ""
        return f"{self.code}{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding of :func:`kotacerdas.qris.validate`.

    ``path`` names the data object (``"62.09"``), or is ``""`` when the finding concerns
    the payload as a whole.
    """

    code: str
    severity: Severity
    path: str
    message: str

    def __str__(self) -> str:
        where = f" [{self.path}]" if self.path else ""
        return f"{self.severity}: {self.code}{where}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "message": self.message,
        }
