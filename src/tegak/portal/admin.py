"""Administrators set each instansi's publication policy in the admin."""

from __future__ import annotations

from django.contrib import admin

from tegak.portal.models import PortalPolicy


@admin.register(PortalPolicy)
class PortalPolicyAdmin(admin.ModelAdmin):
    list_display = ("instansi", "show_accused_name_when_final")
    list_editable = ("show_accused_name_when_final",)
