"""Figures readers see need a source, as a medicine's rule and an evidence grade do.

A published form's elemental magnesium, absorption rating, typical dose and cautions each
cite at least one reference; so does every food's magnesium, and the intake table the
calculator compares a dose with. A draft form may be saved without them, as work in
progress: it needs them to be published. Many-to-many rows are written after the record, so
neither the model nor the database can see them: the admin forms and the CSV import check the
references being saved (`check_form_sources`; a food's and an intake table's
`check_references`, through articles.editing.SourcedForm), and a reference that is the
only source of such a figure is kept from deletion (`figures_sourced_only_by`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms
from django.core.exceptions import ValidationError

from articles.models import PublishStatus, Reference

# What each of a form's reference boxes backs, and whether the form states it at all.
FORM_SOURCES = {
    "elemental_refs": ("elemental magnesium", lambda form: True),
    "bioavailability_refs": ("absorption rating", lambda form: True),
    "dose_refs": ("typical dose", lambda form: form.dose_low_mg is not None),
    "cautions_refs": ("cautions", lambda form: bool((form.cautions or "").strip())),
}


def check_form_sources(compound, refs: Mapping[str, Iterable[Reference]]) -> None:
    """Refuse a published form (or one scheduled) whose stated figures lack a source.
    `refs`: the references being saved, by box; a box left out keeps its stored ones."""
    if compound.status != PublishStatus.PUBLISHED:
        return
    errors = {}
    for name, (what, stated) in FORM_SOURCES.items():
        chosen = refs[name] if name in refs else _stored(compound, name)
        if stated(compound) and not list(chosen):
            errors[name] = (
                f"Readers see this form's {what}: add at least one reference for it, or save "
                "the form as a draft until you have one."
            )
    if errors:
        raise ValidationError(errors, code="figure_needs_reference")


def check_sources(refs: Iterable[Reference], what: str) -> None:
    if not list(refs):
        raise ValidationError(
            {"refs": f"Readers see {what}: add at least one reference for it."},
            code="figure_needs_reference",
        )


def _stored(record, name: str) -> Iterable[Reference]:
    return getattr(record, name).all() if record.pk else []


def _citing_only(queryset, box: str, reference: Reference):
    """The records of `queryset` whose `box` cites this reference and no other."""
    through = getattr(queryset.model, box).through
    owner = f"{queryset.model._meta.model_name}_id"
    others = through.objects.exclude(reference=reference).values(owner)
    return queryset.filter(**{box: reference}).exclude(pk__in=others)


def figures_sourced_only_by(reference: Reference) -> list:
    """The records whose figure readers see would cite nothing without this reference."""
    from articles.image_uses import use_of
    from comparisons.models import CompoundSalt, Food, IntakeTable, MagnesiumCompound, Preparation

    published = MagnesiumCompound.objects.filter(status=PublishStatus.PUBLISHED)
    found = {}
    for box, (_what, stated) in FORM_SOURCES.items():
        for form in _citing_only(published, box, reference):
            if stated(form):
                found[form] = None
    # A published form's salts and ways of taking it (RowsNeedSources), by the form.
    for model in (CompoundSalt, Preparation):
        rows = model.objects.filter(compound__status=PublishStatus.PUBLISHED)
        for row in _citing_only(rows.select_related("compound"), "refs", reference):
            found[row.compound] = None
    for model in (Food, IntakeTable):
        found.update(dict.fromkeys(_citing_only(model.objects.all(), "refs", reference)))
    return [use_of(record) for record in found]


class RowsNeedSources:
    """Mixed into the inline formset of a form's salts or of its preparations: on a
    published form (or one scheduled), each row readers see keeps at least one source, as
    the form's own figures do. Refused beside the row's sources, so nothing is saved. A row
    stored without any on a form already published (a salt worked out from its formula,
    as the starter content has some) may stay as it is; a new one, one whose figures
    (`claims`) are being changed, one whose sources are being taken away, or any row of a
    form being published, needs one."""

    # What readers see of the row, for the message: "this salt's figure".
    shown = "this row"
    # The boxes whose change is a new claim, which then needs a source.
    claims: tuple[str, ...] = ()

    def clean(self) -> None:
        super().clean()
        compound = self.instance
        if compound.status != PublishStatus.PUBLISHED:
            return
        already_published = (
            compound.pk
            and type(compound)
            ._default_manager.filter(pk=compound.pk, status=PublishStatus.PUBLISHED)
            .exists()
        )
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or "refs" not in data or list(data["refs"]):
                continue
            row = form.instance
            claims_changed = set(form.changed_data) & set(self.claims)
            if already_published and row.pk and not claims_changed and not row.refs.exists():
                continue
            form.add_error(
                "refs",
                f"Readers of this published form see {self.shown}: keep at least one "
                "reference for it, or save the form as a draft until you have one.",
            )


class FormSourcesForm(forms.ModelForm):
    """The admin form of a form of magnesium: the check on the references being saved."""

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in ("status", "dose_low_mg", "cautions"):
            if name in cleaned:
                setattr(self.instance, name, cleaned[name])
        refs = {name: cleaned[name] for name in FORM_SOURCES if name in cleaned}
        try:
            check_form_sources(self.instance, refs)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return cleaned
