"""Expected refusals, each with a stable code that the API and pages turn into a clear
message."""

from __future__ import annotations


class ParkingError(Exception):
    code = "parking_error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class NotAssigned(ParkingError):
    """The caller is not an active attendant on an active assignment to the spot."""

    code = "not_assigned"
    status = 403


class UnknownSpot(ParkingError):
    code = "unknown_spot"
    status = 404


class NoTariffForClass(ParkingError):
    code = "no_tariff"
    status = 422


class GatewayUnavailable(ParkingError):
    code = "gateway_unavailable"
    status = 503
