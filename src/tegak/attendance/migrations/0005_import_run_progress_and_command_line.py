from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0004_roll_call_device_source"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="importrun",
            name="uploaded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="importrun",
            name="device_map",
            field=models.FileField(blank=True, upload_to="attendance/imports/"),
        ),
        migrations.AddField(
            model_name="importrun",
            name="rows_total",
            field=models.PositiveIntegerField(default=0, verbose_name="rows in the files"),
        ),
    ]
