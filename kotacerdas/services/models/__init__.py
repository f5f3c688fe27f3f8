from kotacerdas.services.models.apikeys import Open311Key
from kotacerdas.services.models.areas import KecamatanArea
from kotacerdas.services.models.catalogue import (
    Datatype,
    RegionalDayOff,
    ReplyTemplate,
    RoutingRule,
    Service,
    ServiceAttribute,
    ServiceKind,
)
from kotacerdas.services.models.requests import (
    CLOSED_STATUSES,
    DEFAULT_NOTIFY,
    NOTIFIABLE_STATUSES,
    Channel,
    PhotoKind,
    Priority,
    RequestPhoto,
    RequestSupport,
    RequestUpdate,
    ServiceRequest,
    Status,
    UpdateKind,
)

__all__ = [
    "CLOSED_STATUSES",
    "DEFAULT_NOTIFY",
    "NOTIFIABLE_STATUSES",
    "Channel",
    "Datatype",
    "KecamatanArea",
    "Open311Key",
    "PhotoKind",
    "Priority",
    "RegionalDayOff",
    "ReplyTemplate",
    "RequestPhoto",
    "RequestSupport",
    "RequestUpdate",
    "RoutingRule",
    "Service",
    "ServiceAttribute",
    "ServiceKind",
    "ServiceRequest",
    "Status",
    "UpdateKind",
]
