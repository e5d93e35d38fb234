"""The forms' search vector covers the dose note and side effects, on PostgreSQL only.

Readers search "glycinate dose" or "citrate side effects", and a form's page answers both in
its "At a glance" list, but the vector held only the name, other names, summary and body, so
the glycinate page was missing from "glycinate dose". The two fields are stripped of
positions, like the body (see 0004_stored_search_vector). A generated column's expression
cannot be changed in place: the column is dropped and added again, and its index with it.
"""

from django.db import migrations

TABLE = "comparisons_magnesiumcompound"
INDEX = "form_search_vector_gin"
BEFORE = (
    "setweight(to_tsvector('english'::regconfig, name), 'A')"
    " || setweight(to_tsvector('english'::regconfig, other_names), 'A')"
    " || setweight(to_tsvector('english'::regconfig, summary), 'B')"
    " || strip(to_tsvector('english'::regconfig, body))"
)
AFTER = (
    BEFORE
    + " || strip(to_tsvector('english'::regconfig, dose_note))"
    + " || strip(to_tsvector('english'::regconfig, side_effects))"
)


def vector_of(expression):
    def replace(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN search_vector")  # and its index
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector"
            f" GENERATED ALWAYS AS ({expression}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {INDEX} ON {TABLE} USING gin (search_vector)")

    return replace


class Migration(migrations.Migration):
    dependencies = [("comparisons", "0007_preparations")]

    operations = [migrations.RunPython(vector_of(AFTER), vector_of(BEFORE))]
