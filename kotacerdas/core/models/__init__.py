from kotacerdas.core.models.audit import AuditLog
from kotacerdas.core.models.jobs import JobRun
from kotacerdas.core.models.ratelimit import RateLimitCounter
from kotacerdas.core.models.regency import OPD, Kecamatan, Kelurahan, Regency, RegionKind
from kotacerdas.core.models.tokens import ApiToken
from kotacerdas.core.models.users import Role, RoleAssignment, User

__all__ = [
    "OPD",
    "ApiToken",
    "AuditLog",
    "JobRun",
    "Kecamatan",
    "Kelurahan",
    "RateLimitCounter",
    "Regency",
    "RegionKind",
    "Role",
    "RoleAssignment",
    "User",
]
