"""One report per partner message: a unique (partner, partner_reference) when a reference is
given, and the digest that tells a gateway's resend from other content under a used reference.

Reports a gateway's retries made twice before this migration keep their rows; the later ones'
references get the suffix " #<report id>" so the constraint can hold (nothing else changes)."""

from django.db import migrations, models
from django.db.models import Count


def suffix_repeats(apps, schema_editor):
    Report = apps.get_model("intake", "Report")
    repeated = (
        Report.objects.exclude(partner_reference="")
        .values("partner_id", "partner_reference")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    for group in repeated:
        rows = Report.objects.filter(
            partner_id=group["partner_id"], partner_reference=group["partner_reference"]
        ).order_by("id")
        for report in rows[1:]:
            tail = f" #{report.pk}"
            report.partner_reference = report.partner_reference[: 100 - len(tail)] + tail
            report.save(update_fields=["partner_reference"])


class Migration(migrations.Migration):
    dependencies = [("intake", "0008_report_search_vector")]

    operations = [
        migrations.AddField(
            model_name="report",
            name="partner_fingerprint",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(suffix_repeats, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="report",
            constraint=models.UniqueConstraint(
                condition=models.Q(("partner_reference", ""), _negated=True),
                fields=("partner", "partner_reference"),
                name="one_report_per_partner_reference",
            ),
        ),
    ]
