"""Stored full-text search vectors for forms and foods, on PostgreSQL only.

The same design as articles/migrations/0008_stored_search_vector.py (read its docstring): a
STORED generated `search_vector` column that PostgreSQL keeps up to date on every write, a GIN
index on it, and no change to the Django models, so SQLite is unaffected. Before this, every
search parsed all form bodies again.

PostgreSQL refuses to change the type of a column a generated column reads (e.g. a new
max_length for `name`): such a migration must drop `search_vector` first and add it back after.
"""

from django.db import migrations

# Names and summaries keep positions and weights for ranking; bodies and servings are stripped
# of positions (cheap to rank; a word there counts once, at the lowest weight).
VECTORS = {
    "comparisons_magnesiumcompound": (
        "form_search_vector_gin",
        "setweight(to_tsvector('english'::regconfig, name), 'A')"
        " || setweight(to_tsvector('english'::regconfig, other_names), 'A')"
        " || setweight(to_tsvector('english'::regconfig, summary), 'B')"
        " || strip(to_tsvector('english'::regconfig, body))",
    ),
    "comparisons_food": (
        "food_search_vector_gin",
        "setweight(to_tsvector('english'::regconfig, name), 'A')"
        " || strip(to_tsvector('english'::regconfig, serving))",
    ),
}


def add_search_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
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


class Migration(migrations.Migration):
    dependencies = [("comparisons", "0003_form_publishing_and_review")]

    operations = [migrations.RunPython(add_search_vectors, drop_search_vectors)]
