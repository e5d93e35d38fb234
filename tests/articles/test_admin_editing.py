"""Editors work without fear: versions, restore, recovery, stale saves, save-time checks."""

import datetime as dt
import re

import pytest
import reversion
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.evidence.factories import EvidenceCellFactory, OutcomeFactory
from tests.factories import ArticleFactory, DraftArticleFactory, StaffFactory, TopicFactory
from tests.helpers import (
    NEW_ARTICLE,
    added_in_admin,
    agreeing_to_go_off_site,
    change_form_data,
    change_url,
)

pytestmark = pytest.mark.django_db


def test_saving_in_admin_keeps_a_version_with_who_and_when(client):
    editor = StaffFactory(username="maria")
    client.force_login(editor)
    article = ArticleFactory(body="First text.")
    response = client.post(change_url(article), change_form_data(article, body="Second text."))
    assert response.status_code == 302
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 1
    assert versions[0].revision.user == editor
    assert versions[0].field_dict["body"] == "Second text."


def test_a_browsers_crlf_line_endings_do_not_count_as_a_change(staff_client):
    article = ArticleFactory(body="Line one.\nLine two.", summary="Old summary.")
    # What a browser submits for an untouched textarea.
    data = change_form_data(article, summary="New summary.", body="Line one.\r\nLine two.")
    assert staff_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.body == "Line one.\nLine two."
    revision = Version.objects.get_for_object(article).first().revision
    assert "Summary" in revision.get_comment()
    assert "Body" not in revision.get_comment()


def test_history_lists_versions_and_diff_shows_the_change(staff_client):
    article = ArticleFactory(body="Line one.\nOld line.")
    staff_client.post(change_url(article), change_form_data(article, body="Line one.\nOld line."))
    article.refresh_from_db()
    staff_client.post(change_url(article), change_form_data(article, body="Line one.\nNew line."))
    history = staff_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.status_code == 200
    first = Version.objects.get_for_object(article).last()
    diff = staff_client.get(
        reverse("admin:articles_article_version_diff", args=[article.pk, first.pk])
    ).content.decode()
    assert "-<mark>Old</mark> line." in diff
    assert "+<mark>New</mark> line." in diff


def test_the_comparison_reads_in_words_not_database_codes(staff_client):
    sleep, cramps = TopicFactory(name="Sleep"), TopicFactory(name="Muscle cramps")
    article = DraftArticleFactory(body="One.\nTwo.\nThree.", topics=[sleep])
    staff_client.post(change_url(article), change_form_data(article))
    first = Version.objects.get_for_object(article).get()
    article.refresh_from_db()
    changed = change_form_data(
        article, body="One.\nTwo, changed.\nThree.", status="published", topics=[cramps.pk]
    )
    assert staff_client.post(change_url(article), changed).status_code == 302
    html = staff_client.get(
        reverse("admin:articles_article_version_diff", args=[article.pk, first.pk])
    ).content.decode()
    assert '<span class="diff-del">-<mark>Draft</mark></span>' in html
    assert '<span class="diff-add">+<mark>Published</mark></span>' in html
    assert '<span class="diff-del">-<mark>Sleep</mark></span>' in html
    assert '<span class="diff-add">+<mark>Muscle cramps</mark></span>' in html
    # Within a changed line, only what changed is marked.
    assert '<span class="diff-del">-Two.</span>' in html
    assert '<span class="diff-add">+Two<mark>, changed</mark>.</span>' in html
    assert html.count("Around line") == 1  # for the body; not for a one-line status
    assert "Around line 1" in html
    assert "@@" not in html


def test_a_one_word_edit_of_a_long_paragraph_marks_that_word(staff_client):
    """A one-word edit showed two four-line paragraphs to compare by eye."""
    paragraph = "Magnesium supplements are among the safer things on the shelf, but {} depends."
    with reversion.create_revision():
        article = ArticleFactory(body=paragraph.format("safe"))
    first = Version.objects.get_for_object(article).get()
    article.body = paragraph.format("safety")
    article.save()
    html = staff_client.get(
        reverse("admin:articles_article_version_diff", args=[article.pk, first.pk])
    ).content.decode()
    assert html.count("<mark>") == 2
    assert "but <mark>safe</mark> depends." in html
    assert "but <mark>safety</mark> depends." in html


def test_the_comparison_lists_only_the_fields_an_editor_changed(staff_client):
    """Not the record's number, nor a publish time that reads the same (a version keeps
    times to the millisecond, the database to the microsecond)."""
    with reversion.create_revision():
        article = ArticleFactory(
            body="Old text.", published_at=dt.datetime(2026, 1, 5, 9, 0, 0, 123456, tzinfo=dt.UTC)
        )
    first = Version.objects.get_for_object(article).get()
    article.body = "New text."
    article.save()
    html = staff_client.get(
        reverse("admin:articles_article_version_diff", args=[article.pk, first.pk])
    ).content.decode()
    headings = re.findall(r'<section class="module diff-field">\s*<h2>([^<]+)</h2>', html)
    assert headings == ["Body"]


def test_restoring_a_version_brings_back_its_text(staff_client):
    article = ArticleFactory(body="Good text.")
    staff_client.post(change_url(article), change_form_data(article))
    article.refresh_from_db()
    staff_client.post(change_url(article), change_form_data(article, body="Mistake."))
    good = Version.objects.get_for_object(article).last()
    revert_url = reverse("admin:articles_article_revision", args=[article.pk, good.pk])
    form_page = staff_client.get(revert_url)
    assert form_page.status_code == 200
    # In a writer's words, with when the version was saved and the note a save will need.
    html = form_page.content.decode()
    assert "Restore an earlier version" in html and "revert" not in html.lower()
    assert "This is the page as it was saved on" in html
    assert "so first write a change note" in html
    article.refresh_from_db()
    assert article.body == "Mistake."  # viewing a version changes nothing
    data = change_form_data(article, body="Good text.")
    data["edit_token_seen"] = form_page.context["adminform"].form["edit_token_seen"].value()
    assert staff_client.post(revert_url, data).status_code == 302
    article.refresh_from_db()
    assert article.body == "Good text."
    assert "Good text." in article.body_html


def test_restoring_a_draft_version_of_a_published_page_warns_it_would_go_off_the_site(
    staff_client,
):
    with reversion.create_revision():
        article = DraftArticleFactory(body="An early draft.")
    article.status = Article.Status.PUBLISHED
    article.published_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with reversion.create_revision():
        article.save()
    published, draft = Version.objects.get_for_object(article)  # newest first

    def page_for(version) -> str:
        url = reverse("admin:articles_article_revision", args=[article.pk, version.pk])
        return staff_client.get(url).content.decode()

    assert "takes the page off the site" in page_for(draft)
    assert "takes the page off the site" not in page_for(published)
    article.refresh_from_db()
    assert article.is_public  # only looking: nothing changed


def test_deleted_article_can_be_recovered_from_admin(staff_client):
    with reversion.create_revision():
        article = ArticleFactory(title="Precious article", body="Keep me.")
    pk = article.pk
    staff_client.post(reverse("admin:articles_article_delete", args=[pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=pk).exists()
    recover_list = staff_client.get(reverse("admin:articles_article_recoverlist"))
    assert "Precious article" in recover_list.content.decode()
    deleted = Version.objects.get_deleted(Article).get()
    recover_url = reverse("admin:articles_article_recover", args=[deleted.pk])
    page = staff_client.get(recover_url)
    data = change_form_data(article)
    data["edit_token_seen"] = page.context["adminform"].form["edit_token_seen"].value()
    response = staff_client.post(recover_url, data, follow=True)
    assert response.redirect_chain[-1][1] == 302
    assert Article.objects.get(pk=pk).body == "Keep me."
    said = [str(message) for message in response.context["messages"]]
    change = reverse("admin:articles_article_change", args=[pk])
    assert said == [
        f'The article “<a href="{change}">Precious article</a>” was recovered. Readers can open it.'
    ]


def test_restoring_a_version_says_it_was_restored_not_changed(staff_client):
    with reversion.create_revision():
        article = DraftArticleFactory(title="Early", body="Good text.")
    with reversion.create_revision():
        article.body = "Mistake."
        article.save()
    good = Version.objects.get_for_object(article).last()
    revert_url = reverse("admin:articles_article_revision", args=[article.pk, good.pk])
    form_page = staff_client.get(revert_url)
    data = change_form_data(article, body="Good text.")
    data["edit_token_seen"] = form_page.context["adminform"].form["edit_token_seen"].value()
    response = staff_client.post(revert_url, data, follow=True)
    said = " ".join(str(message) for message in response.context["messages"])
    assert "was restored to the earlier version. Readers cannot open it now" in said
    assert "changed successfully" not in said


def test_broken_internal_link_blocks_the_save_and_names_the_link(staff_client):
    article = ArticleFactory(body="Fine.")
    response = staff_client.post(
        change_url(article), change_form_data(article, body="See [[article:missing-page]].")
    )
    assert response.status_code == 200
    assert "[[article:missing-page]]" in response.content.decode()
    article.refresh_from_db()
    assert article.body == "Fine."


def test_a_draft_may_link_to_a_draft_but_publishing_it_needs_the_target_public(staff_client):
    DraftArticleFactory(slug="coming-soon", title="Coming soon")
    article = DraftArticleFactory(body="Fine.")
    body = "See [[article:coming-soon]]."
    response = staff_client.post(change_url(article), change_form_data(article, body=body))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == body

    publish = change_form_data(article, body=body, status=Article.Status.PUBLISHED)
    response = staff_client.post(change_url(article), publish)
    assert response.status_code == 200
    assert "[[article:coming-soon]]" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_unknown_citation_key_blocks_the_save_and_names_the_key(staff_client):
    article = ArticleFactory(body="Fine.")
    response = staff_client.post(
        change_url(article), change_form_data(article, body="Claim [@made-up-2020].")
    )
    assert "[@made-up-2020]" in response.content.decode()
    article.refresh_from_db()
    assert article.body == "Fine."


def test_a_missing_summary_is_a_warning_not_an_error(staff_client):
    article = ArticleFactory()
    response = staff_client.post(
        change_url(article), change_form_data(article, summary=""), follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("no summary" in m for m in messages)
    article.refresh_from_db()
    assert article.summary == ""


UNLOADABLE = (
    "![A chart](http://example.com/x.png) ![A map](chart.png) "
    "![Stored](https://media.example.org/uploads/a.png) ![Here](/media/uploads/b.png) "
    "![Ours](https://magnesium.example.org/media/uploads/c.png) ![Typo](//[bad/x.png)"
)


def test_an_image_readers_browsers_will_not_load_is_refused_on_a_published_page(
    staff_client, settings
):
    """The pages load images only from the site (and the uploads' storage): one from
    another site, or a relative address, went live with only a warning and showed broken."""
    settings.MEDIA_ORIGIN = "https://media.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "magnesium.example.org"]
    article = ArticleFactory(body="Old body.")
    response = staff_client.post(change_url(article), change_form_data(article, body=UNLOADABLE))
    form = response.context["adminform"].form
    assert [e.split("”")[0] for e in form.errors["body"]] == [
        "The image “http://example.com/x.png",
        "The image “chart.png",
        "The image “//[bad/x.png",
    ]
    assert all("is not one uploaded to this site" in e for e in form.errors["body"])
    assert form["body"].value() == UNLOADABLE
    article.refresh_from_db()
    assert article.body == "Old body."


def test_a_draft_may_keep_an_image_readers_browsers_will_not_load_with_a_warning(
    staff_client, settings
):
    settings.MEDIA_ORIGIN = "https://media.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "magnesium.example.org"]
    article = DraftArticleFactory()
    response = staff_client.post(
        change_url(article), change_form_data(article, body=UNLOADABLE), follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    warned = [m for m in messages if "not one uploaded to this site" in m]
    assert [m.split("”")[0] for m in warned] == [
        "The image “http://example.com/x.png",
        "The image “chart.png",
        "The image “//[bad/x.png",
    ]
    article.refresh_from_db()
    assert article.body == UNLOADABLE


def test_overdue_for_review_filter_lists_only_overdue_articles(staff_client):
    ArticleFactory(title="Stale evidence", next_review_due=dt.date(2020, 1, 1))
    ArticleFactory(title="Fresh evidence", next_review_due=dt.date(2099, 1, 1))
    html = staff_client.get(
        reverse("admin:articles_article_changelist") + "?review=overdue"
    ).content.decode()
    assert "Stale evidence" in html
    assert "Fresh evidence" not in html


def test_scheduled_article_appears_at_its_publish_time_without_a_job(client):
    publish_at = dt.datetime(2030, 1, 1, 9, 0, tzinfo=dt.UTC)
    article = ArticleFactory(published_at=publish_at)
    with time_machine.travel(publish_at - dt.timedelta(minutes=1)):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert article not in Article.objects.published()
    with time_machine.travel(publish_at + dt.timedelta(minutes=1)):
        assert client.get(article.get_absolute_url()).status_code == 200


def row_of(html: str, text: str) -> str:
    """The row of an admin list that holds this text."""
    return next(row for row in html.split("<tr")[1:] if text in row)


def test_scheduling_says_when_readers_will_see_it_and_the_list_says_scheduled(staff_client):
    article = DraftArticleFactory(title="Coming in spring")
    ArticleFactory(title="Out already")
    data = change_form_data(
        article, status="published", published_at_0="2099-03-01", published_at_1="09:00:00"
    )
    response = staff_client.post(change_url(article), data, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any(
        m.startswith("Scheduled: readers will see this page from March 1, 2099, 9 a.m. UTC; until")
        for m in messages
    ), messages  # not "9 a.m.." as one sentence ending after the time did
    html = staff_client.get(reverse("admin:articles_article_changelist")).content.decode()
    rows = {title: row_of(html, title) for title in ["Coming in spring", "Out already"]}
    assert '<td class="field-publication_status">Scheduled</td>' in rows["Coming in spring"]
    assert '<td class="field-publication_status">Published</td>' in rows["Out already"]


def test_a_new_page_published_with_a_past_date_says_it_is_public_now_and_its_date(staff_client):
    """A date typed for another day (12 September, meant as 9 December) published the page
    at once, with only the usual "was added successfully"."""
    with time_machine.travel(dt.datetime(2026, 12, 8, 12, tzinfo=dt.UTC), tick=False):
        response = added_in_admin(
            staff_client,
            Article,
            **NEW_ARTICLE,
            status="published",
            published_at_0="2026-09-12",
            published_at_1="09:00",
        )
    messages = [str(m) for m in response.context["messages"]]
    assert "Published: readers can open this page now, dated 12 September 2026." in messages


def test_a_future_date_on_a_draft_warns_that_it_is_not_scheduled(staff_client):
    """The date's help said a future date schedules the page: a writer who left Status on
    Draft believed it would go live, and it never did."""
    article = DraftArticleFactory(title="Coming in spring")
    data = change_form_data(
        article, status="draft", published_at_0="2099-03-01", published_at_1="09:00:00"
    )
    response = staff_client.post(change_url(article), data, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("Saved as a draft: readers will not see it") for m in messages)
    article.refresh_from_db()
    data = change_form_data(
        article, status="published", published_at_0="2099-03-01", published_at_1="09:00:00"
    )
    response = staff_client.post(change_url(article), data, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert not any(m.startswith("Saved as a draft") for m in messages)
    preview = staff_client.get(article.get_absolute_url()).content.decode()
    assert "Scheduled - not public yet." in preview and "Draft - not public" not in preview


def test_unpublishing_hides_the_article_again(staff_client):
    article = ArticleFactory(topics=[TopicFactory()])
    assert Client().get(article.get_absolute_url()).status_code == 200
    data = change_form_data(article, status="draft")
    agreeing_to_go_off_site(staff_client, change_url(article), data)
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_view_on_site_from_the_change_form_opens_the_real_url(staff_client):
    article = ArticleFactory(status="draft", published_at=None)
    html = staff_client.get(change_url(article)).content.decode()
    content_type = ContentType.objects.get_for_model(Article)
    view_on_site = reverse("admin:view_on_site", args=[content_type.pk, article.pk])
    assert view_on_site in html
    response = staff_client.get(view_on_site, follow=True)
    assert response.status_code == 200
    assert "Draft - not public" in response.content.decode()


def test_long_one_line_texts_get_room_and_stay_on_one_line(staff_client):
    """A title gets a wide box and a summary a few rows; line breaks typed into the summary
    become spaces, as readers see it on one line. A URL keeps its own box."""
    article = ArticleFactory(summary="Old summary.")
    form = staff_client.get(change_url(article)).content.decode()
    assert re.search(r'<input type="text" name="title" [^>]*class="vTextField wide"', form)
    assert re.search(r'<textarea name="summary" [^>]*rows="5"', form)
    data = change_form_data(article, summary="First line,\r\n  second line.\r\n\r\nThird.")
    assert staff_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.summary == "First line, second line. Third."
    reference = staff_client.get(reverse("admin:articles_reference_add")).content.decode()
    assert re.search(r'<input type="url" name="url"', reference)


def test_history_shows_what_each_save_changed(staff_client):
    """Each save but the first links to what it changed against the save before it; the
    comparison with the current text stays one click away."""
    article = ArticleFactory(body="Line one.\nFirst text.")
    for text in ("Second text.", "Third text."):
        data = change_form_data(article, body=f"Line one.\n{text}")
        assert staff_client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
    first, second = Version.objects.get_for_object(article).order_by("pk")
    history = staff_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.content.decode().count("What this save changed") == 1
    # To the second: saves a few seconds apart were listed with one time.
    times = re.findall(r'<th scope="row">([^<]*)</th>', history.content.decode())
    assert all(re.fullmatch(r"\d+ \w+ \d{4}, \d\d:\d\d:\d\d \w+", t) for t in times), times
    url = reverse("admin:articles_article_version_changes", args=[article.pk, second.pk])
    html = staff_client.get(url).content.decode()
    assert '<span class="diff-del">-<mark>Second</mark> text.</span>' in html
    assert '<span class="diff-add">+<mark>Third</mark> text.</span>' in html
    assert "Line one." in html and "First text." not in html
    assert f"{second.pk}/diff/" in html  # compare with current
    url = reverse("admin:articles_article_version_changes", args=[article.pk, first.pk])
    assert "first saved version" in staff_client.get(url).content.decode()


def test_a_change_of_a_related_record_shows_by_name(admin_client):
    """A foreign key (an evidence cell's outcome) is compared too, by the names of the
    records, not their numbers."""
    cell = EvidenceCellFactory(outcome=OutcomeFactory(name="Sleep quality"))
    with reversion.create_revision():
        cell.save()
    cell.outcome = OutcomeFactory(name="Leg cramps")
    with reversion.create_revision():
        cell.save()
    latest = Version.objects.get_for_object(cell).first()
    url = reverse("admin:evidence_evidencecell_version_changes", args=[cell.pk, latest.pk])
    html = admin_client.get(url).content.decode()
    assert '<span class="diff-del">-<mark>Sleep quality</mark></span>' in html
    assert '<span class="diff-add">+<mark>Leg cramps</mark></span>' in html


def test_a_refused_save_links_to_each_box_to_correct_under_the_error_note(staff_client):
    """The change note is at the foot of a long page: the note at the top links to it."""
    article = ArticleFactory(body="Old text.")
    data = change_form_data(article, body="New text.", minor_change="")
    html = staff_client.post(change_url(article), data).content.decode()
    after_note = html.split('class="errornote"')[1]
    jump = after_note.split('<nav class="error-jump" aria-label="Errors">')[1].split("</nav>")[0]
    assert '<li><a href="#id_change_note">Change note</a></li>' in jump
    assert jump.count("<li>") == 1


def test_a_page_without_errors_has_no_list_of_boxes_to_correct(staff_client):
    article = DraftArticleFactory()
    assert "error-jump" not in staff_client.get(change_url(article)).content.decode()


def test_every_markdown_box_says_how_to_cite_link_and_add_a_figure(staff_client):
    html = staff_client.get(reverse("admin:articles_article_add")).content.decode()
    body_help = html.split('id="id_body_helptext"')[1].split("</div>")[0]
    assert "<code>[@kirkland-2018; @boyle-2017]</code>" in body_help
    assert '<a href="/admin/articles/reference/" target="_blank">References</a>' in body_help
    assert "(article, compare, evidence, form, medicine, topic)" in body_help
    assert "drag a PNG, JPEG or WebP image into the box" in body_help
    html = staff_client.get(reverse("admin:articles_topic_add")).content.decode()
    assert "drag a PNG, JPEG or WebP image into the box" in html


def test_a_reference_key_says_what_a_good_one_looks_like(staff_client):
    html = staff_client.get(reverse("admin:articles_reference_add")).content.decode()
    assert "usually the first author and the year, e.g. smith-2024" in html


def test_the_admin_is_headed_with_the_sites_name(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "Magnesium &amp; Nerve Health: editing" in html
    assert "Django administration" not in html


def test_the_article_list_filters_drafts_scheduled_and_published_pages(staff_client):
    DraftArticleFactory(title="Still a draft")
    ArticleFactory(title="Coming later", published_at=dt.datetime(2099, 3, 1, tzinfo=dt.UTC))
    ArticleFactory(title="Out already")
    url = reverse("admin:articles_article_changelist")
    for choice, shown in [
        ("draft", "Still a draft"),
        ("scheduled", "Coming later"),
        ("published", "Out already"),
    ]:
        html = staff_client.get(url, {"status__exact": choice}).content.decode()
        titles = {"Still a draft", "Coming later", "Out already"}
        assert [title for title in titles if f">{title}</a>" in html] == [shown], choice


def test_deleting_a_topic_filed_under_by_many_articles_lists_a_few_links_and_counts_the_rest(
    staff_client,
):
    topic = TopicFactory(name="Sleep")
    ArticleFactory.create_batch(40, topics=[topic])
    html = staff_client.get(reverse("admin:articles_topic_delete", args=[topic.pk]))
    html = html.content.decode()
    listed = html.split('<ul id="deleted-objects">')[1].split("</ul>\n")[0]
    assert listed.count("Article-topic relationship:") == 30
    # Each names what it links, not "Article_topics object (36)".
    assert "object (" not in listed
    first = topic.articles.order_by("pk").first()
    assert f"Article-topic relationship: “{first.title}”, topics: “Sleep”" in listed
    assert "… and 10 more (the summary above counts them all)" in listed
    assert "Article-topic relationships: 40" in html  # Django's summary counts every one


def test_deleting_a_topic_counts_the_articles_filed_under_it_and_led_by_one_apart(staff_client):
    """An article's topics and the topics it is the main article on are both Django's
    "article-topic relationships": the summary counted only the last table's rows (1),
    while listing all nine."""
    topic = TopicFactory(name="Sleep")
    articles = ArticleFactory.create_batch(8, topics=[topic])
    articles[0].main_for.set([topic])
    html = staff_client.get(reverse("admin:articles_topic_delete", args=[topic.pk]))
    summary = html.content.decode().split("<h2>Summary</h2>")[1].split("</ul>")[0]
    assert "<li>Article-topic relationships (topics): 8</li>" in summary
    assert "<li>Article-topic relationships (main article on): 1</li>" in summary
    assert "relationships: 1<" not in summary


def test_deleting_an_article_names_the_topics_it_leaves(staff_client):
    article = ArticleFactory(title="Cramps at night", topics=[TopicFactory(name="Cramps")])
    html = staff_client.get(reverse("admin:articles_article_delete", args=[article.pk]))
    listed = html.content.decode().split('<ul id="deleted-objects">')[1].split("</ul>\n")[0]
    assert "Article-topic relationship: “Cramps at night”, topics: “Cramps”" in listed


def test_saving_a_page_deleted_while_it_was_open_shows_who_deleted_it_and_keeps_the_text(
    staff_client, admin_client
):
    """Django's admin answered with its home page and "… doesn't exist. Perhaps it was
    deleted?": the editor's text was gone from view."""
    article = ArticleFactory(title="Magnesium and sleep")
    data = change_form_data(article, body="My careful new paragraph about sleep.")
    delete_url = reverse("admin:articles_article_delete", args=[article.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nothing was saved." in html
    assert "&ldquo;Magnesium and sleep&rdquo; was deleted on " in html
    assert "My careful new paragraph about sleep.</textarea>" in html
    assert reverse("admin:articles_article_recoverlist") in html
    assert not Article.objects.filter(pk=article.pk).exists()


def test_saving_a_page_that_never_existed_gets_the_admins_own_answer(staff_client):
    article = ArticleFactory()
    data = change_form_data(article)
    response = staff_client.post(reverse("admin:articles_article_change", args=[999999]), data)
    assert response.status_code == 302  # Django's "doesn't exist", at the admin's home


def test_a_deleted_tables_rows_are_shown_with_their_texts_not_its_tokens(
    staff_client, admin_client
):
    from comparisons.models import Comparison
    from tests.comparisons.test_admin import comparison_post
    from tests.factories import ComparisonFactory, ComparisonRowFactory

    comparison = ComparisonFactory(columns=["Col A", "Col B"])
    row = ComparisonRowFactory(comparison=comparison, feature="Cost", cells=["a", "b"])
    data = comparison_post(comparison, [(row.pk, "Cost", 1, ["Cheap now", "Dear"])])
    url = reverse("admin:comparisons_comparison_change", args=[comparison.pk])
    delete = reverse("admin:comparisons_comparison_delete", args=[comparison.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    response = staff_client.post(url, data)
    assert response.status_code == 409
    texts = re.findall(r'<label for="sent-\d+">([^<]*)</label>', response.content.decode())
    assert "Comparison row 1: feature" in texts
    assert "Comparison row 1: column “Col A”" in texts
    assert "Comparison row 1: column “Col B”" in texts
    assert not [text for text in texts if "token" in text.lower() or text.endswith(": id")]
    assert not Comparison.objects.filter(pk=comparison.pk).exists()


def test_a_page_deleted_with_another_record_keeps_the_editors_text_too(staff_client):
    """Deleted along with something it belonged to (an evidence cell with its form), a page
    has no deletion in the admin's log, only its saved versions."""
    with reversion.create_revision():
        article = ArticleFactory(title="Cell-like page")
    data = change_form_data(article, body="Text typed before it went.")
    Article.objects.filter(pk=article.pk).delete()
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "was deleted after you opened it, with another record it belonged to" in html
    assert "Text typed before it went.</textarea>" in html


def test_markup_the_page_will_not_show_is_a_warning_and_kept_in_the_text(staff_client):
    """The sanitiser took out a script, a frame, a `javascript:` link and an `onerror`
    without a word: readers saw a link going nowhere and the editor never knew."""
    article = ArticleFactory()
    body = (
        "<script>alert(1)</script> <iframe src=https://x.example></iframe> "
        "[click](javascript:alert(1)) [d](data:text/html,x) <sup onclick=x>2</sup> "
        "`<div>` in code is fine, as are [a link](https://x.example), <br> and GFR <30.\n\n"
        "    <object> in an indented code block is shown as typed."
    )
    response = staff_client.post(
        change_url(article), change_form_data(article, body=body), follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    [warning] = [m for m in messages if m.startswith("Readers will not see")]
    assert warning.startswith(
        "Readers will not see the tag <script>, the tag <iframe>, script in the <sup> tag, "
        "the javascript: address and the data: address:"
    )
    article.refresh_from_db()
    assert article.body == body
    plain = ArticleFactory()
    response = staff_client.post(
        change_url(plain),
        change_form_data(plain, body="**Bold**, [a link](https://x.example) and <br>."),
        follow=True,
    )
    assert not any("Readers will not see" in str(m) for m in response.context["messages"])
