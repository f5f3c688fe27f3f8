from kotacerdas.payments.models.charges import (
    Charge,
    ChargeStatus,
    GatewayState,
    PaymentEvent,
    PaymentEventImmutable,
    PaymentEventKind,
)
from kotacerdas.payments.models.config import GatewayConfig, Provider
from kotacerdas.payments.models.inbox import (
    ChargeFlag,
    DeliveryStatus,
    FlagKind,
    WebhookDelivery,
)
from kotacerdas.payments.models.notices import NoticeState, OwnerNotice
from kotacerdas.payments.simulator.models import SimDelivery, SimTransaction

__all__ = [
    "Charge",
    "ChargeFlag",
    "ChargeStatus",
    "DeliveryStatus",
    "FlagKind",
    "GatewayConfig",
    "GatewayState",
    "NoticeState",
    "OwnerNotice",
    "PaymentEvent",
    "PaymentEventImmutable",
    "PaymentEventKind",
    "Provider",
    "SimDelivery",
    "SimTransaction",
    "WebhookDelivery",
]
