"""Every admin list answers a hand-typed date filter it cannot run with the whole list again
("?e=1"), saying which filter it could not apply, never a server error:
`?published_at__year=99999` answered 500 on the lists of comparison tables, forms and
medicines."""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from tests.factories import ArticleFactory, ComparisonFactory, MagnesiumCompoundFactory
from tests.helpers import visible_text
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db

BAD_DATES = [
    "year=99999",
    "year=0",
    "year=-5",
    "year=99999999999999999999",
    "year__gt=99999",
    "iso_year=99999",
    "month=13",
    "day=40",
    "year=garbage",
    "month=",
    "date=not-a-date",
]


def date_filters():
    """(list address, query) for every registered admin and date field of its model."""
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateField):  # DateTimeField is one too
                for bad in BAD_DATES:
                    yield url, f"{field.name}__{bad}"


def test_a_date_filter_no_query_can_run_leads_back_to_the_list(staff_client):
    # A row in each page list, so a filter that could run has something to show.
    ArticleFactory(), ComparisonFactory(), MagnesiumCompoundFactory(), MedicineFactory()
    filters = list(date_filters())
    assert {
        "/admin/articles/article/",
        "/admin/comparisons/comparison/",
        "/admin/comparisons/magnesiumcompound/",
        "/admin/interactions/medicine/",
        "/admin/feedback/report/",
        "/admin/auth/user/",
    } <= {url for url, _query in filters}
    failures = []
    for url, query in filters:
        response = staff_client.get(f"{url}?{query}")
        if response.status_code == 302:
            if response["Location"] != f"{url}?e=1":
                failures.append((url, query, response["Location"]))
        elif response.status_code != 200:
            failures.append((url, query, response.status_code))
    assert not failures
    told = staff_client.get("/admin/comparisons/comparison/?published_at__year=99999", follow=True)
    assert (
        "The list could not be filtered as its address asked (published_at__year=99999), so it "
        "shows all comparisons." in visible_text(told)
    )
    # A filter that can run still filters.
    ComparisonFactory(title="Old table", published_at="2024-05-01T12:00:00Z")
    page = staff_client.get("/admin/comparisons/comparison/?published_at__year=2024")
    assert "Old table" in page.content.decode()
    assert "Comparison " not in visible_text(page)  # the factory's other table, of today


def test_an_export_asked_with_a_filter_no_query_can_run_offers_the_whole_table(staff_client):
    export = reverse("admin:comparisons_magnesiumcompound_export")
    response = staff_client.get(f"{export}?updated_at__year=99999")
    assert response.status_code == 302
    assert response["Location"] == export
    page = staff_client.get(export)
    assert page.status_code == 200
    assert "could not be filtered as its address asked" in visible_text(page)
