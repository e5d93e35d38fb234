"""Capitals in the comparisons' addresses and titles: a form's or a table's slug, a salt's
and an age group's calculator value in lower case only, and no two forms' names or tables'
titles differing only in capitals ("/compare/Topical-vs-Oral/" beside
"/compare/topical-vs-oral/" were two pages that looked the same)."""

import pytest
from django.db import IntegrityError, transaction

from comparisons.models import (
    Comparison,
    CompoundSalt,
    MagnesiumCompound,
    RecommendedIntake,
    UpperIntakeLimit,
)
from tests.factories import (
    ComparisonFactory,
    CompoundSaltFactory,
    MagnesiumCompoundFactory,
    RecommendedIntakeFactory,
    UpperIntakeLimitFactory,
)
from tests.helpers import saved_in_admin

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [MagnesiumCompoundFactory, ComparisonFactory])
def test_admin_refuses_capitals_in_a_pages_slug(staff_client, factory):
    page = factory(slug="topical-vs-oral")
    response = saved_in_admin(staff_client, page, slug="Topical-vs-Oral", change_note="Moved.")
    text = response.content.decode()
    assert "Use lower case only (“topical-vs-oral”, not “Topical-vs-Oral”)" in text
    page.refresh_from_db()
    assert page.slug == "topical-vs-oral"


def test_admin_refuses_capitals_in_a_salts_calculator_value(staff_client):
    salt = CompoundSaltFactory(slug="citrate-1-1")
    response = saved_in_admin(
        staff_client, salt.compound, **{"salts-0-slug": "Citrate-1-1"}, change_note="Salt."
    )
    assert "Use lower case only (“citrate-1-1”, not “Citrate-1-1”)" in response.content.decode()
    salt.refresh_from_db()
    assert salt.slug == "citrate-1-1"


@pytest.mark.parametrize(
    ("factory", "field"), [(MagnesiumCompoundFactory, "name"), (ComparisonFactory, "title")]
)
def test_admin_refuses_a_name_another_page_has_in_other_capitals_and_names_it(
    staff_client, factory, field
):
    factory(**{field: "Magnesium glycinate"})
    page = factory()
    before = getattr(page, field)
    response = saved_in_admin(
        staff_client, page, **{field: "MAGNESIUM GLYCINATE"}, change_note="Renamed."
    )
    text = response.content.decode()
    assert "“Magnesium glycinate” already has this" in text and "in other capitals" in text
    page.refresh_from_db()
    assert getattr(page, field) == before


@pytest.mark.parametrize(
    ("model", "factory", "field"),
    [
        (MagnesiumCompound, MagnesiumCompoundFactory, "slug"),
        (Comparison, ComparisonFactory, "slug"),
        (CompoundSalt, CompoundSaltFactory, "slug"),
        (RecommendedIntake, RecommendedIntakeFactory, "age_group"),
        (UpperIntakeLimit, UpperIntakeLimitFactory, "age_group"),
    ],
)
def test_the_database_refuses_capitals_in_a_slug(model, factory, field):
    record = factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(**{field: "Capital-Letters"})


@pytest.mark.parametrize(
    ("model", "factory", "field"),
    [
        (MagnesiumCompound, MagnesiumCompoundFactory, "name"),
        (Comparison, ComparisonFactory, "title"),
    ],
)
def test_the_database_refuses_a_name_another_has_in_other_capitals(model, factory, field):
    factory(**{field: "Magnesium glycinate"})
    record = factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(**{field: "MAGNESIUM GLYCINATE"})
