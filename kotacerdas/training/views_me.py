"""The ASN's own page: JP this year against the target, training history,
certificates to download and share, and external certificates to submit."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.models import Role
from kotacerdas.core.permissions import access, roles_rule
from kotacerdas.core.tenancy import acting_user
from kotacerdas.core.timeutil import WIB
from kotacerdas.training import openbadges, selectors
from kotacerdas.training.models import Enrolment, ExternalCertificate
from kotacerdas.training.selectors_jp import jp_summary_for
from kotacerdas.training.services.external import external_submit
from kotacerdas.training.workflow import TrainingRefused

ASN_RULE = roles_rule(read=[Role.ASN])


@access(ASN_RULE)
def my_training(request: HttpRequest) -> HttpResponse:
    asn = selectors.asn_for_user(user=request.user)
    today = timezone.now().astimezone(WIB).date()
    if asn is None:
        return render(request, "training/me.html", {"asn": None})
    error = ""
    if request.method == "POST":
        post = request.POST
        try:
            try:
                completed_on = date.fromisoformat(post.get("completed_on", "")[:10])
            except ValueError:
                raise TrainingRefused(_("Tanggal selesai harus diisi.")) from None
            upload = request.FILES.get("file")
            if upload is None:
                raise TrainingRefused(_("Lampirkan berkas sertifikat."))
            external_submit(
                asn=asn,
                title=post.get("title", ""),
                provider=post.get("provider", ""),
                jp=post.get("jp", ""),
                completed_on=completed_on,
                upload=upload,
                actor=acting_user(request),
                today=today,
            )
        except TrainingRefused as exc:
            error = str(exc)
        else:
            messages.success(request, _("Sertifikat terkirim; menunggu verifikasi BKPSDM."))
            return redirect("training:me")
    credentials = [
        (c, openbadges.credential_url(c.public_id)) for c in selectors.credentials_of(asn=asn)
    ]
    return render(
        request,
        "training/me.html",
        {
            "asn": asn,
            "jp": jp_summary_for(asn=asn, year=today.year, as_of=today),
            "enrolments": Enrolment.objects.filter(asn=asn)
            .select_related("training_class", "training_class__course")
            .order_by("-training_class__year"),
            "credentials": credentials,
            "externals": ExternalCertificate.objects.filter(asn=asn).order_by("-uploaded_at"),
            "error": error,
            "data": request.POST,
        },
        status=400 if error else 200,
    )
