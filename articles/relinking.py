"""What a deletion takes off other records without deleting them, and how a recovery puts
it back. Deleting a topic takes the articles and forms filed under it off it (many-to-many
rows) and empties the keys of records that point at it and stay (`on_delete=SET_NULL`: an
outcome's topic). The delete page names those records (`records_losing_link`); a Recover
of the topic links again the ones whose last saved version still had it (`relink`).

Found through the models' own fields, so this module knows no app above `articles`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

import reversion
from django.db import models
from django.db.models import Max
from reversion.errors import RevertError
from reversion.models import Version

from articles.models import ContentVersion


def emptied_by_delete(field) -> bool:
    """A foreign key its record keeps, emptied, when its target is deleted (an outcome's
    topic): a restore may leave it empty too. Not one deleted with its target (a grade's
    form, where empty would mean magnesium in general)."""
    return field.remote_field.on_delete is models.SET_NULL


def records_losing_link(objs: Iterable[models.Model]) -> list[models.Model]:
    """The records that stay when `objs` are deleted, with their key to one of them
    emptied (an outcome whose topic it is), each once, in the order of their names. A
    query for each such key."""
    objs = list(objs)
    if not objs:
        return []
    found = []
    for relation in objs[0]._meta.related_objects:
        field = relation.field
        if field.concrete and field.many_to_one and emptied_by_delete(field):
            found += field.model._base_manager.filter(**{f"{field.name}__in": objs})
    return sorted(found, key=lambda record: (str(record._meta.verbose_name), str(record)))


def _last_versions(model) -> Iterable[tuple[str, dict]]:
    """Each record's id and the fields of its last saved version, in one query."""
    versions = Version.objects.get_for_model(model)
    last = versions.order_by().values("object_id").annotate(last=Max("pk")).values("last")
    for version in Version.objects.filter(pk__in=last).iterator():
        try:
            yield version.object_id, version.field_dict
        except RevertError:  # a version the model can no longer read
            continue


def relink(obj) -> str:
    """After a recovery: link `obj` again from the records whose last saved version linked
    to it, which its deletion had taken off it: articles filed under a recovered topic and
    forms taken for it (many-to-many), an outcome whose topic it was (a key emptied by the
    deletion, set again only where it is still empty). A record saved since without it, or
    given another topic since, keeps that save. Says what was linked again."""
    kinds = []
    for model in reversion.get_registered_models():
        lists = [field for field in model._meta.many_to_many if field.related_model is type(obj)]
        keys = [
            field
            for field in model._meta.concrete_fields
            if field.many_to_one and field.related_model is type(obj) and emptied_by_delete(field)
        ]
        if not lists and not keys:
            continue
        listing: dict = {}
        for object_id, values in _last_versions(model):
            for field in lists:
                if obj.pk in (values.get(field.attname) or ()):
                    listing.setdefault(field, []).append(object_id)
            for field in keys:
                if str(values.get(field.attname)) == str(obj.pk):
                    listing.setdefault(field, []).append(object_id)
        for field, object_ids in listing.items():
            if field.many_to_many:
                count = _list_again(model, field, obj, object_ids)
                named = ""
            else:
                again = _point_again(model, field, obj, object_ids)
                count = len(again)
                named = ": " + ", ".join(f"“{record}”" for record in again)
            if count:
                opts = model._meta
                name = opts.verbose_name if count == 1 else opts.verbose_name_plural
                kinds.append(f"{count} {name} ({field.verbose_name}){named}")
    if not kinds:
        return ""
    return f" Linked to it again, as their last versions had it: {'; '.join(kinds)}."


def _list_again(model, field, obj, object_ids) -> int:
    """Add `obj` back to the many-to-many `field` of these records where it is missing."""
    through = field.remote_field.through
    source = through._meta.get_field(field.m2m_field_name()).attname
    target = through._meta.get_field(field.m2m_reverse_field_name()).attname
    there = set(model._base_manager.filter(pk__in=object_ids).values_list("pk", flat=True))
    linked = through._default_manager.filter(**{target: obj.pk, f"{source}__in": there})
    new = there - set(linked.values_list(source, flat=True))
    through._default_manager.bulk_create(
        [through(**{source: pk, target: obj.pk}) for pk in sorted(new)]
    )
    return len(new)


def _point_again(model, field, obj, object_ids) -> list[models.Model]:
    """Set the emptied key `field` of these records to `obj` again, where it is still empty
    (never over a link an editor chose since). The records set, by name."""
    empty = model._base_manager.filter(pk__in=object_ids, **{f"{field.attname}__isnull": True})
    records = list(empty)
    if not records:
        return []
    values = {field.attname: obj.pk}
    if any(f.name == "edit_token" for f in model._meta.concrete_fields):
        # A form opened on the record while the key was empty is stale now: saved, it would
        # empty the key again without a word (articles/stale_edits.py).
        values["edit_token"] = uuid.uuid4()
    model._base_manager.filter(pk__in=[record.pk for record in records]).update(**values)
    ContentVersion.bump()  # update() sends no signal: cached pages showing the records
    return sorted(records, key=str)
