"""Messages the REST API of the case file answers with (kept in this app's catalog)."""

from django.utils.translation import gettext_lazy as _

REPORT_IDS = _("Give the report ids as a list of numbers.")
NO_SUCH_REPORT = _("No such report.")
NO_REPORT = _("Choose at least one verified report.")
NO_SUCH_STEP = _("No such step.")
FORBIDDEN = _("You may not do this.")
ALLEGATIONS = _("Give the allegations as a list of objects.")
