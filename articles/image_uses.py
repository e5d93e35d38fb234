"""Where an uploaded image is shown: the records editors write whose text holds its file name
now, and the saved versions (django-reversion) that held it. An image either shows is kept:
deleting it would leave a hole in a page, or in a version an editor may restore."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from reversion.models import Version

from articles.models import UploadedImage


@dataclass(frozen=True)
class Use:
    """A page (or its saved versions) showing an image, named as the admin names it."""

    label: str
    admin_url: str = ""

    def link(self) -> SafeString:
        if self.admin_url:
            return format_html('<a href="{}">{}</a>', self.admin_url, self.label)
        return format_html("{}", self.label)


def _edited_models(site: admin.AdminSite) -> list[type[models.Model]]:
    """The models the admin edits, and the rows their pages edit inline (a table's rows)."""
    edited = []
    for model in apps.get_models():
        if model is UploadedImage or not site.is_registered(model):
            continue
        edited.append(model)
        edited += [inline.model for inline in site.get_model_admin(model).inlines]
    return list(dict.fromkeys(edited))


def _text_fields(model: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def _admin_url(obj: models.Model, view: str = "change") -> str:
    meta = obj._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])
    except NoReverseMatch:
        return ""


def shown_on(image: UploadedImage, site: admin.AdminSite = admin.site) -> list[Use]:
    """Each record whose text holds the image now."""
    uses = []
    for model in _edited_models(site):
        fields = _text_fields(model)
        if not fields:
            continue
        holding = Q.create([(f"{name}__contains", str(image)) for name in fields], Q.OR)
        for obj in model._base_manager.filter(holding):
            label = f"{model._meta.verbose_name.capitalize()} “{obj}”"
            uses.append(Use(label, _admin_url(obj)))
    return uses


def in_saved_versions(image: UploadedImage) -> list[Use]:
    """Each record with saved versions that held the image, once, with its history."""
    versions = Version.objects.filter(serialized_data__contains=str(image)).select_related(
        "content_type"
    )
    uses, seen = [], set()
    for version in versions:
        key = (version.content_type_id, version.object_id)
        if key in seen:
            continue
        seen.add(key)
        model = version.content_type.model_class()
        name = model._meta.verbose_name if model else version.content_type.model
        try:
            history = reverse(
                f"admin:{version.content_type.app_label}_{version.content_type.model}_history",
                args=[version.object_id],
            )
        except NoReverseMatch:
            history = ""
        uses.append(Use(f"Saved versions of {name} “{version.object_repr}”", history))
    return uses
