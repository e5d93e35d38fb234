"""Saving a published page asks for a change note; readers see every reader-facing change."""

import datetime as dt
import re
from xml.etree import ElementTree

import pytest
import reversion
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, MovedPage
from feedback.models import ChangeNote, Report
from tests.factories import ArticleFactory, DraftArticleFactory, MagnesiumCompoundFactory
from tests.feedback.conftest import LONG_NOTE, LONG_NOTE_REFUSED
from tests.helpers import agreeing_to_go_off_site, change_form_data, change_url, submitted_form

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def with_note(article, note: str, **overrides) -> dict:
    return change_form_data(article, change_note=note, minor_change="", **overrides)


def note_on(page, note: str, days_ago: int = 0, **fields) -> ChangeNote:
    return ChangeNote.objects.create(
        content_type=ContentType.objects.get_for_model(page),
        object_id=page.pk,
        note=note,
        created_at=timezone.now() - dt.timedelta(days=days_ago),
        **fields,
    )


def test_saving_a_published_article_without_a_note_is_refused(staff_client):
    article = ArticleFactory(body="Old text.")
    data = with_note(article, "", body="New text.")
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Write a short change note for readers" in response.content.decode()
    article.refresh_from_db()
    assert article.body == "Old text."
    assert not ChangeNote.objects.exists()


def test_a_draft_and_a_first_publication_need_no_note(staff_client):
    draft = DraftArticleFactory(body="Old text.")
    assert (
        staff_client.post(change_url(draft), with_note(draft, "", body="New.")).status_code == 302
    )
    draft.refresh_from_db()
    data = with_note(draft, "", status="published")
    assert staff_client.post(change_url(draft), data).status_code == 302
    assert not ChangeNote.objects.exists()


def test_a_page_scheduled_for_later_needs_no_note_and_shows_no_change_once_out(
    staff_client, client
):
    """Readers have not seen a scheduled page yet: editing it before its time asks for no
    note, and once it is out its list of changes holds none."""
    publish_at = timezone.now() + dt.timedelta(hours=2)
    article = ArticleFactory(slug="coming-up", body="First text.", published_at=publish_at)
    data = with_note(article, "", body="Better text.")
    assert staff_client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.body == "Better text."
    assert not ChangeNote.objects.exists()
    with time_machine.travel(publish_at + dt.timedelta(minutes=1)):
        changes = client.get("/articles/coming-up/changes/").content.decode()
    assert "Better text" not in changes
    assert 'id="change-' not in changes


def test_taking_a_public_page_into_a_schedule_needs_no_note_but_editing_it_live_does(
    staff_client,
):
    article = ArticleFactory(body="Old text.")
    later = timezone.now() + dt.timedelta(days=1)
    live_edit = with_note(article, "", body="New text.")
    assert (
        "Write a short change note"
        in staff_client.post(change_url(article), live_edit).content.decode()
    )
    rescheduled = with_note(
        article,
        "",
        body="New text.",
        published_at_0=later.strftime("%Y-%m-%d"),
        published_at_1=later.strftime("%H:%M:%S"),
    )
    assert (
        agreeing_to_go_off_site(staff_client, change_url(article), rescheduled).status_code == 302
    )


def test_restoring_a_published_version_of_a_draft_needs_no_note(staff_client):
    """Readers had no page before the restore: it is a first publication, as a save that
    publishes a draft is, though the restore has written the published version already."""
    with reversion.create_revision():
        article = ArticleFactory(body="Published text.")
    article.status = "draft"
    with reversion.create_revision():
        article.save()
    _, published = Version.objects.get_for_object(article)
    restore = reverse("admin:articles_article_revision", args=[article.pk, published.pk])
    data = submitted_form(staff_client.get(restore).content.decode(), minor_change="")
    assert staff_client.post(restore, data).status_code == 302
    article.refresh_from_db()
    assert article.is_public


def test_a_note_with_an_html_tag_is_refused(staff_client):
    article = ArticleFactory(body="Old text.")
    data = with_note(article, "Fixed <b>the dose</b>.", body="New text.")
    response = staff_client.post(change_url(article), data)
    [error] = response.context["adminform"].form.errors["change_note"]
    assert error.startswith("This box is plain text: readers would see “<b>” exactly as typed")
    article.refresh_from_db()
    assert article.body == "Old text."


def test_a_note_too_long_is_refused_whole_with_its_length_and_all_typed_kept(staff_client):
    """The box's maxlength cut a pasted note at 300 characters, mid-word and without a
    word, and the save went through: the list of changes read “…and added the sou”."""
    article = ArticleFactory(title="Sleep", body="Old text.")
    page = staff_client.get(change_url(article)).content.decode()
    [box] = re.findall(r'<textarea[^>]*name="change_note"[^>]*>', page)
    assert "maxlength" not in box
    assert len(LONG_NOTE) == 327
    data = with_note(article, LONG_NOTE, title="Sleep and magnesium", body="New text.")
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["change_note"] == [LONG_NOTE_REFUSED]
    html = response.content.decode()
    assert LONG_NOTE_REFUSED in html and LONG_NOTE in html
    assert (form["title"].value(), form["body"].value()) == ("Sleep and magnesium", "New text.")
    article.refresh_from_db()
    assert (article.title, article.body) == ("Sleep", "Old text.")
    assert not ChangeNote.objects.exists()


@pytest.mark.parametrize("factory", [ArticleFactory, MagnesiumCompoundFactory])
def test_a_pages_header_says_updated_only_for_a_change_readers_were_told_of(client, factory):
    """Every starter article said "Updated" on the day the site loaded them, while its list
    of changes said nothing had changed since it was published."""
    page = factory()
    html = client.get(page.get_absolute_url()).content.decode()
    assert "<dt>Updated</dt>" not in html and "<dt>Published</dt>" in html
    note = ChangeNote.objects.create(
        content_type=ContentType.objects.get_for_model(page),
        object_id=page.pk,
        note="Corrected the figure.",
    )
    ChangeNote.objects.filter(pk=note.pk).update(created_at=dt.datetime(2027, 1, 5, tzinfo=dt.UTC))
    cache.clear()
    html = client.get(page.get_absolute_url()).content.decode()
    assert '<dt>Updated</dt><dd><time datetime="2027-01-05">5 Jan 2027</time>' in html


def test_the_note_is_stored_with_the_version_and_shown_on_the_page(staff_client, client):
    article = ArticleFactory(slug="glycinate", body="14%.")
    client.get(article.get_absolute_url())  # cached before the change
    data = with_note(article, "Corrected the elemental magnesium to 14.1%.", body="14.1%.")
    assert staff_client.post(change_url(article), data).status_code == 302

    note = ChangeNote.objects.get()
    version = Version.objects.get_for_object(article).first()
    assert note.revision == version.revision
    assert version.revision.comment.startswith("Corrected the elemental magnesium to 14.1%.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Updated <time" in html
    assert ": Corrected the elemental magnesium to 14.1%." in html
    assert 'href="/articles/glycinate/changes/"' in html


def test_the_history_names_the_fields_changed_in_words(staff_client):
    article = ArticleFactory(body="Old text.")
    data = with_note(article, "Reworded the opening.", body="New text.")
    assert staff_client.post(change_url(article), data).status_code == 302
    comment = Version.objects.get_for_object(article).first().revision.get_comment()
    assert comment.startswith("Reworded the opening. (Changed Body")
    # Not "and Change note": the note is the comment's first part already.
    assert "Change note" not in comment


def test_a_minor_change_is_hidden_from_readers(staff_client, client):
    article = ArticleFactory(slug="glycinate")
    data = change_form_data(article, change_note="Fixed a typo.", minor_change="on")
    assert staff_client.post(change_url(article), data).status_code == 302
    assert ChangeNote.objects.get().minor
    for url in [article.get_absolute_url(), "/articles/glycinate/changes/", "/changes/"]:
        assert "Fixed a typo." not in client.get(url).content.decode(), url
    assert "Fixed a typo." not in client.get("/changes/feed/").content.decode()


def test_page_changes_lists_reader_facing_changes_newest_first(client):
    article = ArticleFactory(slug="glycinate", title="Glycinate")
    note_on(article, "Older change.", days_ago=3)
    note_on(article, "Newer change.", days_ago=1)
    note_on(article, "Typo.", minor=True)
    note_on(ArticleFactory(), "Another page's change.")
    response = client.get("/articles/glycinate/changes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Newer change.") < html.index("Older change.")
    assert "Typo." not in html
    assert "Another page's change." not in html


def test_form_pages_show_their_changes_too(client):
    compound = MagnesiumCompoundFactory(slug="magnesium-citrate")
    note_on(compound, "Added the dose for children.")
    page = client.get("/forms/magnesium-citrate/").content.decode()
    assert ": Added the dose for children." in page
    assert 'href="/forms/magnesium-citrate/changes/"' in page
    assert (
        "Added the dose for children."
        in client.get("/forms/magnesium-citrate/changes/").content.decode()
    )


def test_changes_of_drafts_and_unknown_pages_are_not_shown(client):
    draft = DraftArticleFactory(slug="draft")
    note_on(draft, "Said while it was public.")
    assert client.get("/articles/draft/changes/").status_code == 404
    assert client.get("/articles/no-such-page/changes/").status_code == 404
    assert client.get("/forms/no-such-form/changes/").status_code == 404
    assert "Said while it was public." not in client.get("/changes/").content.decode()


def test_site_wide_changes_list_the_latest_across_articles_and_forms(client):
    article = ArticleFactory(title="Burning feet")
    compound = MagnesiumCompoundFactory(name="Magnesium citrate")
    note_on(article, "Added the 2024 trial.", days_ago=2)
    note_on(compound, "Corrected the dose range.", days_ago=1)
    html = client.get("/changes/").content.decode()
    assert html.index("Corrected the dose range.") < html.index("Added the 2024 trial.")
    assert f'href="{article.get_absolute_url()}">Burning feet</a>' in html
    assert f'href="{compound.get_absolute_url()}">Magnesium citrate</a>' in html


def test_changes_feed_is_atom_with_one_entry_per_change(client):
    article = ArticleFactory(slug="glycinate", title="Glycinate")
    note = note_on(article, "Corrected the elemental magnesium.")
    note_on(article, "Hidden typo fix.", minor=True)
    response = client.get("/changes/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert entries[0].findtext(f"{ATOM}title") == "Glycinate: Corrected the elemental magnesium."
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.endswith(f"/articles/glycinate/changes/#change-{note.pk}")
    assert client.post("/changes/feed/").status_code == 405


def test_fixing_a_readers_report_marks_it_fixed_and_says_so(staff_client, client):
    article = ArticleFactory(slug="glycinate", body="7%.")
    report = Report.objects.create(
        page="/articles/glycinate/", text="The figure should be 14.1%.", address_hash="h" * 64
    )
    form = staff_client.get(change_url(article)).content.decode()
    assert f"#{report.pk} (New" in form  # offered as a report this save may fix
    data = with_note(article, "Corrected the figure to 14.1%.", body="14.1%.")
    data["fixes_report"] = report.pk
    response = staff_client.post(change_url(article), data, follow=True)
    assert f"The reader&#x27;s report #{report.pk} is marked fixed." in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.FIXED
    assert ChangeNote.objects.get().report == report
    html = client.get("/articles/glycinate/changes/").content.decode()
    assert "A reader's report led to this change." in html
    assert "The figure should be 14.1%." not in html  # the report itself stays private
    assert "(after a reader's report)" in client.get("/articles/glycinate/").content.decode()


def test_a_report_fixed_in_a_save_that_takes_the_page_off_the_site_is_fixed_with_its_note(
    staff_client, client
):
    """Taking a page off the site while fixing a reported error: the note and the report's
    fix were dropped without a word, the report left New."""
    article = ArticleFactory(slug="glycinate", body="7%.")
    report = Report.objects.create(
        page="/articles/glycinate/", text="7% is wrong.", address_hash="h"
    )
    data = with_note(article, "Corrected the figure after a reader's report.", body="14.1%.")
    data |= {"fixes_report": report.pk, "status": "draft"}
    agreeing_to_go_off_site(staff_client, change_url(article), data)
    report.refresh_from_db()
    assert report.status == Report.Status.FIXED
    note = ChangeNote.objects.get()
    assert (note.note, note.report) == ("Corrected the figure after a reader's report.", report)
    assert (
        Version.objects.get_for_object(article)
        .first()
        .revision.comment.startswith("Corrected the figure after a reader's report.")
    )
    # Readers see it once the page is theirs again.
    Article.objects.filter(pk=article.pk).update(status="published")
    assert "Corrected the figure" in client.get("/articles/glycinate/changes/").content.decode()


def test_a_note_on_a_draft_readers_never_saw_is_kept_for_editors_only(staff_client, client):
    draft = DraftArticleFactory(slug="draft", body="Old text.")
    data = with_note(draft, "Rewrote the opening.", body="New text.")
    assert staff_client.post(change_url(draft), data).status_code == 302
    note = ChangeNote.objects.get()
    assert (note.note, note.minor) == ("Rewrote the opening.", True)
    Article.objects.filter(pk=draft.pk).update(status="published", published_at=timezone.now())
    assert "Rewrote the opening." not in client.get("/articles/draft/changes/").content.decode()


def test_a_report_at_an_old_address_another_page_has_taken_is_not_offered(staff_client):
    moved = ArticleFactory(slug="restless-legs")
    MovedPage.record(moved, "/articles/cramps/")
    ArticleFactory(slug="cramps")  # a new page at the old address
    report = Report.objects.create(
        page="/articles/cramps/", text="About the new page.", address_hash="h"
    )
    assert f"#{report.pk} (New" not in staff_client.get(change_url(moved)).content.decode()


def test_a_report_filed_at_a_pages_earlier_address_is_offered_for_it_to_fix(staff_client):
    article = ArticleFactory(slug="restless-legs")
    MovedPage.record(article, "/articles/magnesium-and-restless-legs/")
    report = Report.objects.create(
        page="/articles/magnesium-and-restless-legs/", text="A typo in the title.", address_hash="h"
    )
    assert f"#{report.pk} (New" in staff_client.get(change_url(article)).content.decode()


def test_the_change_note_list_in_admin_costs_the_same_for_3_or_30_notes(
    admin_client,
):
    url = "/admin/feedback/changenote/"
    counts = []
    for total in (3, 30):
        for _ in range(total - ChangeNote.objects.count()):
            note_on(ArticleFactory(), "Corrected a figure.")
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_change_note_list_filters_only_by_the_kinds_of_page_with_notes(admin_client):
    note_on(ArticleFactory(), "Corrected a figure.")
    note_on(MagnesiumCompoundFactory(), "Corrected a figure.")
    html = admin_client.get("/admin/feedback/changenote/").content.decode()
    # The kinds of page that take notes, by their names; not every model of the site, nor
    # Django's "Articles and topics | article".
    assert html.count("?kind=") == 6
    assert ">Articles</a>" in html and ">Forms of magnesium</a>" in html
    assert ">Foods</a>" in html and ">Intake tables</a>" in html
    assert "Articles and topics |" not in html
    forms = admin_client.get("/admin/feedback/changenote/?kind=comparisons.magnesiumcompound")
    assert forms.content.decode().count('<td class="field-note">') == 1
    # Each note names its page as a link readers see, not as a "content object".
    assert "Content object" not in html and 'href="/articles/' in html
