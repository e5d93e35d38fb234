"""The admin's date, time and text boxes read what editors type as they mean it, and refuse
what they cannot read saying what to type instead, keeping what was typed
(articles/admin_boxes.py, site_config/formats/en/formats.py)."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, DraftArticleFactory, StaffFactory
from tests.helpers import NEW_ARTICLE, added_in_admin, change_form_data, change_url, submitted_form

pytestmark = pytest.mark.django_db

DATE_REFUSED = "Write the date as 2026-12-09 (year-month-day) or 9 December 2026."


def errors_of(response) -> dict:
    return response.context["adminform"].form.errors


def test_a_slashed_date_is_refused_not_read_as_month_first(editor_client):
    """A page dated "09/12/2026", meant as 9 December, was saved as 12 September: a date
    already past, so the page went public at once."""
    response = added_in_admin(
        editor_client,
        Article,
        **NEW_ARTICLE,
        status="published",
        published_at_0="09/12/2026",
        published_at_1="09:00",
    )
    assert errors_of(response) == {"published_at": [DATE_REFUSED]}
    assert not Article.objects.filter(slug="magnesium-in-winter").exists()
    assert 'value="09/12/2026"' in response.content.decode()  # kept in the box


@pytest.mark.parametrize(
    "typed", ["2026-12-09", "9 December 2026", "9 Dec 2026", "December 9, 2026"]
)
def test_a_date_written_year_first_or_with_the_month_in_words_is_read(editor_client, typed):
    article = DraftArticleFactory()
    data = change_form_data(article, published_at_0=typed, published_at_1="09:00")
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.published_at == dt.datetime(2026, 12, 9, 9, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("9am", dt.time(9)),
        ("9:30 pm", dt.time(21, 30)),
        ("09:00", dt.time(9)),
        ("12pm", dt.time(12)),
    ],
)
def test_a_time_written_as_people_write_it_is_read(editor_client, typed, read):
    article = DraftArticleFactory()
    data = change_form_data(article, published_at_0="2026-12-09", published_at_1=typed)
    assert editor_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.published_at.time() == read


def test_a_time_the_box_cannot_read_says_how_to_write_it(editor_client):
    article = DraftArticleFactory()
    data = change_form_data(article, published_at_0="2026-12-09", published_at_1="nine")
    response = editor_client.post(change_url(article), data)
    assert errors_of(response) == {"published_at": ["Write the time as 09:00 (24-hour)."]}
    assert 'value="nine"' in response.content.decode()


@pytest.mark.parametrize("field", ["last_reviewed", "next_review_due"])
def test_a_review_date_refuses_a_slashed_date_too(editor_client, field):
    article = ArticleFactory()
    response = editor_client.post(
        change_url(article), change_form_data(article, **{field: "01/02/2026"})
    )
    assert errors_of(response) == {field: [DATE_REFUSED]}


def test_a_users_date_box_refuses_a_slashed_date_too(admin_client):
    user = StaffFactory()
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = submitted_form(admin_client.get(url).content.decode(), date_joined_0="09/12/2026")
    response = admin_client.post(url, data)
    assert errors_of(response) == {"date_joined": [DATE_REFUSED]}


def test_the_calendar_and_today_link_write_a_date_the_box_reads(editor_client):
    """The admin's calendar, "Today" and "Now" write the first input format of the
    JavaScript catalog: year-month-day, and a 24-hour time."""
    catalog = editor_client.get(reverse("admin:jsi18n")).content.decode()
    formats = json.loads(re.search(r"django\.formats = (\{.*?\});", catalog, re.S).group(1))
    assert formats["DATE_INPUT_FORMATS"][0] == "%Y-%m-%d"
    assert formats["TIME_INPUT_FORMATS"][0] == "%H:%M:%S"
    assert not any("/" in format for format in formats["DATE_INPUT_FORMATS"])


def test_a_title_too_long_says_how_far_to_shorten_it(editor_client):
    article = ArticleFactory()
    long_title = "Magnesium and the nerves " * 11 + "again"  # 280 characters
    response = editor_client.post(
        change_url(article), change_form_data(article, title=long_title + "!")
    )
    assert errors_of(response) == {"title": ["Shorten the title to 200 characters (it has 281)."]}
    assert long_title in response.content.decode()


@pytest.mark.parametrize(
    "page",
    [
        "articles/article",
        "articles/topic",
        "comparisons/magnesiumcompound",  # with its salts and preparations
        "comparisons/comparison",
        "comparisons/intaketable",
        "evidence/outcome",
        "interactions/medicine",
    ],
)
def test_the_address_box_is_called_the_end_of_the_web_address_not_slug(admin_client, page):
    html = admin_client.get(f"/admin/{page}/add/").content.decode()
    labels = re.findall(r"<label[^>]*>([^<]*)</label>", html)
    assert "Slug:" not in labels
    assert "End of the web address:" in labels
    if page == "comparisons/magnesiumcompound":
        # The form's own box, and one in each empty salt and preparation row.
        assert labels.count("End of the web address:") >= 3
