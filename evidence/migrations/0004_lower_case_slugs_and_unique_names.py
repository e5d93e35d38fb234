"""Outcomes' slugs in lower case only, and their names and column headings unique whatever
their capitals (articles/models/letter_case.py). Rows saved before that break a rule are
changed first, so the constraints can be added, and each change is printed for the editors
to check (articles/letter_case_migration.py, docs/deploy.md)."""

import articles.models.letter_case
import django.db.models.functions.text
from django.db import migrations, models

from articles.letter_case_migration import lower_case, report, unique_in_any_case


def fix_capitals(apps, schema_editor):
    changes = [
        *lower_case(apps, "evidence.Outcome", "slug", "/evidence/%s/"),
        *unique_in_any_case(apps, "evidence.Outcome", "name"),
        *unique_in_any_case(apps, "evidence.Outcome", "short_name"),
    ]
    report(changes)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0020_lower_case_slugs_and_unique_titles'),
        ('evidence', '0003_plausible_figures'),
    ]

    operations = [
        migrations.RunPython(fix_capitals, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='outcome',
            name='slug',
            field=models.SlugField(max_length=80, unique=True, validators=[articles.models.letter_case.lower_case_only]),
        ),
        migrations.AddConstraint(
            model_name='outcome',
            constraint=models.CheckConstraint(condition=models.Q(('slug', django.db.models.functions.text.Lower('slug'))), name='outcome_slug_lower_case', violation_error_message='Use lower case only in the slug.'),
        ),
        migrations.AddConstraint(
            model_name='outcome',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('name'), name='outcome_name_unique_in_any_case', violation_error_message='Another record has this name in other capitals: choose a name that differs in its letters.'),
        ),
        migrations.AddConstraint(
            model_name='outcome',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('short_name'), name='outcome_short_name_unique_in_any_case', violation_error_message='Another record has this short_name in other capitals: choose a short_name that differs in its letters.'),
        ),
    ]
