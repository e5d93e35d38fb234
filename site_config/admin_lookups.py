"""Every admin list refuses a filter that cannot be turned into a query, as Django refuses an
unknown one: the whole list again ("?e=1"), saying which filter it could not apply, never a
server error.

A list's address may carry any lookup on the model's fields, typed by hand or kept from an
old link: `?published_at__year=99999`. Django builds the filter when the list asks for it and
catches what fails then, but a year outside 1 to 9999 fails later, when the query is turned
into SQL (`ValueError: year 99999 is out of range`), so the page answered 500. A date
hierarchy checks its own year, month and day (the articles' and reports' lists), but not a
year too long for Python's dates, nor the other date fields, nor the lists without one.
Turning each list's query into SQL before it runs finds those values, whatever the field or
the admin.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import EmptyResultSet


class LookupsCheckedChangeList:
    """Mixed into a ModelAdmin's ChangeList class."""

    def get_queryset(self, request, exclude_parameters=None):
        try:
            queryset = super().get_queryset(request, exclude_parameters)
        except OverflowError as error:  # a date hierarchy's year of 20 digits
            raise IncorrectLookupParameters(error) from error
        try:
            queryset.query.sql_with_params()
        except EmptyResultSet:
            pass  # a filter that matches nothing: an empty list, as Django shows it
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error
        return queryset


class LookupsCheckedAdmin:
    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        return type(changelist.__name__, (LookupsCheckedChangeList, changelist), {})

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        # Django sends a filter it cannot apply to the whole list, "?e=1", without a word.
        if response.status_code == 302 and response["Location"].endswith("?e=1"):
            asked = request.META.get("QUERY_STRING", "")[:200]
            messages.warning(
                request,
                f"The list could not be filtered as its address asked ({asked}), so it shows "
                f"all {self.opts.verbose_name_plural}. Choose a filter beside the list "
                "instead.",
            )
        return response


def check_lookups_of_every_list(site: admin.AdminSite) -> None:
    """Give every registered admin, the apps' and the libraries' (axes' login attempts,
    users), `LookupsCheckedAdmin`: its class again with it mixed in, as feedback/admin.py
    gives the page admins their change note. Called once all admin modules are loaded."""
    for model, model_admin in list(site._registry.items()):
        current = type(model_admin)
        if issubclass(current, LookupsCheckedAdmin):
            continue
        site.unregister(model)
        checked = type(current.__name__, (LookupsCheckedAdmin, current), {"__module__": __name__})
        site.register(model, checked)
