from kotacerdas.training.models.asn import Asn, AsnImport, AsnKind, ImportStatus

__all__ = ["Asn", "AsnImport", "AsnKind", "ImportStatus"]
