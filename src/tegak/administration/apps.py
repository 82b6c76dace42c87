from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdministrationConfig(AppConfig):
    """The instansi administrator's pages: the agency runs Tegak itself (no Django admin)."""

    name = "tegak.administration"
    label = "administration"
    verbose_name = _("Instansi administration")
