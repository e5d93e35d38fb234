"""A save that would take a page readers can open off the site (Status set to Draft, or a
publication date moved later) is refused once, saying what readers would lose, with the
editor's changes kept in the form and a box to tick to go ahead. A slip of the Status menu
or the date should not hide a page that readers and other pages rely on. So is a new address
for a page that published pages link to: their links would show as plain text."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.html import format_html

from articles.bookkeeping import BookkeepingBooleanField, BookkeepingCharField
from articles.linked_pages import linking_pages_list, pages_linking_to_record, pages_unlinked_by
from articles.models import Publishable, PublishStatus, public_as_saved
from articles.versions import zoned_time


def readers_can_open(record: models.Model | None) -> bool:
    """Whether readers can open the record's page now (an evidence cell: its outcome's)."""
    if record is None or record.pk is None:
        return False
    if isinstance(record, Publishable):
        return record.open_to_readers()
    return bool(getattr(record, "is_public", False))


class OffSiteCheckForm(forms.ModelForm):
    take_off_site = BookkeepingBooleanField(
        required=False, label="Take it off the site", label_suffix=""
    )
    # What the box was offered for ("draft", or the later date): a tick counts for that only.
    take_off_site_offered = BookkeepingCharField(widget=forms.HiddenInput, required=False)
    # The page as readers could open it before this save, or None: set by the admin
    # (OffSiteCheckAdmin), as a restore has already written the older version when the
    # form sees the record.
    page_readers_saw: models.Model | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whether the form offers the box (templates/admin/change_form.html).
        self.goes_off_site = False

    def clean(self):
        cleaned = super().clean()
        page = self.page_readers_saw
        if page is None:
            return cleaned
        status = cleaned.get("status", getattr(self.instance, "status", None))
        when = cleaned.get("published_at", getattr(self.instance, "published_at", None))
        if not isinstance(self.instance, Publishable) or public_as_saved(status, when):
            return self._check_move(cleaned, page)
        self.goes_off_site = True
        if status == PublishStatus.PUBLISHED:
            offered = when.isoformat()
            choice = f"Hide it from readers until {zoned_time(when)}"
            what = f"Dated {zoned_time(when)}, this page would be hidden from readers until then"
            keep = "set the publication date to now or earlier"
        else:
            offered = PublishStatus.DRAFT.value
            choice = "Take it off the site"
            what = "Saved as a draft, this page would go off the site"
            keep = "set Status back to Published"
        if self._ticked(cleaned, offered, choice):
            return cleaned
        message = format_html(
            "{}: readers who open {} would find no page there. Nothing was saved, and your "
            "changes are still in the form below. To go ahead, tick “{}” just below and save "
            "again; to keep the page on the site, {}.",
            what,
            page.get_absolute_url(),
            choice,
            keep,
        )
        if linking := pages_unlinked_by(page):
            message += format_html(
                " The links to it on these published pages would become plain text: {}.",
                linking_pages_list(linking),
            )
        self.add_error(None, forms.ValidationError(message, code="off_site"))
        return cleaned

    def _ticked(self, cleaned: dict, offered: str, choice: str) -> bool:
        """Offer the box as `choice`; whether the editor ticked it for that very choice."""
        self["take_off_site"].label = choice
        # A tick agrees to the choice the box named when the form was last shown, no other
        # (the editor may change the date, status or address again before saving).
        chosen = cleaned.get("take_off_site") and cleaned.get("take_off_site_offered") == offered
        data = self.data.copy()
        data[self.add_prefix("take_off_site_offered")] = offered
        if not chosen:
            data.pop(self.add_prefix("take_off_site"), None)  # offered unticked
        self.data = data
        return bool(chosen)

    def _check_move(self, cleaned: dict, page: models.Model) -> dict:
        """A page readers can open, given a new address: the links to it on other published
        pages would show as plain text (readers following its old address are redirected,
        links written with it are not). Asked first, with the same box."""
        slug, old = cleaned.get("slug"), getattr(page, "slug", None)
        if not slug or not old or slug == old or not (linking := pages_linking_to_record(page)):
            return cleaned
        self.goes_off_site = True
        choice = f"Move it to “{slug}”"
        if self._ticked(cleaned, f"move:{slug}", choice):
            return cleaned
        message = format_html(
            "With its address changed from “{}” to “{}”, the links to this page on these "
            "published pages would show as plain text: {}. Nothing was saved, and your changes "
            "are still in the form. To go ahead, tick “{}” at the top of the form and save "
            "again, then change “{}” to “{}” in each page's links; to keep the links, set the slug "
            "back to “{}”. Readers who open its old address are sent on to the new one.",
            old,
            slug,
            linking_pages_list(linking),
            choice,
            old,
            slug,
            old,
        )
        self.add_error("slug", forms.ValidationError(message, code="moved"))
        return cleaned


class OffSiteCheckAdmin:
    """Tells the form the page as readers could open it before this save. django-reversion
    writes a restored or recovered version before the form sees it: its view notes the
    page first, as `request.page_before_save` (None for a deleted record)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        page = getattr(request, "page_before_save", obj)
        # get_form() builds a new class on every call: this changes no other form.
        form.page_readers_saw = page if readers_can_open(page) else None
        return form
