"""Editors choose the article a topic hub lists first ("main article on")."""

import pytest

from tests.factories import ArticleFactory, TopicFactory
from tests.helpers import change_form_data, change_url, visible_text

pytestmark = pytest.mark.django_db


def test_an_editor_makes_an_article_the_main_one_for_a_hub_it_is_filed_under(staff_client, client):
    feet = TopicFactory(name="Burning feet", slug="burning-feet")
    article = ArticleFactory(title="Burning feet guide", topics=[feet])
    data = change_form_data(article, main_for=[feet.pk])
    assert staff_client.post(change_url(article), data).status_code == 302
    assert list(article.main_for.all()) == [feet]
    assert "Burning feet guide Start here" in visible_text(client.get("/topics/burning-feet/"))


def test_a_main_article_for_a_hub_it_is_not_filed_under_is_refused_and_nothing_saved(
    staff_client,
):
    feet, sleep = TopicFactory(name="Burning feet"), TopicFactory(name="Sleep")
    article = ArticleFactory(title="Burning feet guide", topics=[feet], body="Old text.")
    data = change_form_data(article, main_for=[sleep.pk], body="New text.")
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "File the article under Sleep in Topics too" in response.content.decode()
    article.refresh_from_db()
    assert article.body == "Old text." and not article.main_for.exists()
