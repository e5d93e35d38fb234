"""Stale saves: a save made from a copy of a record older than the stored one is refused,
naming who saved in between and when, with the editor's own text kept in the form."""

from __future__ import annotations

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from reversion.models import Version

from articles.bookkeeping import BookkeepingBooleanField, BookkeepingCharField
from articles.going_off_site import OffSiteCheckForm
from articles.own_saves import TakenNamesForm, clock_time
from articles.versions import zoned_time


def last_change(obj) -> tuple[str, str, str]:
    """Who saved this object last and when, from its newest version, and the address of
    what that save changed (empty if there is no version to show)."""
    version = Version.objects.get_for_object(obj).select_related("revision__user").first()
    if version is None:
        return "another editor", "recently", ""
    return version_saved(obj, version)


def version_saved(obj, version: Version) -> tuple[str, str, str]:
    """Who saved `version` of `obj` and when, and the address of what that save changed."""
    user = version.revision.user
    who = (user.get_full_name() or user.get_username()) if user else "another editor"
    opts = obj._meta
    try:
        changes = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_version_changes", args=[obj.pk, version.pk]
        )
    except NoReverseMatch:  # a form used outside SafeEditingAdmin
        changes = ""
    return who, zoned_time(version.revision.date_created), changes


def save_that_stored(obj, token) -> tuple[str, str, str] | None:
    """last_change(obj), when its newest version is the save that left the record as stored
    (it holds the stored edit token `token`). None when the record was changed outside the
    admin since (load_content's refresh, relinking's new token) or has no version: nothing
    then says who changed it or when."""
    version = stored_version(obj, token)
    return version_saved(obj, version) if version else None


def stored_version(obj, token) -> Version | None:
    """The newest version of `obj`, when it is the save that left the record as stored."""
    version = Version.objects.get_for_object(obj).select_related("revision__user").first()
    if version is None or str(token) not in version.serialized_data:
        return None
    return version


class StaleEditForm(TakenNamesForm, OffSiteCheckForm):
    """Carries the edit token of the copy the editor opened; refuses the save if the stored
    record has been saved since (every save draws a new token). The refused form offers a
    box to tick, "Save over <editor>'s version of <time>" (templates/admin/change_form.html):
    ticked, the next save goes through over that version, and only that one. It also asks
    before a save takes a page off the site (OffSiteCheckForm)."""

    edit_token_seen = BookkeepingCharField(widget=forms.HiddenInput, required=False)
    save_over = BookkeepingBooleanField(
        required=False,
        label_suffix="",
        help_text="Tick this once their changes are in your text: saving then replaces "
        "their version with yours. Their version stays in the History.",
    )
    # The token of the version the box names.
    save_over_token = BookkeepingCharField(widget=forms.HiddenInput, required=False)
    # In a restore, the record's token before the old version was written over it
    # (articles/restoring.py): the stored one is then the old version's.
    stored_token: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_token_seen"].initial = self.stored_token or str(
                self.instance.edit_token
            )
        # Who saved in between and when, once clean() finds the copy stale.
        self.stale_version: tuple[str, str] | None = None
        self.own_newer_save = False  # that save was this editor's, in another tab
        # The boxes the other editor changed that saving over would set back: their labels.
        self.replaced_by_save_over: list[str] = []
        # The version of the copy the editor opened, once the copy is found stale; None when
        # that copy was never versioned (starter content, a save outside the admin): the
        # boxes this save changes are then named without saying whose change each is.
        self.opened_version: Version | None = None
        self._normalise_line_endings()

    def _normalise_line_endings(self) -> None:
        """Browsers send a textarea's lines with CRLF endings; stored text uses LF. Without
        this, every save would count an untouched body as changed (in the history and the
        diff) and store it with different line endings."""
        if not self.is_bound:
            return
        data = self.data.copy()
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if isinstance(field.widget, forms.Textarea) and isinstance(data.get(key), str):
                data[key] = data[key].replace("\r\n", "\n")
        self.data = data

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # The admin's change view runs in a transaction: lock the row so two saves that
        # arrive together cannot both pass this check.
        current = self.stored_token or (
            type(self.instance)
            ._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            # No ordering: a model ordered through a nullable relation would join it, and
            # PostgreSQL cannot lock the nullable side of an outer join.
            .order_by()
            .values_list("edit_token", flat=True)
            .first()
        )
        if current is None or cleaned.get("edit_token_seen") == str(current):
            return cleaned
        stored = stored_version(self.instance, current)
        saved = version_saved(self.instance, stored) if stored else None
        # The editor's own save, in another tab or window: said so, not by their name.
        own_at = (
            stored.revision.date_created
            if stored and self.editor and stored.revision.user_id == self.editor.pk
            else None
        )
        # Truthy either way: the template offers the box on it.
        self.stale_version = saved[:2] if saved else ("", "")
        self.opened_version = self._opened_version(cleaned)
        self.replaced_by_save_over = self._their_changes_undone(cleaned)
        version = f"{saved[0]}'s version of {saved[1]}" if saved else "the stored version"
        self.own_newer_save = own_at is not None
        if own_at:
            version = f"your version of {clock_time(own_at)}"
            self["save_over"].help_text = (
                "Tick this once the other tab's changes are in this text: saving then "
                "replaces that version with this one. That version stays in the History."
            )
        self["save_over"].label = f"Save over {version}"
        # The box saves over the version it named when it was offered, and no later one.
        chosen = cleaned.get("save_over") and cleaned.get("save_over_token") == str(current)
        data = self.data.copy()
        data[self.add_prefix("save_over_token")] = str(current)
        if not chosen:
            data.pop(self.add_prefix("save_over"), None)  # offered unticked
        self.data = data
        if chosen:
            return cleaned
        raise forms.ValidationError(stale_message(saved, own_at), code="stale")

    def _opened_version(self, cleaned: dict) -> Version | None:
        seen = cleaned.get("edit_token_seen") or ""
        if not seen:
            return None
        versions = Version.objects.get_for_object(self.instance)
        return versions.filter(serialized_data__contains=seen).first()

    def _their_changes_undone(self, cleaned: dict) -> list[str]:
        """The labels of the boxes whose stored value the other editor set, after the copy
        this form was opened from, and this save would replace: a new address put back,
        a page set back to Draft. Without that copy's version, every box whose value this
        save would change (the page then says it cannot tell whose change each is)."""
        opened = self.opened_version
        opened_values = opened.field_dict if opened else {}
        labels = []
        for name, field in self.fields.items():
            try:
                model_field = self.instance._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # the form's own boxes (a change note)
            if name not in cleaned or not (model_field.concrete or model_field.many_to_many):
                continue
            stored = comparable(model_field, stored_value(model_field, self.instance))
            if comparable(model_field, cleaned[name]) == stored:
                continue
            if opened and comparable(model_field, opened_values.get(model_field.attname)) == stored:
                continue  # theirs left it as it was: the change is this editor's own
            labels.append(str(field.label or name))
        return labels


def rows_set_back(form: StaleEditForm, formsets) -> list[str]:
    """The inline rows' boxes that saving over would set back, as "Comparison row “Cost”:
    Feature": each box of a stored row that this save changes and whose stored value is not
    the one in the version the editor opened (the other editor changed it). Without that
    version, every box of a row this save changes, as the record's own boxes are named. A
    row missing from the opened version was added outside the admin: whose its values are
    cannot be told, and it is left out."""
    opened = form.opened_version
    labels = []
    for formset in formsets:
        model = formset.model
        content_type = ContentType.objects.get_for_model(model)
        for row in formset.initial_forms:
            pk = row.instance.pk
            deleting = formset.can_delete and formset._should_delete_form(row)
            changed = row.changed_data if pk is not None and not deleting else []
            if not changed:
                continue
            was = {}
            if opened is not None:
                opened_row = opened.revision.version_set.filter(
                    content_type=content_type, object_id=str(pk)
                ).first()
                if opened_row is None:
                    continue
                # The opened row as this row's form shows it: boxes such as a table's
                # cells are not fields of the model.
                was = formset.form(instance=as_saved(model, opened_row)).initial
            stored_row = model._default_manager.filter(pk=pk).first()
            for name in changed:
                stored = row.initial.get(name)
                if opened is not None and as_keys(was.get(name)) == as_keys(stored):
                    continue  # theirs left it as it was: the change is this editor's own
                labels.append(
                    f"{capfirst(model._meta.verbose_name)} “{stored_row}”: "
                    f"{row.fields[name].label or name}"
                )
    return labels


def as_saved(model, version: Version):
    """The row as `version` saved it, built from reversion's public `field_dict` (its own
    fields, not its many-to-many ones)."""
    values = version.field_dict
    return model(
        **{f.attname: values[f.attname] for f in model._meta.concrete_fields if f.attname in values}
    )


def as_keys(value):
    """A form's initial value fit to compare: records (a many-to-many box) as their keys."""
    if isinstance(value, (list, tuple)):
        return sorted(str(getattr(item, "pk", item)) for item in value)
    return value


def see_their_changes(changes: str, without: str, whose: str = "their") -> str:
    """The words leading the editor to what the other save changed: a link to that version's
    changes where there is one, else `without`."""
    if not changes:
        return without
    return format_html(
        'Open <a href="{}" target="_blank">what {} save changed</a> (a new tab)', changes, whose
    )


def stale_message(saved: tuple[str, str, str] | None, own_at=None) -> str:
    """Why a stale save was refused; `own_at`, when the newer save was this editor's own."""
    if saved is None:
        return (
            "This page was changed after you opened it, not by an editor's save in the admin "
            "(a refresh of the starter content, or a link set again), so no version says who "
            "changed it or when. Your text is still in the form below and nothing was "
            "overwritten. Open this page again in a new tab to see it as stored, merge any "
            "change you want to keep into your text, then tick “Save over the stored "
            "version” just below and save again."
        )
    who, when, changes = saved
    if own_at:
        clock = clock_time(own_at)
        see = see_their_changes(changes, "Open the History in a new tab to see its changes", "that")
        return format_html(
            "You saved a newer version of this page in another tab or window at {}, after you "
            "opened this one. Your text is still in the form below and nothing was "
            "overwritten. {}, merge what you want to keep into your text, then tick “Save over "
            "your version of {}” just below and save again.",
            clock,
            see,
            clock,
        )
    see = see_their_changes(changes, "Open the History in a new tab to see their changes")
    return format_html(
        "{} saved a newer version of this page on {}, after you opened it. Your text is still "
        "in the form below and nothing was overwritten. {}, merge them into your text, then "
        "tick “Save over {}'s version” just below and save again.",
        who,
        when,
        see,
        who,
    )


def stored_value(field, obj):
    if field.many_to_many:
        return list(getattr(obj, field.name).values_list("pk", flat=True))
    return getattr(obj, field.attname)


def comparable(field, value):
    """A field's value fit to compare: a record as its key, records as a set of keys."""
    if field.many_to_many:
        return {str(getattr(item, "pk", item)) for item in (value or [])}
    if field.many_to_one or field.one_to_one:
        return None if value is None else str(getattr(value, "pk", value))
    return value
