"""A GIN index for PostgreSQL full-text search over articles (weighted title > summary > body).

The indexed expression must stay identical to the one site_config/search.py builds
(`search_vector`), or the planner cannot use the index; a PostgreSQL test checks that it does.
SQLite has no such index; its search fallback needs none.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "article_search_gin"


def _index():
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    return GinIndex(vector, name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), _index())


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_content_links")]

    operations = [migrations.RunPython(create_index, drop_index)]
