"""URLs. Public pages live under the portal; everything else needs a login."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from tegak.api.urls import api

urlpatterns = [
    path("", include("tegak.portal.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("akun/", include("tegak.accounts.urls")),
    path("staf/", include("tegak.core.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
