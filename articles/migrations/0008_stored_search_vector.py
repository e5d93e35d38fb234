"""Stored full-text search vectors for articles and topics, on PostgreSQL only.

Each table gets a `search_vector` column that PostgreSQL computes itself (a STORED generated
column) on every INSERT and UPDATE, whatever wrote the row: save(), update(), bulk_create(),
loaddata, raw SQL. A GIN index on it answers site search (site_config/search.py explains the
design). The Django models do not know the column, so SQLite, fixtures and `makemigrations`
are unaffected; the migration state does not change.

It replaces the expression index of 0003: matching on an expression index still parsed every
body again when a word matched most rows, and ranking always did.

PostgreSQL refuses to change the type of a column a generated column reads (e.g. a new
max_length for `title`): such a migration must drop `search_vector` first and add it back
after, with the functions below.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# Title and summary keep their word positions and weights (A, B) for ranking; the body is
# stripped of positions: long bodies with many positions made ranking slow, and a body word
# then counts once, at the lowest weight (D).
VECTORS = {
    "articles_article": (
        "article_search_vector_gin",
        "setweight(to_tsvector('english'::regconfig, title), 'A')"
        " || setweight(to_tsvector('english'::regconfig, summary), 'B')"
        " || strip(to_tsvector('english'::regconfig, body))",
    ),
    "articles_topic": (
        "topic_search_vector_gin",
        "setweight(to_tsvector('english'::regconfig, name), 'A')"
        " || setweight(to_tsvector('english'::regconfig, summary), 'B')"
        " || strip(to_tsvector('english'::regconfig, body))",
    ),
}
OLD_INDEX = "article_search_gin"


def _old_index():
    """The expression index of 0003, for going backwards."""
    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )
    return GinIndex(vector, name=OLD_INDEX)


def add_search_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("articles", "Article"), _old_index())
    for table, (index, expression) in VECTORS.items():
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector"
            f" GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")


def drop_search_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in VECTORS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")  # and its index
    schema_editor.add_index(apps.get_model("articles", "Article"), _old_index())


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_published_at_help_text")]

    operations = [migrations.RunPython(add_search_vectors, drop_search_vectors)]
