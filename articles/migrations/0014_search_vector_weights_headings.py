"""An article's or topic's section headings weigh more in the stored search vector than the
rest of its body, on PostgreSQL only: a page with a section called "Side effects and how to
avoid them" answers "magnesium side effects" better than one that mentions side effects in
passing, and it was listed fourth of five.

The headings (lines starting with #) get weight C, between the summary (B) and the body (D);
the body keeps every word, headings too, at D. As in 0013, a generated column's expression
cannot be changed in place: the column is dropped and added again, and its index with it.
"""

from django.db import migrations

INDEXES = {
    "articles_article": "article_search_vector_gin",
    "articles_topic": "topic_search_vector_gin",
}
TITLES = {"articles_article": "title", "articles_topic": "name"}
BODY = "to_tsvector('english'::regconfig, body)"
# Every line that is not a heading, emptied ('n': ^ and $ match at each line).
HEADINGS = (
    "setweight(to_tsvector('english'::regconfig,"
    " regexp_replace(body, '^(?!#).*$', '', 'gn')), 'C') || "
)


def _expression(table, headings):
    return (
        f"setweight(to_tsvector('english'::regconfig, {TITLES[table]}), 'A')"
        " || setweight(to_tsvector('english'::regconfig, summary), 'B')"
        f" || {headings}{BODY}"
    )


def vectors(headings):
    def replace(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table, index in INDEXES.items():
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")  # and index
            schema_editor.execute(
                f"ALTER TABLE {table} ADD COLUMN search_vector tsvector"
                f" GENERATED ALWAYS AS ({_expression(table, headings)}) STORED"
            )
            schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")

    return replace


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_search_vector_keeps_body_positions")]

    operations = [migrations.RunPython(vectors(HEADINGS), vectors(""))]
