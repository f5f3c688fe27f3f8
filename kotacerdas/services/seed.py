"""Kotim catalogue of public services and a few demo requests at verified Sampit places
(kotim-facts §6: Jl. Kembali, Jl. Metro, Jl. Christopel Mihing, PPM, Taman Kota;
coordinates approximate). Idempotent: a second run changes nothing."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from kotacerdas.core.models import OPD, Kecamatan, Regency, User
from kotacerdas.services.models import (
    Channel,
    Datatype,
    ReplyTemplate,
    RoutingRule,
    Service,
    ServiceAttribute,
    ServiceKind,
    ServiceRequest,
    Status,
)


def _values(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"key": k, "name": n} for k, n in pairs]


@dataclass(frozen=True)
class Attr:
    code: str
    datatype: str
    description: str
    required: bool = False
    hint: str = ""
    values: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    group: str
    kind: str
    opd: str
    description: str
    keywords: str
    attrs: tuple[Attr, ...] = ()
    followup_days: int = 5
    requires_photo: bool = False


C, INFO, A = ServiceKind.COMPLAINT, ServiceKind.INFORMATION, ServiceKind.APPLICATION
SEVERITY = Attr(
    "tingkat",
    Datatype.SINGLE,
    "Seberapa parah?",
    required=True,
    values=_values(("ringan", "Ringan"), ("sedang", "Sedang"), ("berat", "Berat / berbahaya")),
)

CATALOGUE: list[Spec] = [
    Spec(
        "jalan-rusak",
        "Jalan rusak / berlubang",
        "Infrastruktur",
        C,
        "pupr",
        "Jalan kabupaten berlubang, amblas atau aspal mengelupas.",
        "jalan,lubang,aspal,amblas",
        (
            SEVERITY,
            Attr(
                "lebar_cm",
                Datatype.NUMBER,
                "Perkiraan lebar kerusakan (cm)",
                hint="Angka bulat, misalnya 80",
            ),
        ),
    ),
    Spec(
        "lampu-jalan",
        "Lampu penerangan jalan mati",
        "Infrastruktur",
        C,
        "dishub",
        "Lampu PJU mati, berkedip atau tiangnya rusak.",
        "lampu,pju,penerangan,gelap",
        (
            Attr(
                "kondisi",
                Datatype.SINGLE,
                "Kondisi lampu",
                required=True,
                values=_values(
                    ("mati", "Mati"), ("berkedip", "Berkedip"), ("tiang", "Tiang rusak")
                ),
            ),
            Attr("jumlah", Datatype.NUMBER, "Jumlah lampu yang bermasalah", hint="Angka"),
        ),
    ),
    Spec(
        "sampah",
        "Sampah menumpuk / belum diangkut",
        "Lingkungan",
        C,
        "dlh",
        "Tumpukan sampah di TPS atau pinggir jalan yang belum diangkut.",
        "sampah,tps,bau,kebersihan",
        (
            Attr(
                "jenis_sampah",
                Datatype.MULTI,
                "Jenis sampah (boleh lebih dari satu)",
                values=_values(
                    ("rumah_tangga", "Sampah rumah tangga"),
                    ("plastik", "Plastik"),
                    ("organik", "Organik / daun"),
                    ("b3", "Berbahaya (B3)"),
                ),
            ),
        ),
    ),
    Spec(
        "drainase",
        "Drainase / saluran tersumbat",
        "Infrastruktur",
        C,
        "pupr",
        "Parit atau gorong-gorong tersumbat, air meluap saat hujan.",
        "drainase,parit,banjir,genangan",
        (
            Attr(
                "genangan",
                Datatype.SINGLE,
                "Apakah menyebabkan genangan?",
                required=True,
                values=_values(("ya", "Ya"), ("tidak", "Tidak")),
            ),
        ),
    ),
    Spec(
        "pengaduan-parkir",
        "Pengaduan Parkir",
        "Perhubungan",
        C,
        "dishub",
        "Pungutan parkir tidak sesuai: jukir minta tunai, tarif di atas Perda, QR palsu.",
        "parkir,jukir,qris,tarif",
        (
            Attr(
                "jenis",
                Datatype.SINGLE,
                "Jenis masalah parkir",
                required=True,
                values=_values(
                    ("minta_tunai", "Jukir meminta tunai / tidak menawarkan QRIS"),
                    ("tarif_lebih", "Tarif lebih mahal dari Perda"),
                    ("qr_palsu", "QR palsu / nama merchant tidak sesuai"),
                ),
            ),
            Attr("kode_jukir", Datatype.STRING, "Kode juru parkir di rompi", hint="Misal J0001"),
        ),
    ),
    Spec(
        "ketertiban",
        "Ketertiban umum / PKL",
        "Ketertiban",
        C,
        "satpolpp",
        "PKL di trotoar atau badan jalan, gangguan ketertiban umum.",
        "pkl,trotoar,ketertiban",
    ),
    Spec(
        "layanan-rsud",
        "Pengaduan layanan RSUD dr. Murjani",
        "Kesehatan",
        C,
        "rsud-murjani",
        "Antrean, pelayanan petugas atau fasilitas rumah sakit daerah.",
        "rsud,rumah sakit,antrean,murjani",
    ),
    Spec(
        "informasi-publik",
        "Permintaan informasi publik (PPID)",
        "Informasi",
        INFO,
        "diskominfo",
        "Permohonan salinan informasi publik sesuai UU 14/2008.",
        "ppid,informasi,data",
        (
            Attr(
                "cara_terima",
                Datatype.SINGLE,
                "Cara menerima informasi",
                required=True,
                values=_values(("email", "Email"), ("ambil", "Ambil langsung")),
            ),
        ),
        followup_days=10,
    ),
    Spec(
        "ktp-el",
        "Cetak ulang KTP-el",
        "Kependudukan",
        A,
        "disdukcapil",
        "KTP-el rusak, hilang atau berubah data. Perekaman tetap di kantor Disdukcapil.",
        "ktp,ktp-el,e-ktp,adminduk",
        (
            Attr(
                "alasan",
                Datatype.SINGLE,
                "Alasan cetak ulang",
                required=True,
                values=_values(
                    ("rusak", "Rusak"), ("hilang", "Hilang"), ("ubah", "Perubahan data")
                ),
            ),
            Attr(
                "ambil",
                Datatype.SINGLE,
                "Tempat pengambilan",
                values=_values(
                    ("dukcapil", "Kantor Disdukcapil"), ("kecamatan", "Kantor kecamatan")
                ),
            ),
        ),
        followup_days=3,
    ),
    Spec(
        "kartu-keluarga",
        "Perubahan Kartu Keluarga",
        "Kependudukan",
        A,
        "disdukcapil",
        "Tambah anggota, pindah alamat atau perubahan data di KK.",
        "kk,kartu keluarga,adminduk",
        (
            Attr(
                "perubahan",
                Datatype.MULTI,
                "Perubahan yang diminta",
                required=True,
                values=_values(
                    ("tambah", "Tambah anggota"),
                    ("pindah", "Pindah alamat"),
                    ("data", "Perubahan data"),
                ),
            ),
        ),
        followup_days=3,
    ),
    Spec(
        "konsultasi-izin",
        "Konsultasi perizinan berusaha",
        "Perizinan",
        A,
        "dpmptsp",
        "Bantuan pengajuan izin lewat OSS-RBA / SiCantik.",
        "izin,oss,nib,perizinan",
        (Attr("nama_usaha", Datatype.STRING, "Nama usaha", required=True),),
    ),
]

# Waste outside Sampit goes to the kecamatan office first.
ROUTES = [("sampah", "Parenggean", "kec-parenggean"), ("sampah", "Kota Besi", "kec-kota-besi")]

TEMPLATES: list[tuple[str | None, str, str]] = [
    (
        None,
        "Terima kasih, diverifikasi",
        "Terima kasih atas laporan Anda. Laporan sudah kami "
        "verifikasi dan akan diteruskan ke OPD terkait.",
    ),
    (
        None,
        "Di luar kewenangan",
        "Mohon maaf, laporan ini di luar kewenangan Pemerintah Kabupaten Kotawaringin Timur.",
    ),
    (
        "pupr",
        "Dijadwalkan perbaikan",
        "Lokasi sudah disurvei; perbaikan dijadwalkan oleh tim pemeliharaan jalan Dinas PUPR.",
    ),
    (
        "dishub",
        "Jukir ditegur",
        "Juru parkir sudah ditegur dan dibina oleh Bidang Perparkiran Dishub.",
    ),
]


# Workflow options per service (see docs/services.md): which are about a place, which
# need an after-repair photo, and where forwarding to another OPD is a real step.
PLACE_SERVICES = frozenset(
    {"jalan-rusak", "lampu-jalan", "sampah", "drainase", "pengaduan-parkir", "ketertiban"}
)
AFTER_PHOTO_SERVICES = frozenset({"jalan-rusak", "lampu-jalan", "sampah", "drainase"})
FORWARDED_SERVICES = frozenset({"jalan-rusak", "lampu-jalan", "sampah", "drainase", "ketertiban"})


def seed_catalogue(regency: Regency) -> int:
    created = 0
    opds = {o.code: o for o in OPD.objects.filter(regency=regency)}
    for order, spec in enumerate(CATALOGUE, start=1):
        service, made = Service.objects.get_or_create(
            regency=regency,
            code=spec.code,
            defaults={
                "name": spec.name,
                "group": spec.group,
                "kind": spec.kind,
                "opd": opds[spec.opd],
                "description": spec.description,
                "keywords": spec.keywords,
                "followup_days": spec.followup_days,
                "requires_photo": spec.requires_photo,
                "location_required": spec.code in PLACE_SERVICES,
                "after_photo_required": spec.code in AFTER_PHOTO_SERVICES,
                "forward_separate": spec.code in FORWARDED_SERVICES,
                "order": order * 10,
            },
        )
        created += made
        for position, attr in enumerate(spec.attrs, start=1):
            _, made = ServiceAttribute.objects.get_or_create(
                regency=regency,
                service=service,
                code=attr.code,
                defaults={
                    "datatype": attr.datatype,
                    "required": attr.required,
                    "description": attr.description,
                    "datatype_description": attr.hint,
                    "order": position,
                    "values": attr.values,
                },
            )
            created += made
    for code, kec_name, opd_code in ROUTES:
        kec = Kecamatan.objects.filter(regency=regency, name=kec_name).first()
        if kec is not None and opd_code in opds:
            _, made = RoutingRule.objects.get_or_create(
                regency=regency,
                service=Service.objects.get(regency=regency, code=code),
                kecamatan=kec,
                defaults={"opd": opds[opd_code]},
            )
            created += made
    for tpl_opd, title, body in TEMPLATES:
        _, made = ReplyTemplate.objects.get_or_create(
            regency=regency,
            opd=opds[tpl_opd] if tpl_opd else None,
            title=title,
            defaults={"body": body},
        )
        created += made
    return created


def demo_photo(colour: tuple[int, int, int] = (120, 110, 100)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="JPEG")
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


# (service, address, kecamatan, lat, lon, description, attributes, final status)
DEMO_REQUESTS: list[tuple[str, str, str, str, str, str, dict[str, list[str]], Status]] = [
    (
        "jalan-rusak",
        "Jl. Kembali, Sampit",
        "Mentawa Baru Ketapang",
        "-2.5390",
        "112.9530",
        "Lubang besar di tengah jalan, berbahaya untuk motor saat malam.",
        {"tingkat": ["berat"], "lebar_cm": ["90"]},
        Status.DIPROSES,
    ),
    (
        "jalan-rusak",
        "Jl. Metro, Sampit",
        "Mentawa Baru Ketapang",
        "-2.5420",
        "112.9480",
        "Aspal mengelupas sepanjang kira-kira 20 meter.",
        {"tingkat": ["sedang"]},
        Status.DITERIMA,
    ),
    (
        "jalan-rusak",
        "Jl. Christopel Mihing, Baamang",
        "Baamang",
        "-2.5160",
        "112.9300",
        "Jalan berlubang dan tergenang setelah hujan.",
        {"tingkat": ["berat"]},
        Status.SELESAI,
    ),
    (
        "sampah",
        "Kawasan Pusat Perbelanjaan Mentaya (PPM), Sampit",
        "Mentawa Baru Ketapang",
        "-2.5400",
        "112.9560",
        "Sampah pasar menumpuk di sisi sungai sejak dua hari.",
        {"jenis_sampah": ["organik", "plastik"]},
        Status.DITERUSKAN,
    ),
    (
        "lampu-jalan",
        "Taman Kota Sampit",
        "Mentawa Baru Ketapang",
        "-2.5360",
        "112.9510",
        "Tiga lampu taman mati, area gelap malam hari.",
        {"kondisi": ["mati"], "jumlah": ["3"]},
        Status.DIVERIFIKASI,
    ),
]

_PATH = [Status.DIVERIFIKASI, Status.DITERUSKAN, Status.DIPROSES, Status.SELESAI]


def seed_demo_requests(regency: Regency, actor: User) -> int:
    from kotacerdas.services.services.handling import request_transition
    from kotacerdas.services.services.requests import request_submit

    if ServiceRequest.objects.filter(regency=regency).exists():
        return 0
    for code, address, kec, lat, lon, text, attrs, final in DEMO_REQUESTS:
        request = request_submit(
            regency=regency,
            service=Service.objects.get(regency=regency, code=code),
            channel=Channel.WEB,
            description=text,
            lat=lat,
            lon=lon,
            address=address,
            kecamatan=Kecamatan.objects.filter(regency=regency, name=kec).first(),
            attributes=attrs,
            photos=[demo_photo()],
        )
        if final == Status.DITERIMA:
            continue
        for step in _PATH:
            extra: dict[str, Any] = {}
            if step == Status.SELESAI:
                extra["after_photo"] = demo_photo((90, 90, 90))
            request = request_transition(
                request=request, target=step, actor=actor, note=_NOTES[step], **extra
            )
            if step == final:
                break
    return len(DEMO_REQUESTS)


_NOTES = {
    Status.DIVERIFIKASI: "Laporan lengkap dan lokasi jelas.",
    Status.DITERUSKAN: "Diteruskan ke OPD penanggung jawab.",
    Status.DIPROSES: "Tim lapangan dijadwalkan ke lokasi.",
    Status.SELESAI: "Perbaikan selesai, foto sesudah terlampir.",
}


def seed_demo(regency: Regency) -> None:
    from kotacerdas.services.models import KecamatanArea
    from kotacerdas.services.services.areas import areas_seed_approximate

    with transaction.atomic():
        seed_catalogue(regency)
        if regency.code == "6202" and not KecamatanArea.objects.filter(regency=regency).exists():
            areas_seed_approximate(regency)
        actor = User.objects.filter(username="diskominfo", regency=regency).first()
        if actor is not None:
            seed_demo_requests(regency, actor)
