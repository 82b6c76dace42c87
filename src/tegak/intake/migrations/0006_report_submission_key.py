from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0005_report_notice_contact_sealed"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="submission_key",
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
    ]
