"""A form's body, dose note and side effects keep their word positions in the stored search
vector, on PostgreSQL only, so a form that matches only there ranks by how well it matches
(see articles/migrations/0013_search_vector_keeps_body_positions.py).

A generated column's expression cannot be changed in place: the column is dropped and added
again, and its index with it, as in 0008.
"""

from importlib import import_module

from django.db import migrations

NAMES = (
    "setweight(to_tsvector('english'::regconfig, name), 'A')"
    " || setweight(to_tsvector('english'::regconfig, other_names), 'A')"
    " || setweight(to_tsvector('english'::regconfig, summary), 'B')"
)
TEXTS = ("body", "dose_note", "side_effects")
WITH_POSITIONS = NAMES + "".join(f" || to_tsvector('english'::regconfig, {text})" for text in TEXTS)
STRIPPED = NAMES + "".join(
    f" || strip(to_tsvector('english'::regconfig, {text}))" for text in TEXTS
)


# The same replacement as 0008's, with other expressions.
vector_of = import_module(
    "comparisons.migrations.0008_form_search_covers_dose_and_side_effects"
).vector_of


class Migration(migrations.Migration):
    dependencies = [("comparisons", "0008_form_search_covers_dose_and_side_effects")]

    operations = [migrations.RunPython(vector_of(WITH_POSITIONS), vector_of(STRIPPED))]
