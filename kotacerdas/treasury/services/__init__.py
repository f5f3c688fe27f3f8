"""Writes of the treasury: imports, reconciliation runs, resolutions and sign-offs."""


class TreasuryError(Exception):
    """A refused write, with the Indonesian message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
