"""Forms of magnesium are published like articles (draft/published, a publish date that may
schedule them) and reviewed like them. Forms that already exist were public, so they become
published as of their last change; new forms start as drafts."""

from django.db import migrations, models


def publish_existing_forms(apps, schema_editor):
    MagnesiumCompound = apps.get_model("comparisons", "MagnesiumCompound")
    MagnesiumCompound.objects.update(status="published", published_at=models.F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("comparisons", "0002_intaketable_recommendedintake_upperintakelimit"),
    ]

    operations = [
        migrations.AddField(
            model_name="magnesiumcompound",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("published", "Published")],
                default="draft",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="magnesiumcompound",
            name="published_at",
            field=models.DateTimeField(
                blank=True, help_text="A future date schedules publication.", null=True
            ),
        ),
        migrations.AddField(
            model_name="magnesiumcompound",
            name="reviewer",
            field=models.CharField(blank=True, max_length=120),
        ),
        migrations.AddField(
            model_name="magnesiumcompound",
            name="last_reviewed",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="magnesiumcompound",
            name="next_review_due",
            field=models.DateField(
                blank=True, help_text="When the evidence should be checked again.", null=True
            ),
        ),
        migrations.RunPython(publish_existing_forms, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="magnesiumcompound",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["draft", "published"])),
                name="magnesiumcompound_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="magnesiumcompound",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "draft"), ("published_at__isnull", False), _connector="OR"
                ),
                name="magnesiumcompound_published_has_date",
            ),
        ),
    ]
