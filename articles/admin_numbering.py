"""New items numbered to come last.

Lists ordered by a number (a comparison's rows, a form's salts and preparations, the
evidence matrix's columns, the medicines) offered 0 for a new item, so an item an editor
added at the bottom showed at the top of the page. The add form now offers the number after
the highest in use; the editor can still change it. Items added together share the number
and keep the order they were added in.
"""

from django.db.models import Max
from django.forms.models import BaseInlineFormSet


class NumberedLastFormSet(BaseInlineFormSet):
    """Inline rows: a new row (an extra row or one added with "Add another") is numbered
    after the parent's rows."""

    number_field = "position"

    def get_form_kwargs(self, index: int | None) -> dict:
        kwargs = super().get_form_kwargs(index)
        # index None is the blank row that "Add another" copies.
        if index is None or index >= self.initial_form_count():
            numbers = [getattr(row, self.number_field) for row in self.get_queryset()]
            kwargs["initial"] = {self.number_field: max(numbers, default=0) + 1}
        return kwargs


class NumberedLastAdmin:
    """A ModelAdmin mixin: the add form offers the next number after the highest in use,
    counting in `number_step`s (lists numbered 10, 20, 30 leave room to slot an item in)."""

    number_field = "position"
    number_step = 1

    def get_changeform_initial_data(self, request) -> dict:
        initial = super().get_changeform_initial_data(request)
        last = self.model.objects.aggregate(last=Max(self.number_field))["last"] or 0
        initial.setdefault(self.number_field, last + self.number_step)
        return initial
