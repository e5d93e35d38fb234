"""Article and topic bodies keep their word positions in the stored search vector, on
PostgreSQL only, so a page that matches only in its body ranks by how well it matches.

0008 stored bodies stripped of positions: a body word counted once, at weight D, on every
page alike. Pages matching only in their bodies then tied and were listed by title:
"magnesium pregnancy" put the safety guide, the page that answers it, last of five. With
positions, PostgreSQL's ranking counts how often a body holds the words and how close
together (site_config/search.py); the body keeps the lowest weight, so a title or summary
match still ranks above it.

A generated column's expression cannot be changed in place: the column is dropped and added
again, and its index with it.
"""

from django.db import migrations

INDEXES = {
    "articles_article": "article_search_vector_gin",
    "articles_topic": "topic_search_vector_gin",
}
TITLES = {"articles_article": "title", "articles_topic": "name"}


def _expression(table, body):
    return (
        f"setweight(to_tsvector('english'::regconfig, {TITLES[table]}), 'A')"
        " || setweight(to_tsvector('english'::regconfig, summary), 'B')"
        f" || {body}"
    )


def vectors_with_body(body):
    def replace(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, index in INDEXES.items():
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")  # and index
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN search_vector tsvector"
                f" GENERATED ALWAYS AS ({_expression(table, body)}) STORED"
            )
            schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")

    return replace


WITH_POSITIONS = "to_tsvector('english'::regconfig, body)"
STRIPPED = "strip(to_tsvector('english'::regconfig, body))"


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_article_main_for")]

    operations = [
        migrations.RunPython(vectors_with_body(WITH_POSITIONS), vectors_with_body(STRIPPED))
    ]
