from kotacerdas.innovation.models.handover import AdoptionMilestone, Handover, Licence
from kotacerdas.innovation.models.iid import IidRuleSet, IidYear, IndicatorEntry
from kotacerdas.innovation.models.innovation import (
    Criterion,
    EventKind,
    EvidenceFile,
    Form,
    Initiator,
    Innovation,
    InnovationEvent,
    ReviewStatus,
    Stage,
)

__all__ = [
    "AdoptionMilestone",
    "Criterion",
    "EventKind",
    "EvidenceFile",
    "Form",
    "Handover",
    "IidRuleSet",
    "IidYear",
    "IndicatorEntry",
    "Initiator",
    "Innovation",
    "InnovationEvent",
    "Licence",
    "ReviewStatus",
    "Stage",
]
