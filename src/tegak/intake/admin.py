"""Administration: the clocks of each instansi. Reports are handled only through the services."""

from django.contrib import admin

from tegak.intake.models import IntakeSettings, PartnerChannel


@admin.register(IntakeSettings)
class IntakeSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "instansi",
        "acknowledge_working_days",
        "first_answer_days",
        "first_answer_counting",
        "calendar_id",
    ]


@admin.register(PartnerChannel)
class PartnerChannelAdmin(admin.ModelAdmin):
    """Read-only: partners are added and stopped with `tegak partner_channel` (audited)."""

    list_display = ["name", "instansi", "active", "created_at"]
    readonly_fields = ["name", "instansi", "token_hash", "active", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
