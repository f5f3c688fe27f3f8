from kotacerdas.parking.models.attendants import Assignment, Attendant
from kotacerdas.parking.models.events import Channel, EventStatus, ParkingEvent
from kotacerdas.parking.models.money import (
    CashDeposit,
    ConcessionContract,
    ConcessionInstalment,
    RevenueShareRule,
)
from kotacerdas.parking.models.registry import (
    OperatingModel,
    Pengelola,
    Spot,
    Tariff,
    VehicleClass,
    Zone,
)

__all__ = [
    "Assignment",
    "Attendant",
    "CashDeposit",
    "Channel",
    "ConcessionContract",
    "ConcessionInstalment",
    "EventStatus",
    "OperatingModel",
    "ParkingEvent",
    "Pengelola",
    "RevenueShareRule",
    "Spot",
    "Tariff",
    "VehicleClass",
    "Zone",
]
