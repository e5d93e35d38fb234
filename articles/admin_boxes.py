"""What an admin box says when it cannot read what an editor typed, in words that say what
to type instead. Django's own ("Enter a valid date.", "Ensure this value has at most 200
characters (it has 281).") say only that something is wrong.

Which dates and times the boxes read is set for the whole site by settings.FORMAT_MODULE_PATH
(site_config/formats/en/formats.py): never a slashed date, which en-us reads as month/day.
"""

from __future__ import annotations

from django.db import models

DATE_REFUSED = "Write the date as 2026-12-09 (year-month-day) or 9 December 2026."
TIME_REFUSED = "Write the time as 09:00 (24-hour)."


def box_error_messages(db_field: models.Field) -> dict[str, str]:
    """The messages of `db_field`'s admin box that replace Django's."""
    if isinstance(db_field, models.DateTimeField):  # the admin's two boxes, date and time
        return {"invalid_date": DATE_REFUSED, "invalid_time": TIME_REFUSED}
    if isinstance(db_field, models.DateField):
        return {"invalid": DATE_REFUSED}
    if isinstance(db_field, models.TimeField):
        return {"invalid": TIME_REFUSED}
    if isinstance(db_field, models.CharField) and db_field.max_length:
        # The box has no maxlength, so a pasted text is not cut without a word
        # (articles/editing.py): the save refuses it whole, with all of it kept in the box.
        name = str(db_field.verbose_name)
        return {
            "max_length": f"Shorten the {name} to %(limit_value)d characters "
            "(it has %(show_value)d)."
        }
    return {}


class WordedBoxesAdmin:
    """A ModelAdmin mixin: every box it shows refuses what it cannot read with
    `box_error_messages`."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if messages := box_error_messages(db_field):
            kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        return super().formfield_for_dbfield(db_field, request, **kwargs)
