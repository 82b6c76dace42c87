"""The report queue's stored search column (ADR 0172): a GIN-indexed tsvector on PostgreSQL."""

import django.contrib.postgres.search
from django.db import migrations

from tegak.intake.search import rebuild


def index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX intake_report_search_gin ON intake_report USING gin (search_vector)"
        )


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS intake_report_search_gin")


def fill(apps, schema_editor):
    rebuild()


class Migration(migrations.Migration):
    dependencies = [("intake", "0007_throttle_verification_checks")]

    operations = [
        migrations.AddField(
            model_name="report",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index, unindex),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
