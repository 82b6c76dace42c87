"""The case list's stored search column (ADR 0172): a GIN-indexed tsvector on PostgreSQL."""

import django.contrib.postgres.search
from django.db import migrations

from tegak.cases.search import rebuild


def index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX cases_case_search_gin ON cases_case USING gin (search_vector)"
        )


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS cases_case_search_gin")


def fill(apps, schema_editor):
    rebuild()


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_step_authority_basis")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(index, unindex),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
