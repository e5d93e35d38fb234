"""Medicines' slugs in lower case only (articles/models/letter_case.py); their names are
compared without capitals already. A slug saved before with capitals is lower-cased first, so
the constraint can be added, and each change is printed for the editors to check
(articles/letter_case_migration.py, docs/deploy.md)."""

import articles.models.letter_case
import django.db.models.functions.text
from django.db import migrations, models

from articles.letter_case_migration import lower_case, report


def fix_capitals(apps, schema_editor):
    report(lower_case(apps, "interactions.Medicine", "slug", "/interactions/%s/"))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0020_lower_case_slugs_and_unique_titles'),
        ('interactions', '0008_compared_names_unbounded'),
    ]

    operations = [
        migrations.RunPython(fix_capitals, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='medicine',
            name='slug',
            field=models.SlugField(max_length=80, unique=True, validators=[articles.models.letter_case.lower_case_only]),
        ),
        migrations.AddConstraint(
            model_name='medicine',
            constraint=models.CheckConstraint(condition=models.Q(('slug', django.db.models.functions.text.Lower('slug'))), name='medicine_slug_lower_case', violation_error_message='Use lower case only in the slug.'),
        ),
    ]
