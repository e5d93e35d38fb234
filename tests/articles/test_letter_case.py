"""Capitals: slugs and citation keys in lower case only, and names readers see as page
titles unique whatever their capitals ("Sleep" and "SLEEP" would be two pages that look
the same)."""

import pytest
import reversion
from django.db import IntegrityError, transaction

from articles.models import Article, Reference, Topic
from tests.factories import ArticleFactory, DraftArticleFactory, ReferenceFactory, TopicFactory
from tests.helpers import change_form_data, change_url, saved_in_admin

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "field"),
    [(TopicFactory, "slug"), (ArticleFactory, "slug"), (ReferenceFactory, "key")],
)
def test_admin_refuses_capitals_in_a_slug_or_key(staff_client, factory, field):
    record = factory()
    before = getattr(record, field)
    response = saved_in_admin(staff_client, record, **{field: "Sleep-Well"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Use lower case only (“sleep-well”, not “Sleep-Well”)" in text
    # What the editor typed stays in the box, to correct.
    assert 'value="Sleep-Well"' in text
    record.refresh_from_db()
    assert getattr(record, field) == before


@pytest.mark.parametrize(("factory", "field"), [(TopicFactory, "name"), (ArticleFactory, "title")])
def test_admin_refuses_a_title_another_page_has_in_other_capitals_and_names_it(
    staff_client, factory, field
):
    sleep = factory(**{field: "Sleep"})
    record = factory()
    before = getattr(record, field)
    response = saved_in_admin(staff_client, record, **{field: "SLEEP"})
    text = response.content.decode()
    assert "“Sleep” already has this" in text and "in other capitals" in text
    assert 'value="SLEEP"' in text  # kept in the box, to correct
    record.refresh_from_db()
    assert getattr(record, field) == before
    # The page that has the name may change its own capitals.
    renamed = saved_in_admin(staff_client, sleep, **{field: "SLEEP"}, change_note="Capitals.")
    assert renamed.status_code == 302


@pytest.mark.parametrize(
    ("model", "factory", "change"),
    [
        (Topic, TopicFactory, {"slug": "Sleep"}),
        (Article, ArticleFactory, {"slug": "Sleep"}),
        (Reference, ReferenceFactory, {"key": "Kirkland-2018"}),
    ],
)
def test_the_database_refuses_capitals_in_a_slug_or_key(model, factory, change):
    record = factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(**change)


@pytest.mark.parametrize(
    ("model", "factory", "field"),
    [(Topic, TopicFactory, "name"), (Article, ArticleFactory, "title")],
)
def test_the_database_refuses_a_title_another_has_in_other_capitals(model, factory, field):
    factory(**{field: "Sleep"})
    record = factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(**{field: "SLEEP"})


def test_a_key_cited_in_capitals_is_told_the_new_key_of_the_lower_case_one(editor_client):
    """Keys are lower case only, so "[@KIRKLAND-2018]" is the key kirkland-2018, whose new
    key is said; what became of it is looked up the same way on SQLite and PostgreSQL."""
    with reversion.create_revision():
        reference = ReferenceFactory(key="kirkland-2018")
    reference.key = "kirkland-2018-review"
    with reversion.create_revision():
        reference.save()
    draft = DraftArticleFactory(body="Fine.")
    data = change_form_data(draft, body="Magnesium blocks it [@KIRKLAND-2018].")
    html = editor_client.post(change_url(draft), data).content.decode()
    assert "Unknown citation key: [@kirkland-2018]." in html
    assert "key is now [@kirkland-2018-review]" in html
