"""The 18 canonical smart-city element codes (Kominfo, 6 dimensions × 3 elements).

Kept here as a small constant so an innovation can name its elements without depending
on the programme app; the codes are the same keys that app uses."""

from __future__ import annotations

ELEMENTS: dict[str, str] = {
    "SG-PS": "Pelayanan publik",
    "SG-BR": "Manajemen birokrasi yang efisien",
    "SG-PP": "Efisiensi kebijakan publik",
    "SB-TO": "Branding pariwisata",
    "SB-BB": "Branding bisnis",
    "SB-CA": "Branding wajah kota",
    "SE-IN": "Ekosistem industri",
    "SE-WE": "Kesejahteraan rakyat",
    "SE-TR": "Ekosistem transaksi keuangan",
    "SL-HA": "Harmonisasi tata ruang",
    "SL-HE": "Kesehatan",
    "SL-MO": "Sarana transportasi",
    "SS-CO": "Interaksi masyarakat",
    "SS-LE": "Ekosistem belajar",
    "SS-SE": "Keamanan masyarakat",
    "SV-PR": "Proteksi lingkungan",
    "SV-WA": "Tata kelola sampah dan limbah",
    "SV-EN": "Tata kelola energi",
}


def element_label(code: str) -> str:
    return ELEMENTS.get(code, code)
