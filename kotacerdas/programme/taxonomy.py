"""Kominfo's *Gerakan Menuju Smart City* taxonomy as data (no Django): six dimensions ×
three elements, with canonical codes, Indonesian and English names, goals (*sasaran*),
seed topics, and the synonyms seen in regencies' own releases ("Smart People" for Smart
Society, "Smart Infrastructure" for Smart Branding) so imported text maps to the
canonical six. The database copy is seeded from here, stamped with ``VERSION``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

VERSION = "kominfo-2021"


@dataclass(frozen=True)
class ElementSpec:
    code: str
    name_id: str
    name_en: str
    topics: str


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    name_id: str
    name_en: str
    goal_id: str
    goal_en: str
    elements: tuple[ElementSpec, ElementSpec, ElementSpec]


DIMENSIONS: tuple[DimensionSpec, ...] = (
    DimensionSpec(
        "SG",
        "Tata kelola cerdas (Smart Governance)",
        "Smart Governance",
        "Tata kelola pemerintahan yang efektif, efisien dan komunikatif; birokrasi yang terus "
        "membaik melalui inovasi dan teknologi terpadu.",
        "Effective, efficient, communicative governance; continuous bureaucratic improvement "
        "through innovation and integrated technology.",
        (
            ElementSpec(
                "SG-PS",
                "Pelayanan publik",
                "Public Service",
                "layanan administrasi, pemantauan bahan pokok",
            ),
            ElementSpec(
                "SG-BR",
                "Manajemen birokrasi yang efisien",
                "Bureaucracy",
                "sistem SPBE (kepegawaian, perizinan), pengelolaan aset TIK dan data",
            ),
            ElementSpec(
                "SG-PP",
                "Efisiensi kebijakan publik",
                "Public Policy",
                "kebijakan berpusat pada warga, data terbuka",
            ),
        ),
    ),
    DimensionSpec(
        "SB",
        "Branding cerdas (Smart Branding)",
        "Smart Branding",
        "Daya saing daerah dengan memasarkan daerah kepada warga, pelaku usaha dan investor.",
        "Regional competitiveness by marketing the region to citizens, business and investors.",
        (
            ElementSpec(
                "SB-TO", "Branding pariwisata", "Tourism branding", "destinasi, tur virtual"
            ),
            ElementSpec(
                "SB-BB",
                "Branding bisnis",
                "Business branding",
                "marketplace, investasi, produk daerah",
            ),
            ElementSpec(
                "SB-CA",
                "Branding wajah kota",
                "City appearance branding",
                "landmark, papan penunjuk, GIS kota",
            ),
        ),
    ),
    DimensionSpec(
        "SE",
        "Ekonomi cerdas (Smart Economy)",
        "Smart Economy",
        "Ekosistem ekonomi yang sesuai era informasi dan sektor unggulan; literasi keuangan, "
        "masyarakat non-tunai.",
        "An economic ecosystem fit for the information era and the leading sectors; financial "
        "literacy, a less-cash society.",
        (
            ElementSpec(
                "SE-IN", "Ekosistem industri", "Industry", "daya saing industri, pusat inovasi"
            ),
            ElementSpec(
                "SE-WE",
                "Kesejahteraan rakyat",
                "Welfare",
                "pendapatan rumah tangga, UMKM, inkubator",
            ),
            ElementSpec(
                "SE-TR",
                "Ekosistem transaksi keuangan",
                "Transaction",
                "transaksi digital, e-commerce, QRIS dan uang elektronik",
            ),
        ),
    ),
    DimensionSpec(
        "SL",
        "Lingkungan hidup cerdas (Smart Living)",
        "Smart Living",
        "Tempat tinggal yang layak, nyaman dan efisien.",
        "A liveable, comfortable and efficient place to live.",
        (
            ElementSpec(
                "SL-HA", "Harmonisasi tata ruang", "Harmony", "keserasian ruang, pemetaan fasilitas"
            ),
            ElementSpec(
                "SL-HE",
                "Kesehatan",
                "Health",
                "pangan, layanan kesehatan, sistem informasi kesehatan",
            ),
            ElementSpec(
                "SL-MO",
                "Sarana transportasi / mobilitas",
                "Mobility",
                "transportasi, perparkiran, lalu lintas",
            ),
        ),
    ),
    DimensionSpec(
        "SS",
        "Masyarakat cerdas (Smart Society)",
        "Smart Society",
        "Ekosistem sosio-teknis yang manusiawi dan dinamis dengan literasi digital yang tinggi.",
        "A humane, dynamic socio-technical ecosystem with high digital literacy.",
        (
            ElementSpec(
                "SS-CO",
                "Interaksi masyarakat",
                "Community",
                "pemetaan keterampilan, ruang kreatif (creative hub)",
            ),
            ElementSpec(
                "SS-LE",
                "Ekosistem belajar",
                "Learning",
                "pembelajaran formal dan nonformal, e-learning",
            ),
            ElementSpec(
                "SS-SE",
                "Keamanan masyarakat",
                "Security",
                "keselamatan, e-parking, CCTV, pemetaan risiko bencana",
            ),
        ),
    ),
    DimensionSpec(
        "SV",
        "Lingkungan cerdas (Smart Environment)",
        "Smart Environment",
        "Tata kelola lingkungan yang baik, bertanggung jawab dan berkelanjutan.",
        "Good, responsible and sustainable environmental governance.",
        (
            ElementSpec(
                "SV-PR",
                "Proteksi lingkungan",
                "Protection",
                "perlindungan air dan udara, ruang terbuka hijau",
            ),
            ElementSpec(
                "SV-WA",
                "Tata kelola sampah dan limbah",
                "Waste",
                "sampah, ekonomi sirkular, limbah medis",
            ),
            ElementSpec("SV-EN", "Tata kelola energi", "Energy", "efisiensi dan energi terbarukan"),
        ),
    ),
)

# Names in regencies' releases and older guides → canonical dimension code. Keys are
# normalised with ``normalise``.
SYNONYMS: dict[str, str] = {
    "smart governance": "SG",
    "tata kelola cerdas": "SG",
    "pemerintahan cerdas": "SG",
    "smart government": "SG",
    "smart branding": "SB",
    "branding cerdas": "SB",
    "smart infrastructure": "SB",
    "infrastruktur cerdas": "SB",
    "smart economy": "SE",
    "ekonomi cerdas": "SE",
    "smart living": "SL",
    "lingkungan hidup cerdas": "SL",
    "kehidupan cerdas": "SL",
    "smart society": "SS",
    "smart people": "SS",
    "masyarakat cerdas": "SS",
    "smart community": "SS",
    "smart environment": "SV",
    "lingkungan cerdas": "SV",
}

_SPACES = re.compile(r"[\s_\-]+")


def normalise(text: str) -> str:
    """Lower case, accents and punctuation folded, single spaces."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = re.sub(r"[^a-zA-Z0-9 _\-]", " ", folded)
    return _SPACES.sub(" ", folded).strip().lower()


def element_codes() -> list[str]:
    return [element.code for dim in DIMENSIONS for element in dim.elements]


def dimension_of(element_code: str) -> str:
    """``"SE-TR"`` → ``"SE"`` for a known element; ``ValueError`` otherwise."""
    if element_code not in element_codes():
        raise ValueError(f"unknown element code {element_code!r}")
    return element_code.split("-", 1)[0]


def canonical_dimension(text: str, extra: dict[str, str] | None = None) -> str | None:
    """The canonical dimension code for a name, a synonym or a code (``"Smart People"``
    → ``"SS"``, ``"sg"`` → ``"SG"``); ``None`` when it cannot be mapped. ``extra`` holds
    synonyms kept in the database."""
    key = normalise(text)
    if not key:
        return None
    codes = {dim.code.lower(): dim.code for dim in DIMENSIONS}
    if key in codes:
        return codes[key]
    table = {**SYNONYMS, **{normalise(k): v for k, v in (extra or {}).items()}}
    for dim in DIMENSIONS:
        table.setdefault(normalise(dim.name_en), dim.code)
        table.setdefault(normalise(dim.name_id), dim.code)
    return table.get(key)
