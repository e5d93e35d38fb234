"""A save that would take a page readers can open off the site (Status set to Draft, or a
publication date moved later) is refused once, saying what readers would lose, with the
editor's changes kept in the form and a box to tick to go ahead. A slip of the Status menu
or the date should not hide a page that readers and other pages rely on."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.html import format_html

from articles.bookkeeping import BookkeepingBooleanField
from articles.linked_pages import linking_pages_list, pages_linking_to_record
from articles.models import Publishable, PublishStatus
from articles.versions import zoned_time


class OffSiteCheckForm(forms.ModelForm):
    take_off_site = BookkeepingBooleanField(
        required=False, label="Take it off the site", label_suffix=""
    )
    # Whether readers could open the page before this save: set by the admin
    # (OffSiteCheckAdmin), as a restore has already written the older version when the
    # form sees the record.
    readers_could_open = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whether the form offers the box (templates/admin/change_form.html).
        self.goes_off_site = False

    def clean(self):
        cleaned = super().clean()
        if not (self.readers_could_open and isinstance(self.instance, Publishable)):
            return cleaned
        status = cleaned.get("status", self.instance.status)
        when = cleaned.get("published_at", self.instance.published_at)
        if status == PublishStatus.PUBLISHED and (when is None or when <= timezone.now()):
            return cleaned
        self.goes_off_site = True
        if status == PublishStatus.PUBLISHED:
            choice = f"Hide it from readers until {zoned_time(when)}"
            what = f"Dated {zoned_time(when)}, this page would be hidden from readers until then"
            keep = "set the publication date to now or earlier"
        else:
            choice = "Take it off the site"
            what = "Saved as a draft, this page would go off the site"
            keep = "set Status back to Published"
        self["take_off_site"].label = choice
        if cleaned.get("take_off_site"):
            return cleaned
        linking = pages_linking_to_record(self.instance)
        message = format_html(
            "{}: readers who open {} would find no page there. Nothing was saved, and your "
            "changes are still in the form below. To go ahead, tick “{}” just below and save "
            "again; to keep the page on the site, {}.",
            what,
            self.instance.get_absolute_url(),
            choice,
            keep,
        )
        if linking:
            message += format_html(
                " The links to it on these published pages would become plain text: {}.",
                linking_pages_list(linking),
            )
        self.add_error(None, forms.ValidationError(message, code="off_site"))
        return cleaned


class OffSiteCheckAdmin:
    """Tells the form whether readers could open the page before this save. django-reversion
    writes a restored or recovered version before the form sees it: its view notes first
    whether readers could open the page, as `request.readers_could_open`."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        could_open = getattr(request, "readers_could_open", None)
        if could_open is None:
            could_open = isinstance(obj, Publishable) and obj.is_public
        # get_form() builds a new class on every call: this changes no other form.
        form.readers_could_open = could_open
        return form
