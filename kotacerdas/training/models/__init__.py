from kotacerdas.training.models.asn import Asn, AsnImport, AsnKind, ImportStatus
from kotacerdas.training.models.courses import (
    ELEMENT_CODES,
    Attendance,
    AttendanceMethod,
    ClassStatus,
    CompetencyType,
    Course,
    Enrolment,
    EnrolmentStatus,
    LearningMode,
    NominationQuota,
    TrainingClass,
    TrainingSession,
)
from kotacerdas.training.models.credentials import (
    Credential,
    CredentialImmutable,
    CredentialStatus,
)
from kotacerdas.training.models.jp import (
    ExternalCertificate,
    ExternalStatus,
    JpEntry,
    JpSource,
)

__all__ = [
    "ELEMENT_CODES",
    "Asn",
    "AsnImport",
    "AsnKind",
    "Attendance",
    "AttendanceMethod",
    "ClassStatus",
    "CompetencyType",
    "Course",
    "Credential",
    "CredentialImmutable",
    "CredentialStatus",
    "Enrolment",
    "EnrolmentStatus",
    "ExternalCertificate",
    "ExternalStatus",
    "ImportStatus",
    "JpEntry",
    "JpSource",
    "LearningMode",
    "NominationQuota",
    "TrainingClass",
    "TrainingSession",
]
