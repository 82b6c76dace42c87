from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from tegak.audit import catalogue
from tegak.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the chain is never edited, not even by administrators."""

    list_display = [
        "sequence",
        "occurred_at",
        "actor_label",
        "action_label",
        "action",
        "target_type",
        "target_id",
    ]
    list_filter = ["action"]
    search_fields = ["action", "target_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("What happened"), ordering="action")
    def action_label(self, obj: AuditEvent) -> str:
        """The action's label in the reader's language (`tegak.audit.catalogue`)."""
        return catalogue.label(obj.action)
