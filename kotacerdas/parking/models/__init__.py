from kotacerdas.parking.models.alerts import (
    ALERT_TRANSITIONS,
    AlertKind,
    AlertNote,
    AlertStatus,
    LeakageAlert,
)
from kotacerdas.parking.models.attendants import Assignment, Attendant
from kotacerdas.parking.models.events import Channel, EventStatus, ParkingEvent
from kotacerdas.parking.models.money import (
    CashDeposit,
    ConcessionContract,
    ConcessionInstalment,
    CorrectionStatus,
    DepositCorrection,
    RevenueShareRule,
)
from kotacerdas.parking.models.offline import OfflineRefusal
from kotacerdas.parking.models.potential import (
    RevenueTarget,
    SpotCapacity,
    SpotSurvey,
    TurnoverSource,
)
from kotacerdas.parking.models.registry import (
    OperatingModel,
    Pengelola,
    Spot,
    Tariff,
    VehicleClass,
    Zone,
)
from kotacerdas.parking.models.rollups import RollupDay, RollupHour

__all__ = [
    "ALERT_TRANSITIONS",
    "AlertKind",
    "AlertNote",
    "AlertStatus",
    "Assignment",
    "Attendant",
    "CashDeposit",
    "Channel",
    "ConcessionContract",
    "ConcessionInstalment",
    "CorrectionStatus",
    "DepositCorrection",
    "EventStatus",
    "LeakageAlert",
    "OfflineRefusal",
    "OperatingModel",
    "ParkingEvent",
    "Pengelola",
    "RevenueShareRule",
    "RevenueTarget",
    "RollupDay",
    "RollupHour",
    "Spot",
    "SpotCapacity",
    "SpotSurvey",
    "Tariff",
    "TurnoverSource",
    "VehicleClass",
    "Zone",
]
