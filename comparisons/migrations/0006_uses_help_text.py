# Issue 20: a form's uses are what people commonly take it for, never a proven benefit.

from django.db import migrations, models


class Migration(migrations.Migration):
    # Topic comes from articles' first migration; no later one is needed.
    dependencies = [
        ("articles", "0001_initial"),
        ("comparisons", "0005_compound_salts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="magnesiumcompound",
            name="uses",
            field=models.ManyToManyField(
                blank=True,
                help_text="What people commonly take this form for, not what it is proven to do.",
                related_name="compounds",
                to="articles.topic",
            ),
        ),
    ]
