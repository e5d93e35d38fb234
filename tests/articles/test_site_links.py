"""A link written as an address (`[the calculator](/calculater/)`) that leads readers to
"Page not found" went live with only the success message. It is named in the preview's "To
fix" as the editor types, refused on the save of a published page with the text kept, and a
warning on a draft's save, in the same words."""

import datetime as dt
import html

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, MovedPage
from tests.comparisons.admin_posts import compound_change_data
from tests.factories import (
    ArticleFactory,
    DraftArticleFactory,
    DraftMagnesiumCompoundFactory,
    MagnesiumCompoundFactory,
    TopicFactory,
)
from tests.helpers import change_form_data, change_url

pytestmark = pytest.mark.django_db


def problems(body: str) -> list[str]:
    return ArticleFactory.build(body=body).markdown_problems()


def preview(client, body: str) -> str:
    return html.unescape(client.post("/markdownx/markdownify/", {"content": body}).content.decode())


def test_a_link_to_an_address_no_page_answers_is_refused_suggesting_the_nearest(staff_client):
    article = ArticleFactory(body="Old body.")
    body = "Work out your day with [the calculator](/calculater/)."
    response = staff_client.post(change_url(article), change_form_data(article, body=body))
    form = response.context["adminform"].form
    [error] = form.errors["body"]
    assert error == (
        "The link to “/calculater/” leads readers to “Page not found”: no page of this site "
        "has that address. Did you mean /calculator/?"
    )
    assert form["body"].value() == body
    article.refresh_from_db()
    assert article.body == "Old body."


def test_the_preview_names_a_broken_site_link_in_the_words_the_save_refuses_it(staff_client):
    body = "Work out your day with [the calculator](/calculater/)."
    [refused] = problems(body)
    shown = preview(staff_client, body)
    assert f"<strong>To fix:</strong> {refused}</p>" in shown
    # Where it stands too: the notes scroll out of view as the preview follows the text.
    assert '<a class="broken-link" href="/calculater/"' in shown


def test_a_web_address_without_https_is_named_with_what_to_add():
    [problem] = problems(
        "See [the NIH fact sheet](ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/)."
    )
    assert problem.startswith(
        "The link to “ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/” has no "
        "“https://” in front"
    )
    assert problem.endswith(
        "Add https:// in front: https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"
    )
    [problem] = problems("Our sister site [www.example.org](www.example.org).")
    assert "Add https:// in front: https://www.example.org" in problem


def test_a_relative_link_is_named_with_the_address_of_this_site_meant():
    [problem] = problems("Use [the calculator](calculator/) first.")
    assert problem.startswith("The link to “calculator/” does not start with “/”")
    assert problem.endswith("did you mean /calculator/?")


def test_a_link_to_a_page_that_does_not_exist_suggests_one_of_its_kind():
    MagnesiumCompoundFactory(slug="magnesium-glycinate")
    [problem] = problems("See [glycinate](/forms/magnesium-glycinat/).")
    assert problem.endswith("Did you mean /forms/magnesium-glycinate/?")


def test_links_to_pages_readers_can_open_pass():
    MagnesiumCompoundFactory(slug="magnesium-glycinate")
    ArticleFactory(slug="using-magnesium-safely")
    TopicFactory(slug="sleep")
    body = (
        "[a](/calculator/) [b](/calculator) [c](/forms/?route=oral#table) "
        "[d](/forms/magnesium-glycinate/) [e](/forms/magnesium-glycinate/changes/) "
        "[f](/articles/using-magnesium-safely/#kidney-disease) [g](/topics/sleep/) "
        "[h](#references) [i](https://ods.od.nih.gov/) [j](mailto:editors@example.org) "
        "[k](/media/uploads/leaflet.png) [[form:magnesium-glycinate]]"
    )
    assert problems(body) == []


def test_a_moved_pages_old_address_passes_as_it_leads_there():
    form = MagnesiumCompoundFactory(slug="magnesium-glycinate")
    MovedPage.record(form, "/forms/glycinate/")
    assert problems("See [glycinate](/forms/glycinate/).") == []


def test_a_link_to_a_draft_is_refused_on_a_published_page_not_on_a_draft(staff_client):
    DraftArticleFactory(slug="coming-soon")
    [problem] = problems("Read [what comes next](/articles/coming-soon/).")
    assert "leads to a page readers cannot open yet" in problem
    assert "write the link as [[article:coming-soon]]" in problem
    draft = DraftArticleFactory(body="Old.")
    body = "Read [what comes next](/articles/coming-soon/)."
    response = staff_client.post(change_url(draft), change_form_data(draft, body=body))
    assert response.status_code == 302


def test_a_link_to_the_admin_is_refused():
    [problem] = problems("Edit it [here](/admin/articles/article/).")
    assert "leads to the editors' admin, which readers cannot open" in problem


def test_a_draft_may_keep_a_broken_link_with_the_same_words_as_a_warning(staff_client):
    article = DraftArticleFactory(body="Old body.")
    body = "Work out your day with [the calculator](/calculater/)."
    response = staff_client.post(
        change_url(article), change_form_data(article, body=body), follow=True
    )
    [refused] = problems(body)
    assert refused in [str(m) for m in response.context["messages"]]
    assert Article.objects.get(pk=article.pk).body == body


def test_a_scheduled_page_may_not_keep_a_broken_link(staff_client):
    """Its date comes with no save to check it: it would go live broken."""
    article = ArticleFactory(body="Old body.", published_at=timezone.now() + dt.timedelta(days=30))
    data = change_form_data(article, body="[the calculator](/calculater/)")
    response = staff_client.post(change_url(article), data)
    assert "Did you mean /calculator/?" in html.unescape(response.content.decode())
    article.refresh_from_db()
    assert article.body == "Old body."


def test_a_form_pages_text_is_checked_as_an_articles(staff_client):
    form = MagnesiumCompoundFactory.build(body="Use [the calculator](/calculater/).")
    with pytest.raises(ValidationError) as error:
        form.clean()
    assert "Did you mean /calculator/?" in " ".join(error.value.message_dict["body"])
    draft = DraftMagnesiumCompoundFactory()
    url = f"/admin/comparisons/magnesiumcompound/{draft.pk}/change/"
    data = compound_change_data(draft, body="Use [the calculator](/calculater/).")
    response = staff_client.post(url, data, follow=True)
    assert any("Did you mean /calculator/?" in str(m) for m in response.context["messages"])


def test_the_check_asks_once_a_kind_of_page_however_many_links():
    for number in range(20):
        MagnesiumCompoundFactory(slug=f"form-{number}")
        ArticleFactory(slug=f"page-{number}")

    def queries(count: int) -> int:
        body = " ".join(
            f"[f](/forms/form-{n}/) [a](/articles/page-{n}/) [c](/calculator/)"
            for n in range(count)
        )
        with CaptureQueriesContext(connection) as captured:
            assert problems(body) == []
        return len(captured.captured_queries)

    assert queries(20) == queries(2)
