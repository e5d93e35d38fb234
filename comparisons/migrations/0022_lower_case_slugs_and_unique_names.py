"""Slugs (forms, tables, salts, age groups) in lower case only, and forms' names and
tables' titles unique whatever their capitals (articles/models/letter_case.py). Rows saved
before that break a rule are changed first, so the constraints can be added, and each
change is printed for the editors to check (articles/letter_case_migration.py,
docs/deploy.md)."""

import articles.models.letter_case
import django.db.models.functions.text
from django.db import migrations, models

from articles.letter_case_migration import lower_case, report, unique_in_any_case


def fix_capitals(apps, schema_editor):
    changes = [
        *lower_case(apps, "comparisons.MagnesiumCompound", "slug", "/forms/%s/"),
        *lower_case(apps, "comparisons.Comparison", "slug", "/compare/%s/"),
        *lower_case(apps, "comparisons.CompoundSalt", "slug"),
        *lower_case(apps, "comparisons.RecommendedIntake", "age_group"),
        *lower_case(apps, "comparisons.UpperIntakeLimit", "age_group"),
        *unique_in_any_case(apps, "comparisons.MagnesiumCompound", "name"),
        *unique_in_any_case(apps, "comparisons.Comparison", "title"),
    ]
    report(changes)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0020_lower_case_slugs_and_unique_titles'),
        ('comparisons', '0021_sources_labels'),
    ]

    operations = [
        migrations.RunPython(fix_capitals, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='comparison',
            name='slug',
            field=models.SlugField(max_length=200, unique=True, validators=[articles.models.letter_case.lower_case_only]),
        ),
        migrations.AlterField(
            model_name='compoundsalt',
            name='slug',
            field=models.SlugField(help_text="Short and unique across all forms, e.g. citrate-1-1. Calculator links use it after the form's slug: ?form=magnesium-citrate:citrate-1-1.", max_length=60, unique=True, validators=[articles.models.letter_case.lower_case_only]),
        ),
        migrations.AlterField(
            model_name='magnesiumcompound',
            name='slug',
            field=models.SlugField(max_length=100, unique=True, validators=[articles.models.letter_case.lower_case_only]),
        ),
        migrations.AlterField(
            model_name='recommendedintake',
            name='age_group',
            field=models.SlugField(help_text='Used in calculator links, e.g. 31-50-years.', max_length=40, unique=True, validators=[articles.models.letter_case.lower_case_only]),
        ),
        migrations.AlterField(
            model_name='upperintakelimit',
            name='age_group',
            field=models.SlugField(help_text='Used in calculator links, e.g. 31-50-years.', max_length=40, unique=True, validators=[articles.models.letter_case.lower_case_only]),
        ),
        migrations.AddConstraint(
            model_name='comparison',
            constraint=models.CheckConstraint(condition=models.Q(('slug', django.db.models.functions.text.Lower('slug'))), name='comparison_slug_lower_case', violation_error_message='Use lower case only in the slug.'),
        ),
        migrations.AddConstraint(
            model_name='comparison',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('title'), name='comparison_title_unique_in_any_case', violation_error_message='Another record has this title in other capitals: choose a title that differs in its letters.'),
        ),
        migrations.AddConstraint(
            model_name='compoundsalt',
            constraint=models.CheckConstraint(condition=models.Q(('slug', django.db.models.functions.text.Lower('slug'))), name='salt_slug_lower_case', violation_error_message='Use lower case only in the slug.'),
        ),
        migrations.AddConstraint(
            model_name='magnesiumcompound',
            constraint=models.CheckConstraint(condition=models.Q(('slug', django.db.models.functions.text.Lower('slug'))), name='compound_slug_lower_case', violation_error_message='Use lower case only in the slug.'),
        ),
        migrations.AddConstraint(
            model_name='magnesiumcompound',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('name'), name='compound_name_unique_in_any_case', violation_error_message='Another record has this name in other capitals: choose a name that differs in its letters.'),
        ),
        migrations.AddConstraint(
            model_name='recommendedintake',
            constraint=models.CheckConstraint(condition=models.Q(('age_group', django.db.models.functions.text.Lower('age_group'))), name='recommendedintake_age_group_lower_case', violation_error_message='Use lower case only in the age group.'),
        ),
        migrations.AddConstraint(
            model_name='upperintakelimit',
            constraint=models.CheckConstraint(condition=models.Q(('age_group', django.db.models.functions.text.Lower('age_group'))), name='upperintakelimit_age_group_lower_case', violation_error_message='Use lower case only in the age group.'),
        ),
    ]
