"""Inline rows another editor deleted while the page was open. Django's formset refused the
save with an error on the row's hidden id, which the admin never shows ("Please correct the
errors below" and nothing to correct), and no save could get past it. Here each such row
comes back as a new row holding the editor's text, saying who deleted it and when: saving
again adds it back, and removing it (its ✕) leaves it out. A row the editor had ticked for
deletion too is simply gone."""

from __future__ import annotations

from django import forms
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.utils.html import format_html
from reversion.models import Version

from articles.stale_edits import save_that_stored, version_saved


def row_deletion(formset, pk: str) -> tuple[str, str, bool] | None:
    """Who deleted the row `pk` and when, and whether that save surely deleted it: the
    first save of the record, after the last version holding the row, that no longer held
    it. A row never versioned (starter content, a row added outside the admin) was in no
    save of the record: its deleting save is then the first after the version the editor
    opened, or, with none, only the record's last save is known to be without it. None if
    no version says who or when."""
    versions = Version.objects.get_for_object(formset.instance).select_related("revision__user")
    row = Version.objects.get_for_object_reference(formset.model, pk).first()
    if row is None:
        seen = formset.data.get("edit_token_seen") or ""
        row = versions.filter(serialized_data__contains=seen).first() if seen else None
    if row is None:
        last = save_that_stored(formset.instance, getattr(formset.instance, "edit_token", ""))
        return (*last[:2], False) if last else None
    later = versions.filter(revision__date_created__gt=row.revision.date_created)
    deleting = later.order_by("revision__date_created").first()
    if deleting is None:
        return None
    return (*version_saved(formset.instance, deleting)[:2], True)


class KeepsDeletedRowsFormSet(forms.BaseInlineFormSet):
    """An inline formset that moves each posted row whose record is gone to the end, as a
    new row (`SafeEditingAdmin` mixes it into every inline's formset)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Rows (as newly numbered) that were deleted meanwhile, with who deleted them.
        self.deleted_meanwhile: dict[int, tuple[str, str, bool] | None] = {}
        if self.is_bound and self.instance.pk:
            self._renumber_deleted_rows()

    def _renumber_deleted_rows(self) -> None:
        data = self.data
        try:
            initial = int(data.get(self.add_prefix(INITIAL_FORM_COUNT), ""))
            total = int(data.get(self.add_prefix(TOTAL_FORM_COUNT), ""))
        except ValueError:
            return  # Django's own answer to a broken management form
        pk_name = self.model._meta.pk.name
        posted = [data.get(f"{self.add_prefix(i)}-{pk_name}") for i in range(initial)]
        stored = {str(pk) for pk in self.get_queryset().values_list("pk", flat=True)}
        gone = [i for i in range(min(initial, total)) if posted[i] and posted[i] not in stored]
        if not gone:
            return
        renumbered = data.copy()
        order = [i for i in range(total) if i not in gone]
        for i in gone:
            if not data.get(f"{self.add_prefix(i)}-DELETE"):
                order.append(i)
                self.deleted_meanwhile[len(order) - 1] = row_deletion(self, posted[i])
        for key in list(renumbered):
            if key.startswith(f"{self.prefix}-") and key.count("-") >= 2:
                renumbered.pop(key)
        for new, old in enumerate(order):
            for key, values in data.lists():
                field = key.removeprefix(f"{self.add_prefix(old)}-")
                if field != key and not (field == pk_name and old in gone):
                    renumbered.setlist(f"{self.add_prefix(new)}-{field}", values)
        renumbered[self.add_prefix(INITIAL_FORM_COUNT)] = str(initial - len(gone))
        renumbered[self.add_prefix(TOTAL_FORM_COUNT)] = str(len(order))
        self.data = renumbered

    def full_clean(self) -> None:
        super().full_clean()
        for index, deletion in self.deleted_meanwhile.items():
            self.forms[index].add_error(None, deleted_row_message(deletion))


def deleted_row_message(deletion: tuple[str, str, bool] | None) -> str:
    kept = (
        "Your text is kept here as a new row: save again to add it back, or remove the row "
        "(its ✕) to leave it out."
    )
    if deletion is None:
        return (
            "This row was deleted after you opened this page, by a change no saved version "
            f"records, so who deleted it and when is not known. {kept}"
        )
    who, when, sure = deletion
    if not sure:
        return format_html(
            "This row was deleted after you opened this page: the last save, {}'s of {}, is "
            "without it. {}",
            who,
            when,
            kept,
        )
    return format_html("{} deleted this row on {}, after you opened this page. {}", who, when, kept)


class KeepsDeletedRowsAdmin:
    """A ModelAdmin mixin: every inline's formset keeps the rows deleted meanwhile."""

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            yield type(formset.__name__, (KeepsDeletedRowsFormSet, formset), {}), inline
