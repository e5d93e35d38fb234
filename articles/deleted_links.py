"""Names for the rows of Django's many-to-many link tables on the page that confirms a
deletion. Django lists each one the deletion takes with it as "Article-topic relationship:
Article_topics object (36)"; here each says what it links: "Article-topic relationship:
“Magnesium for sleep”, topics: “Sleep”". One query per link table the deleted records take
part in, however many rows it holds."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.text import capfirst


def _link_tables(model: type[models.Model]):
    """(the many-to-many field, the name of its link table's key to `model`, the name of
    its key to the other end) for each such field on either side of `model`."""
    for field in model._meta.many_to_many:
        yield field, field.m2m_field_name(), field.m2m_reverse_field_name()
    for relation in model._meta.related_objects:
        if relation.many_to_many:
            field = relation.field
            yield field, field.m2m_reverse_field_name(), field.m2m_field_name()


def link_names(objs: Iterable[models.Model]) -> dict[str, str]:
    """Django's line for each link row that goes with `objs` -> a line naming both ends,
    the field's own model first."""
    objs = list(objs)
    if not objs:
        return {}
    names = {}
    for field, ours, theirs in _link_tables(type(objs[0])):
        through = field.remote_field.through
        if not through._meta.auto_created:
            continue
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        label = capfirst(through._meta.verbose_name)
        rows = through._default_manager.filter(**{f"{ours}__in": objs}).select_related(ours, theirs)
        for row in rows:
            names[f"{label}: {row}"] = (
                f"{label}: “{getattr(row, source)}”, {field.verbose_name}: “{getattr(row, target)}”"
            )
    return names


def renamed(items: list, names: dict[str, str]) -> list:
    """The nested list Django's page shows, its link lines named by `names`."""
    return [
        renamed(item, names) if isinstance(item, list) else names.get(str(item), item)
        for item in items
    ]


def counted_apart(model_count: dict, objs: Iterable[models.Model]) -> dict:
    """Django's summary counts each kind of row under its plural name: two link tables of
    one name (an article's topics and the topics it is the main article on are both
    "article-topic relationships") made one line, counting the last table's rows only.
    Each such table gets a line of its own, named by its field as the list's lines are."""
    objs = list(objs)
    if not objs:
        return model_count
    tables: dict[str, list] = {}
    for field, ours, _theirs in _link_tables(type(objs[0])):
        through = field.remote_field.through
        if through._meta.auto_created:
            tables.setdefault(str(through._meta.verbose_name_plural), []).append((field, ours))
    counts = dict(model_count)
    for plural, fields in tables.items():
        if len(fields) < 2 or plural not in counts:
            continue
        numbers = {}
        for field, ours in fields:
            rows = field.remote_field.through._default_manager.filter(**{f"{ours}__in": objs})
            if number := rows.count():
                numbers[f"{plural} ({field.verbose_name})"] = number
        if len(numbers) > 1:  # with one, Django's line counts it right
            del counts[plural]
            counts.update(numbers)
    return counts
