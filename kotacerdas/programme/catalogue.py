"""The starting KPI catalogue of a regency, in the U4SSC template (numerator,
denominator, unit, frequency, category, element, reference). Targets to 2027 are
planning figures a regency replaces with its own; the automatic indicators are computed
by the functions the parking, public-services, innovation and training apps register."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class KpiSpec:
    code: str
    element: str
    name: str
    definition: str
    numerator: str
    denominator: str
    unit: str
    frequency: str
    category: str
    reference: str
    producer: str
    source_code: str = ""  # empty: manual
    higher_is_better: bool = True
    targets: dict[int, str] = field(default_factory=dict)


CATALOGUE: tuple[KpiSpec, ...] = (
    KpiSpec(
        "parkir-nontunai-jumlah",
        "SE-TR",
        "Transaksi retribusi parkir non-tunai (jumlah)",
        "Porsi transaksi parkir tepi jalan yang dibayar dengan QRIS.",
        "transaksi parkir QRIS lunas",
        "seluruh transaksi parkir terbayar (QRIS lunas + tunai)",
        "persen",
        "daily",
        "outcome",
        "SNI ISO 37122 (parkir umum dengan pembayaran elektronik)",
        "dishub",
        "parking.cashless_share_count",
        targets={2024: "10", 2025: "20", 2026: "35", 2027: "50"},
    ),
    KpiSpec(
        "parkir-nontunai-rupiah",
        "SE-TR",
        "Retribusi parkir non-tunai (rupiah)",
        "Porsi rupiah retribusi parkir yang diterima melalui QRIS.",
        "rupiah retribusi parkir via QRIS",
        "seluruh rupiah retribusi parkir",
        "persen",
        "daily",
        "outcome",
        "SNI ISO 37122 (parkir umum dengan pembayaran elektronik)",
        "dishub",
        "parking.cashless_share_rupiah",
        targets={2024: "10", 2025: "20", 2026: "35", 2027: "50"},
    ),
    KpiSpec(
        "parkir-realisasi",
        "SS-SE",
        "Realisasi retribusi parkir terhadap target tahunan",
        "Rupiah retribusi parkir terkumpul sejak 1 Januari dibandingkan target tahun itu.",
        "rupiah retribusi parkir terkumpul tahun berjalan",
        "target retribusi parkir tahun itu",
        "rupiah",
        "daily",
        "impact",
        "",
        "dishub",
        "parking.levy_realised",
        targets={2024: "600000000", 2025: "750000000", 2026: "900000000", 2027: "1100000000"},
    ),
    KpiSpec(
        "layanan-tepat-sla",
        "SG-PS",
        "Laporan warga selesai dalam SLA",
        "Porsi laporan dan permohonan yang selesai tanpa melewati tenggat hari kerja.",
        "laporan selesai tanpa melewati tenggat",
        "laporan selesai",
        "persen",
        "daily",
        "outcome",
        "SP4N-LAPOR! (3/5/10 hari kerja)",
        "diskominfo",
        "services.closed_within_sla",
        targets={2024: "70", 2025: "80", 2026: "85", 2027: "90"},
    ),
    KpiSpec(
        "layanan-median-hari",
        "SG-PS",
        "Median waktu penyelesaian laporan",
        "Median hari kerja dari pengajuan sampai laporan selesai.",
        "median hari kerja pengajuan → selesai",
        "",
        "hari kerja",
        "daily",
        "outcome",
        "",
        "diskominfo",
        "services.median_resolution_days",
        higher_is_better=False,
        targets={2024: "8", 2025: "6", 2026: "5", 2027: "4"},
    ),
    KpiSpec(
        "layanan-kepuasan",
        "SG-PS",
        "Kepuasan warga atas penyelesaian laporan",
        "Rata-rata penilaian warga (1–5) atas laporan yang selesai.",
        "jumlah skor penilaian",
        "jumlah penilaian",
        "skor",
        "daily",
        "impact",
        "",
        "diskominfo",
        "services.satisfaction",
        targets={2024: "3.8", 2025: "4.0", 2026: "4.2", 2027: "4.3"},
    ),
    KpiSpec(
        "layanan-daring",
        "SG-PS",
        "Layanan yang dapat diajukan daring",
        "Porsi layanan katalog yang dapat diajukan secara daring (web dan Open311).",
        "layanan katalog yang dapat diajukan daring",
        "seluruh layanan katalog",
        "persen",
        "daily",
        "output",
        "SNI ISO 37122 (layanan kota yang dapat diajukan daring); U4SSC EC: ICT: PS: 2A",
        "diskominfo",
        "services.online_share",
        targets={2024: "60", 2025: "75", 2026: "90", 2027: "100"},
    ),
    KpiSpec(
        "data-terbuka",
        "SG-PP",
        "Dataset terbuka yang dipublikasikan",
        "Porsi dataset daftar data Satu Data yang dipublikasikan sebagai data terbuka.",
        "dataset dipublikasikan",
        "dataset dalam daftar data",
        "persen",
        "yearly",
        "output",
        "U4SSC EC: ICT: PS: 1A",
        "diskominfo",
        targets={2024: "30", 2025: "45", 2026: "60", 2027: "75"},
    ),
    KpiSpec(
        "akses-internet-rumah-tangga",
        "SS-LE",
        "Rumah tangga dengan akses internet",
        "Porsi rumah tangga yang memiliki akses internet.",
        "rumah tangga dengan akses internet",
        "seluruh rumah tangga",
        "persen",
        "yearly",
        "baseline",
        "U4SSC EC: ICT: ICT: 1C",
        "diskominfo",
        targets={2024: "60", 2025: "65", 2026: "70", 2027: "75"},
    ),
    KpiSpec(
        "limbah-medis-olah",
        "SV-WA",
        "Limbah medis yang diolah di daerah",
        "Porsi limbah medis fasilitas kesehatan yang diolah di instalasi milik daerah.",
        "ton limbah medis diolah di daerah",
        "ton limbah medis dihasilkan",
        "persen",
        "yearly",
        "quick_win",
        "",
        "dlh",
        targets={2024: "40", 2025: "60", 2026: "80", 2027: "90"},
    ),
    KpiSpec(
        "inovasi-penerapan",
        "SG-PS",
        "Inovasi daerah pada tahap penerapan",
        "Jumlah inovasi daerah yang sudah diterapkan (tahap penerapan) per akhir periode.",
        "inovasi dengan tahap penerapan",
        "-",
        "jumlah",
        "daily",
        "output",
        "Permendagri 104/2018 (Indeks Inovasi Daerah)",
        "bapperida",
        "innovation.in_penerapan",
        targets={2025: "6", 2026: "8", 2027: "10"},
    ),
    KpiSpec(
        "indeks-inovasi-daerah",
        "SG-PP",
        "Indeks Inovasi Daerah (IID)",
        "Nilai IID tahun berjalan menurut aturan BSKDN yang berlaku (skala 0-100).",
        "SPD + rata-rata skor inovasi + skor jumlah inovasi",
        "skor maksimum aturan tahun itu",
        "skor",
        "yearly",
        "outcome",
        "Permendagri 104/2018; Keputusan Kepala BSKDN tentang IID",
        "bapperida",
        "innovation.iid",
        targets={2025: "40", 2026: "50", 2027: "60.01"},
    ),
)
