"""The admin's search lists records named by the words before those that only mention them."""

import pytest
import time_machine

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def listed(staff_client, query: str) -> list[str]:
    response = staff_client.get("/admin/articles/article/", query)
    assert response.status_code == 200
    return [article.title for article in response.context["cl"].result_list]


def test_an_article_titled_with_the_words_comes_before_newer_ones_that_mention_them(
    staff_client,
):
    with time_machine.travel("2026-01-01"):
        ArticleFactory(title="Magnesium glycinate, gently", body="A calm form.")
    with time_machine.travel("2026-06-01"):
        ArticleFactory(title="Cramps at night", body="Some take magnesium glycinate.")
        ArticleFactory(title="Sleep and magnesium", body="Glycinate is one form.")

    assert listed(staff_client, {"q": "glycinate"})[0] == "Magnesium glycinate, gently"
    # Every word in the title, in any order, still ranks above the text alone.
    assert listed(staff_client, {"q": "glycinate magnesium"})[0] == ("Magnesium glycinate, gently")


def test_a_column_the_editor_sorts_by_still_decides_the_order(staff_client):
    ArticleFactory(title="Magnesium glycinate, gently", body="A calm form.")
    ArticleFactory(title="A note on cramps", body="Some take glycinate.")

    by_title = listed(staff_client, {"q": "glycinate", "o": "1"})
    assert by_title == ["A note on cramps", "Magnesium glycinate, gently"]


def test_names_come_first_within_a_topic_filter_too(staff_client):
    from tests.factories import TopicFactory

    sleep = TopicFactory(slug="sleep")
    with time_machine.travel("2026-01-01"):
        ArticleFactory(title="Magnesium glycinate, gently", body="A calm form.", topics=[sleep])
    with time_machine.travel("2026-06-01"):
        ArticleFactory(title="Sleep and magnesium", body="Glycinate is one form.", topics=[sleep])
    query = {"q": "glycinate", "topics__id__exact": str(sleep.pk)}
    assert listed(staff_client, query) == ["Magnesium glycinate, gently", "Sleep and magnesium"]


def test_the_autocomplete_box_lists_names_first_then_by_name(staff_client):
    from tests.factories import TopicFactory

    for name in ["Sleep problems", "Cramps", "Anxiety and sleep", "Burning feet"]:
        TopicFactory(name=name, summary="About sleep." if name == "Cramps" else "")
    response = staff_client.get(
        "/admin/autocomplete/",
        {"app_label": "evidence", "model_name": "outcome", "field_name": "topic", "term": "sleep"},
    )
    names = [result["text"] for result in response.json()["results"]]
    assert names == ["Anxiety and sleep", "Sleep problems", "Cramps"]
