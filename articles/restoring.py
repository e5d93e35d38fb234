"""Restoring an earlier version and recovering a deleted record, beyond django-reversion.

- A restore is a save like any other: refused if someone saved the record after the editor
  opened the restore form (articles/stale_edits.py). django-reversion writes the old version,
  its edit token too, before the form checks it, so the check compares against the token the
  record had before that write.
- What the admin says after: "restored" or "recovered", and whether readers can open the page.
  Django's own message after the save underneath ("… was changed successfully") would tell
  an editor who just brought a deleted page back that they had changed it.
- A version pointing at records deleted since: the sources or topics it lists are left out,
  and said so before and after; a record it needs (an evidence grade's form) stops it, with
  what to recover first. django-reversion would write the rows all the same, and the
  database refuse them as the transaction ended: a server error, nothing restored.
- A version holding a value that must be unique and that another record holds now (a
  medicine's other name, given to another medicine since): stopped, naming both, where
  django-reversion said only "missing dependency".
"""

from __future__ import annotations

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from reversion.errors import RevertError
from reversion.models import Version

from articles.models import Publishable
from articles.relinking import emptied_by_delete, relink


def readers_now(obj) -> str:
    """Whether readers can open a page now, for records published like articles."""
    if not isinstance(obj, Publishable):
        return ""
    if obj.open_to_readers():
        return " Readers can open it."
    return " Readers cannot open it now (see Publishing)."


def left_deleted(obj, site: str) -> str:
    """The deleted records that pointed at `obj` (a foreign key to it), which a recovery of
    it alone does not bring back, each kind with where to recover it: a form's evidence
    grades, deleted with it."""
    kinds = []
    for model in reversion.get_registered_models():
        keys = [
            field.attname
            for field in model._meta.concrete_fields
            if field.many_to_one and field.related_model is type(obj)
        ]
        if not keys:
            continue
        count = sum(
            1 for version in Version.objects.get_deleted(model) if _names(version, keys, obj)
        )
        if not count:
            continue
        opts = model._meta
        name = opts.verbose_name if count == 1 else opts.verbose_name_plural
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_recoverlist", current_app=site)
        except NoReverseMatch:  # a kind editors do not recover in the admin
            kinds.append(format_html("{} {}", count, name))
            continue
        kinds.append(format_html('{} {} (<a href="{}">recover them</a>)', count, name, url))
    if not kinds:
        return ""
    listed = format_html_join("; ", "{}", ((kind,) for kind in kinds))
    return format_html(" Still deleted, of what belonged to it: {}.", listed)


def _names(version: Version, keys: list[str], obj) -> bool:
    """Whether a deleted record's last version pointed at `obj`. A version the model can no
    longer read counts as not: this message must not stop the recovery."""
    try:
        fields = version.field_dict
    except RevertError:
        return False
    return any(str(fields.get(key)) == str(obj.pk) for key in keys)


def _named(model, pks) -> list[str]:
    """Deleted records, each by its kind and its name when it was deleted."""
    names = []
    for pk in pks:
        last = Version.objects.get_deleted(model).filter(object_id=str(pk)).first()
        kind = model._meta.verbose_name
        names.append(f"{kind} “{last.object_repr}”" if last else f"a {kind} (no name kept)")
    return names


def saved(request, response) -> bool:
    """Whether a restore or recovery went through: a refusal redirects too."""
    refused = getattr(request, "restore_refused", False)
    return request.method == "POST" and response.status_code == 302 and not refused


def missing_targets(versions) -> tuple[list[str], list[str]]:
    """What these versions (one record and its inline rows) point at that is no longer
    there: the records a foreign key needs, and those a many-to-many or a key emptied by
    their deletion lists, which can be left out, each named. A record restored in the same
    revision (a form recovered with its salts) is there."""
    versions = list(versions)
    restored = {(version.content_type_id, version.object_id) for version in versions}
    needed, listed = {}, {}
    for version in versions:
        try:
            fields = version.field_dict
        except RevertError:
            continue
        for field in version._model._meta.get_fields():
            if field.auto_created or field.related_model is None:
                continue  # not a field of this record's (a reverse or generic relation)
            if not (field.many_to_many or (field.many_to_one and field.concrete)):
                continue
            value = fields.get(field.attname)
            pks = set(value or ()) if field.many_to_many else {value} - {None}
            wanted = needed if field.many_to_one and not emptied_by_delete(field) else listed
            wanted.setdefault(field.related_model, set()).update(pks)
    missing = ([], [])
    for found, wanted in zip(missing, (needed, listed), strict=True):
        for model, pks in wanted.items():
            kind = ContentType.objects.get_for_model(model).pk
            pks = {pk for pk in pks if (kind, str(pk)) not in restored}
            there = set(model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
            found += _named(model, sorted(pks - there))
    return missing


def _unique_columns(model) -> list[tuple[str, ...]]:
    """The columns, alone or together, whose values no two rows of `model` may share."""
    opts = model._meta
    columns = [(f.attname,) for f in opts.concrete_fields if f.unique and not f.primary_key]
    together = [
        *opts.unique_together,
        *(
            constraint.fields
            for constraint in opts.constraints
            if isinstance(constraint, models.UniqueConstraint)
            and constraint.fields
            and constraint.condition is None
        ),
    ]
    columns += [tuple(opts.get_field(name).attname for name in names) for names in together]
    return columns


def taken_since(versions, record_id: str, rows: list[tuple[type, str]]) -> list[str]:
    """The values of these versions (one record and its inline rows) that must be unique and
    that another record's row holds now, each named with who holds it. The record's own rows
    now are not counted: the restore deletes or overwrites them. `rows` are the inline models
    with the name of their key to the record."""
    keys = dict(rows)
    taken = []
    for version in versions:
        model = version._model
        concrete = model._meta.concrete_fields
        try:
            fields = version.field_dict
        except RevertError:
            continue
        for columns in _unique_columns(model):
            values = {column: fields.get(column) for column in columns}
            if None in values.values():
                continue
            holders = model._base_manager.filter(**values).exclude(pk=version.object_id)
            if key := keys.get(model):
                holders = holders.exclude(**{key: record_id})
            if (holder := holders.first()) is None:
                continue
            if key:  # a row: whose it is now
                owner = next(getattr(holder, f.name) for f in concrete if f.attname == key)
                what = f"its {model._meta.verbose_name} “{version.object_repr}”"
            else:  # the record: which of its fields
                owner = holder
                what = "its " + " and ".join(
                    str(f.verbose_name) for f in concrete if f.attname in columns
                )
            taken.append(f"{what} now belongs to “{owner}”")
        taken += _conditions_met_since(model, fields)
    return list(dict.fromkeys(taken))


def _conditions_met_since(model, fields: dict) -> list[str]:
    """A version's record (its `fields`) against the unique constraints that hold only under
    a condition (one evidence cell per form and outcome), in the constraint's own words:
    another record meeting it now is a clash only if this one meets the condition too."""
    concrete = model._meta.concrete_fields
    record = model(**{f.attname: fields[f.attname] for f in concrete if f.attname in fields})
    record._state.adding = False  # its own row, where it still has one, is no clash
    clashes = []
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.condition is not None:
            try:
                constraint.validate(model, record)
            except ValidationError as error:
                clashes += [message[0].lower() + message[1:].rstrip(".") for message in error]
    return clashes


def drop_missing(versions) -> None:
    """Take out of these restored records what points at records gone since: many-to-many
    rows, and keys emptied by a deletion (an outcome's topic)."""
    for version in versions:
        model, pk = version._model, version.object_id
        for field in model._meta.many_to_many:
            rows = field.remote_field.through._default_manager
            there = field.related_model._base_manager.values("pk")
            rows.filter(**{field.m2m_field_name(): pk}).exclude(
                **{f"{field.m2m_reverse_field_name()}__in": there}
            ).delete()
        for field in model._meta.concrete_fields:
            if field.many_to_one and emptied_by_delete(field):
                there = field.related_model._base_manager.values("pk")
                model._base_manager.filter(pk=pk, **{f"{field.attname}__isnull": False}).exclude(
                    **{f"{field.attname}__in": there}
                ).update(**{field.attname: None})


class RestoringAdmin:
    """For a ModelAdmin with django-reversion's recover and revision views, and a form that
    checks for stale saves (StaleEditForm)."""

    def recover_view(self, request, version_id, extra_context=None):
        request.version_action = "recovered"
        return self._without_missing(
            request,
            self.has_add_permission(request),
            version_id,
            "admin:{}_{}_recoverlist",
            (),
            lambda: super(RestoringAdmin, self).recover_view(request, version_id, extra_context),
        )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.version_action = "restored to the earlier version"
        stored = self.model._default_manager.filter(pk=unquote(object_id)).order_by()
        if transaction.get_connection().in_atomic_block:  # as SafeEditingAdmin runs it
            stored = stored.select_for_update()
        token = stored.values_list("edit_token", flat=True).first()
        request.token_before_restore = str(token) if token else None
        return self._without_missing(
            request,
            self.has_change_permission(request),
            version_id,
            "admin:{}_{}_history",
            (object_id,),
            lambda: super(RestoringAdmin, self).revision_view(
                request, object_id, version_id, extra_context
            ),
        )

    def _without_missing(self, request, permitted, version_id, back, args, view):
        """Run the restore or recovery `view` of the version, whose revision holds only
        its record and inline rows (SafeEditingAdmin cuts it first), without what was
        deleted since: refused if it needs a deleted record or holds a unique value another
        record holds now, else without the sources or topics it lists that are gone."""
        version = Version.objects.filter(pk=version_id).first()
        if version is None or not permitted:
            return view()  # django-reversion's own 404 or 403
        versions = list(version.revision.version_set.all())
        needed, listed = missing_targets(versions)
        cannot = f"This version cannot be {request.version_action.split()[0]}"
        taken = (
            [] if needed else taken_since(versions, version.object_id, self.inline_rows(request))
        )
        if needed:
            why = (
                f"it needs {', '.join(needed)}, deleted since. Recover that first, then try again."
            )
        else:
            why = (
                f"{'; '.join(taken)}. Change that first, then try again; or compare this "
                "version with the current text and copy back what you need."
            )
        if needed or taken:
            messages.error(request, f"{cannot}: {why}")
            opts = self.model._meta
            url = reverse(back.format(opts.app_label, opts.model_name), args=args)
            request.restore_refused = True  # a redirect, yet nothing was restored
            return HttpResponseRedirect(url)
        if listed:
            request.left_out = f" Left out, as deleted since: {', '.join(listed)}."
            if request.method == "GET":
                them = "them" if len(listed) > 1 else "it"
                messages.warning(
                    request,
                    f"This version lists {', '.join(listed)}, deleted since: saving it "
                    f"leaves {them} out. To keep {them}, recover {them} first.",
                )
        response = view()
        if listed and saved(request, response):
            drop_missing(versions)
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if token := getattr(request, "token_before_restore", None):
            return type(form.__name__, (form,), {"stored_token": token})
        return form

    def response_change(self, request, obj):
        if action := getattr(request, "version_action", None):
            opts = obj._meta
            link = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change",
                args=[quote(obj.pk)],
                current_app=self.admin_site.name,
            )
            request.version_message = format_html(
                'The {} “<a href="{}">{}</a>” was {}.{}{}{}{}',
                opts.verbose_name,
                link,
                obj,
                action,
                readers_now(obj),
                getattr(request, "left_out", ""),
                relink(obj) if action == "recovered" else "",
                left_deleted(obj, self.admin_site.name) if action == "recovered" else "",
            )
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """The version's message in place of Django's "changed successfully", once."""
        if level == messages.SUCCESS and getattr(request, "version_message", None):
            message, request.version_message = request.version_message, None
        return super().message_user(request, message, level, *args, **kwargs)
