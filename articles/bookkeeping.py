"""Form fields that are not part of the record they sit on: a form's own bookkeeping."""

from django import forms


class BookkeepingMixin:
    """A field that is not part of the record: never listed among the fields a save
    changed (the history would say "Changed Save over …")."""

    def has_changed(self, initial, data) -> bool:
        return False


class BookkeepingCharField(BookkeepingMixin, forms.CharField):
    pass


class BookkeepingBooleanField(BookkeepingMixin, forms.BooleanField):
    pass
