"""Where an uploaded image is shown: the records editors write whose text holds its file name
now, and the saved versions (django-reversion) that held it. An image either shows is kept:
deleting it would leave a hole in a page, or in a version an editor may restore."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from reversion.models import Version

from articles.models import UploadedImage
from articles.signals import CONTENT_APPS, IGNORED


@dataclass(frozen=True)
class Use:
    """A page (or its saved versions) showing an image, named as the admin names it."""

    label: str
    admin_url: str = ""

    def link(self) -> SafeString:
        if self.admin_url:
            return format_html('<a href="{}">{}</a>', self.admin_url, self.label)
        return format_html("{}", self.label)


def _content_models() -> list[type[models.Model]]:
    """The models pages are made of: those of the content apps, bookkeeping aside. Not the
    users, login records or readers' reports, which anyone could make quote an image."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in CONTENT_APPS
        and model._meta.label_lower not in IGNORED
        and model is not UploadedImage
    ]


def _holding(model: type[models.Model], name: str) -> models.QuerySet:
    """The model's records whose text holds `name`: in a text field, or in a JSON field
    as written (a comparison table's cells), which JSON containment would not match."""
    texts, found = [], Q(pk__in=[])
    for field in model._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            found |= Q(**{f"{field.name}__contains": name})
        elif isinstance(field, models.JSONField):
            texts.append(field.name)
            found |= Q(**{f"{field.name}_as_text__contains": name})
    casts = {f"{text}_as_text": Cast(text, models.TextField()) for text in texts}
    return model._base_manager.alias(**casts).filter(found)


def admin_url(app_label: str, model_name: str, pk, view: str) -> str:
    try:
        return reverse(f"admin:{app_label}_{model_name}_{view}", args=[pk])
    except NoReverseMatch:
        return ""


def use_of(obj: models.Model) -> Use:
    """A record as the admin names it ("Article “Sleep and magnesium”"), linked to its
    change page."""
    meta = obj._meta
    label = f"{meta.verbose_name.capitalize()} “{obj}”"
    return Use(label, admin_url(meta.app_label, meta.model_name, obj.pk, "change"))


def shown_on(image: UploadedImage) -> list[Use]:
    """Each record whose text holds the image now."""
    return [use_of(obj) for model in _content_models() for obj in _holding(model, str(image))]


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
        kind = version.content_type
        history = admin_url(kind.app_label, kind.model, version.object_id, "history")
        uses.append(Use(f"Saved versions of {name} “{version.object_repr}”", history))
    return uses


# How long an editor's browser keeps text typed but never saved (KEPT_DAYS in
# static/js/editor-drafts.js): an image uploaded into such text shows on no page yet.
UNSAVED_TEXT_DAYS = 30


def _recent(image: UploadedImage) -> dt.datetime | None:
    """Until when a browser may still offer text with this upload in it, if that is to come."""
    until = image.uploaded_at + dt.timedelta(days=UNSAVED_TEXT_DAYS)
    return until if timezone.now() < until else None


def deletable_by(image: UploadedImage) -> str:
    """Who may delete an image no page shows, for its admin page."""
    until = _recent(image)
    if until is None or image.uploaded_by_id is None:
        return "it can be deleted"
    return f"{image.uploaded_by} can delete it now, anyone else from {date_format(until)}"


def kept_for_uploaders_text(image: UploadedImage, user) -> Use | None:
    """Why another editor's recent upload no page shows yet is kept: it may be in text they
    have not saved, which their browser offers back for a while. Its uploader may delete it
    at once (an image uploaded by mistake); anyone else once that while is over."""
    until = _recent(image)
    if until is None or image.uploaded_by_id in (None, user.pk):
        return None
    return Use(
        f"text {image.uploaded_by} may not have saved yet (a browser keeps it for "
        f"{UNSAVED_TEXT_DAYS} days): they can delete it now, anyone else from "
        f"{date_format(until)} if no page shows it by then"
    )


def maybe_in_unsaved_text(image: UploadedImage) -> str | None:
    """For the delete page of one's own recent upload: text not saved yet (in another tab,
    say) may hold it. Said, not refused: an image uploaded by mistake goes at once."""
    if _recent(image) is None or image.uploaded_by_id is None:  # no one left to save it
        return None
    return f"{image}, uploaded on {date_format(timezone.localtime(image.uploaded_at))}"
