"""The site's own pages link to a few content pages in their templates (the home page's
questions, the foods page's article, the safety guide on every form page). A page an editor
takes off the site (Draft, dated later, deleted) stays a link there no more: readers get the
words alone, not a 404, until it is public again; and the editor's warning names those site
pages, as it names the published pages whose text links to it."""

import datetime as dt
import re
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Topic
from tests.factories import ArticleFactory, MagnesiumCompoundFactory, TopicFactory, with_sources
from tests.helpers import agreeing_to_go_off_site, change_form_data, change_url, submitted_form
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db

# A reader: not logged in, so served from the page cache where it holds the page.
reader = Client()

LATER = timezone.now() + dt.timedelta(days=30)
DATED_LATER = {"published_at_0": f"{LATER:%Y-%m-%d}", "published_at_1": f"{LATER:%H:%M:%S}"}


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_unpublishing_the_food_article_takes_its_link_off_the_foods_page(staff_client):
    food = ArticleFactory(title="Magnesium in food", slug="magnesium-in-food")
    assert 'href="/articles/magnesium-in-food/"' in reader.get("/foods/").content.decode()

    data = change_form_data(food, status="draft")
    refused = staff_client.post(change_url(food), data)
    [error] = refused.context["adminform"].form.non_field_errors()
    assert 'the foods page (<a href="/foods/">/foods/</a>)' in error
    response = agreeing_to_go_off_site(staff_client, change_url(food), data, follow=True)
    assert "the foods page" in messages_of(response)

    html = reader.get("/foods/").content.decode()
    assert "/articles/magnesium-in-food/" not in html
    assert "reaches it: Magnesium in food." in html

    food.refresh_from_db()
    data = change_form_data(food, status="published", change_note="Back.", minor_change="")
    assert staff_client.post(change_url(food), data).status_code == 302
    assert 'href="/articles/magnesium-in-food/"' in reader.get("/foods/").content.decode()


def test_dating_the_safety_guide_later_takes_its_link_off_form_and_medicine_pages(
    staff_client,
):
    guide = ArticleFactory(title="Using magnesium safely", slug="using-magnesium-safely")
    # More articles link to it than a warning names: the site pages are named all the same.
    for _ in range(12):
        ArticleFactory(body="See [[article:using-magnesium-safely]].")
    form = with_sources(MagnesiumCompoundFactory(slug="magnesium-glycinate"))
    MedicineFactory()
    pages = [form.get_absolute_url(), "/interactions/", "/forms/"]
    for page in pages:
        assert 'href="/articles/using-magnesium-safely/' in reader.get(page).content.decode()

    data = change_form_data(guide, **DATED_LATER)
    refused = staff_client.post(change_url(guide), data).content.decode()
    assert "and 2 more" in refused
    for named in ("every form page", "the medicines page", "the forms table"):
        assert named in refused
    assert agreeing_to_go_off_site(staff_client, change_url(guide), data).status_code == 302

    for page in pages:
        html = reader.get(page).content.decode()
        assert "/articles/using-magnesium-safely/" not in html, page
        assert "our safety guide" in html or "Using magnesium safely" in html, page


def test_deleting_a_home_page_topic_takes_its_link_off_the_home_page(staff_client):
    with reversion.create_revision():
        sleep = TopicFactory(name="Sleep", slug="sleep")
    TopicFactory(name="Nerve pain", slug="neuropathic-pain")
    home = reader.get("/").content.decode()
    assert 'href="/topics/sleep/"' in home and 'href="/topics/neuropathic-pain/"' in home

    delete = reverse("admin:articles_topic_delete", args=[sleep.pk])
    page = staff_client.get(delete).content.decode()
    listed = page.split('id="linked-from"')[1].split("</ul>")[0]
    assert 'the home page (<a href="/">/</a>)' in listed
    response = staff_client.post(delete, {"post": "yes"}, follow=True)
    assert "the home page" in messages_of(response)

    home = reader.get("/").content.decode()
    assert "/topics/sleep/" not in home and "nerve pain</a> or sleep?" in home

    version = Version.objects.get_deleted(Topic).get()
    recover = reverse("admin:articles_topic_recover", args=[version.pk])
    data = submitted_form(staff_client.get(recover).content.decode(), minor_change="on")
    assert staff_client.post(recover, data).status_code == 302
    assert 'href="/topics/sleep/"' in reader.get("/").content.decode()


def test_a_moved_page_is_still_linked_at_its_new_address(staff_client):
    food = ArticleFactory(title="Magnesium in food", slug="magnesium-in-food")
    data = change_form_data(food, slug="food-and-magnesium", change_note="Moved.", minor_change="")
    assert staff_client.post(change_url(food), data).status_code == 302
    assert 'href="/articles/food-and-magnesium/"' in reader.get("/foods/").content.decode()

    # Taken off the site at its new address, it is still named as linked from the foods page.
    food.refresh_from_db()
    data = change_form_data(food, status="draft")
    refused = staff_client.post(change_url(food), data)
    [error] = refused.context["adminform"].form.non_field_errors()
    assert "the foods page" in error


def test_every_fixed_link_in_the_templates_is_declared():
    """An undeclared one would never be drawn as a link, and no warning would name it."""
    from articles.fixed_links import declared_slugs

    tag = re.compile(r"{% fixed_link '(\w+)' '([\w-]+)'")
    found = {
        match
        for folder in settings.TEMPLATES[0]["DIRS"]
        for path in Path(folder).rglob("*.html")
        for match in tag.findall(path.read_text())
    }
    assert len(found) >= 6
    assert [link for link in found if link[1] not in declared_slugs(link[0])] == []


def test_a_bulk_delete_page_looks_up_earlier_addresses_once_not_once_an_article(staff_client):
    """The site pages named as losing a link are found for a moved page too: one lookup of
    the declared pages' moves for the whole selection, however many articles it holds."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def confirmation_queries(count: int) -> int:
        ids = [str(ArticleFactory().pk) for _ in range(count)]
        data = {"action": "delete_selected", "_selected_action": ids}
        with CaptureQueriesContext(connection) as queries:
            page = staff_client.post(reverse("admin:articles_article_changelist"), data)
        assert page.status_code == 200
        return sum("articles_movedpage" in query["sql"] for query in queries.captured_queries)

    assert confirmation_queries(2) == confirmation_queries(8)
