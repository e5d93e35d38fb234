"""Slugs and citation keys in lower case only, and topics' names and articles' titles
unique whatever their capitals (articles/models/letter_case.py). Rows saved before that
break a rule are changed first, so the constraints can be added, and each change is
printed for the editors to check (articles/letter_case_migration.py, docs/deploy.md)."""

import articles.models.letter_case
import django.db.models.functions.text
from django.db import migrations, models

from articles.letter_case_migration import lower_case, report, unique_in_any_case


def fix_capitals(apps, schema_editor):
    changes = [
        *lower_case(apps, "articles.Topic", "slug", "/topics/%s/"),
        *lower_case(apps, "articles.Article", "slug", "/articles/%s/"),
        *lower_case(apps, "articles.Reference", "key"),
        *unique_in_any_case(apps, "articles.Topic", "name"),
        *unique_in_any_case(apps, "articles.Article", "title"),
    ]
    report(changes)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0019_topic_route'),
    ]

    operations = [
        migrations.RunPython(fix_capitals, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='article',
            name='slug',
            field=models.SlugField(max_length=200, unique=True, validators=[articles.models.letter_case.lower_case_only]),
        ),
        migrations.AlterField(
            model_name='reference',
            name='key',
            field=models.SlugField(help_text='Cite it as [@key].', max_length=60, unique=True, validators=[articles.models.letter_case.lower_case_only]),
        ),
        migrations.AlterField(
            model_name='topic',
            name='slug',
            field=models.SlugField(max_length=80, unique=True, validators=[articles.models.letter_case.lower_case_only]),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(('slug', django.db.models.functions.text.Lower('slug'))), name='article_slug_lower_case', violation_error_message='Use lower case only in the slug.'),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('title'), name='article_title_unique_in_any_case', violation_error_message='Another record has this title in other capitals: choose a title that differs in its letters.'),
        ),
        migrations.AddConstraint(
            model_name='reference',
            constraint=models.CheckConstraint(condition=models.Q(('key', django.db.models.functions.text.Lower('key'))), name='reference_key_lower_case', violation_error_message='Use lower case only in the key.'),
        ),
        migrations.AddConstraint(
            model_name='topic',
            constraint=models.CheckConstraint(condition=models.Q(('slug', django.db.models.functions.text.Lower('slug'))), name='topic_slug_lower_case', violation_error_message='Use lower case only in the slug.'),
        ),
        migrations.AddConstraint(
            model_name='topic',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('name'), name='topic_name_unique_in_any_case', violation_error_message='Another record has this name in other capitals: choose a name that differs in its letters.'),
        ),
    ]
