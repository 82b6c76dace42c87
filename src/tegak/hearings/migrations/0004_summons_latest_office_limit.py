"""A summons keeps whether its latest examination day is the office's own time limit rather than
one set by law (readings C20, C36). Summonses issued before are marked as the clocks are
(`cases` 0012): from the employee's status and the basis the summons stored. The reverse drops
the column."""

import importlib

from django.db import migrations, models


def forward(apps, schema_editor):
    clocks = importlib.import_module("tegak.cases.migrations.0012_clock_office_limit")
    summons_model = apps.get_model("hearings", "Summons")
    by_reference = clocks._pppk_follows_pns_procedure()
    office_ids = [
        pk
        for pk, status, basis in summons_model.objects.exclude(latest_examination_on=None)
        .exclude(accused__employee__status__in=clocks.NATIONAL)
        .values_list("pk", "accused__employee__status", "deadline_basis")
        if clocks.office_limit(str(status), basis, by_reference)
    ]
    summons_model.objects.filter(pk__in=office_ids).update(latest_is_office_limit=True)


class Migration(migrations.Migration):
    dependencies = [
        ("hearings", "0003_examination_session"),
        ("cases", "0012_clock_office_limit"),
    ]

    operations = [
        migrations.AddField(
            model_name="summons",
            name="latest_is_office_limit",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
