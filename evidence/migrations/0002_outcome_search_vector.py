"""A stored full-text search vector for outcomes, on PostgreSQL only, so site search finds
an outcome's evidence page ("insomnia" finds the evidence on sleep).

The same design as articles/migrations/0008_stored_search_vector.py (read its docstring): a
STORED generated `search_vector` column that PostgreSQL keeps up to date on every write, a GIN
index on it, and no change to the model, so SQLite is unaffected. PostgreSQL refuses to
change the type of a column a generated column reads (a new max_length for `name`): such a
migration must drop `search_vector` first and add it back after.
"""

from django.db import migrations

TABLE = "evidence_outcome"
EXPRESSION = (
    "setweight(to_tsvector('english'::regconfig, name), 'A')"
    " || setweight(to_tsvector('english'::regconfig, short_name), 'A')"
    " || setweight(to_tsvector('english'::regconfig, description), 'B')"
)


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector"
        f" GENERATED ALWAYS AS ({EXPRESSION}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX outcome_search_vector_gin ON {TABLE} USING gin (search_vector)"
    )


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN search_vector")  # and its index


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(add_search_vector, drop_search_vector)]
