# Publishing fields moved to the shared Publishable base; only the help text changed.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_reference_note_text"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="published_at",
            field=models.DateTimeField(
                blank=True, help_text="A future date schedules publication.", null=True
            ),
        ),
    ]
