"""The attendance app's own calendar (`InstansiDay`) is merged into the instansi's calendar days
(`law.CalendarDay`, the schedules pages): one list of the instansi's days, read by attendance,
working time and deadlines alike. A day already in the law calendar keeps that entry; the decree
of an old row becomes the document's title."""

from django.db import migrations


def move_days(apps, schema_editor):
    InstansiDay = apps.get_model("attendance", "InstansiDay")
    CalendarDay = apps.get_model("law", "CalendarDay")
    for old in InstansiDay.objects.all().iterator():
        if CalendarDay.objects.filter(instansi_id=old.instansi_id, day=old.day).exists():
            continue
        CalendarDay.objects.create(
            instansi_id=old.instansi_id,
            day=old.day,
            kind=old.kind,
            name=old.name,
            basis_title=old.source_decree[:300],
            note="moved from the attendance calendar",
        )


def move_back(apps, schema_editor):
    InstansiDay = apps.get_model("attendance", "InstansiDay")
    CalendarDay = apps.get_model("law", "CalendarDay")
    for day in CalendarDay.objects.filter(note="moved from the attendance calendar"):
        InstansiDay.objects.get_or_create(
            instansi_id=day.instansi_id,
            day=day.day,
            defaults={"kind": day.kind, "name": day.name, "source_decree": day.basis_title[:200]},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0005_import_run_progress_and_command_line"),
        ("law", "0001_stored_configuration"),
    ]

    operations = [
        migrations.RunPython(move_days, move_back),
        migrations.DeleteModel(name="InstansiDay"),
    ]
