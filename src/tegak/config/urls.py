"""URLs. Public pages (portal, reporting) need no login; everything else does."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from tegak.api.urls import api_urls

urlpatterns = [
    path("", include("tegak.portal.urls")),
    path("lapor/", include("tegak.intake.public_urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("akun/", include("tegak.accounts.urls")),
    path("staf/", include("tegak.dashboard.urls")),
    path("staf/organisasi/", include("tegak.people.urls")),
    path("staf/laporan/", include("tegak.intake.urls")),
    path("staf/kasus/", include("tegak.cases.urls")),
    path("staf/pemeriksaan/", include("tegak.hearings.urls")),
    path("staf/keputusan/", include("tegak.decisions.urls")),
    path("staf/dokumen/", include("tegak.documents.urls")),
    path("staf/kehadiran/", include("tegak.attendance.urls")),
    path("staf/admin-instansi/", include("tegak.administration.urls")),
    path("staf/tugas-latar/", include("tegak.jobs.urls")),
    path("staf/sambungan/", include("tegak.connectors.urls")),
    path("staf/retensi/", include("tegak.retention.urls")),
    path("staf/log-audit/", include("tegak.audit.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api_urls()),
]

# A busy database answers 503 "try again" (nothing was saved), anything else the 500 page.
handler500 = "tegak.core.busy.server_error"
