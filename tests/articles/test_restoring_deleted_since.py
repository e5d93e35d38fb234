"""Restoring or recovering a version that points at records deleted since: a server error
before (the database refused the rows as the transaction ended), and nothing restored."""

import pytest
import reversion
from django.db import connection
from django.urls import reverse
from reversion.models import Revision, Version

from comparisons.models import Food
from evidence.models import EvidenceCell
from tests.evidence.factories import EvidenceCellFactory, OutcomeFactory
from tests.factories import (
    ArticleFactory,
    FoodFactory,
    MagnesiumCompoundFactory,
    ReferenceFactory,
    TopicFactory,
    with_sources,
)
from tests.helpers import submitted_form

pytestmark = pytest.mark.django_db


def admin_url(obj, view: str = "change", *more) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk, *more])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def all_rows_point_somewhere() -> None:
    """What the database checks as the transaction ends (the tests' is rolled back)."""
    connection.check_constraints()


def test_restoring_a_version_citing_a_deleted_source_restores_it_without_that_source(
    staff_client,
):
    with reversion.create_revision():
        kept = ReferenceFactory(title="FoodData Central")
        gone = ReferenceFactory(key="audit-ref-2026", title="A source deleted since")
        food = FoodFactory(name="Chia seeds", serving="1 ounce", mg=111, refs=[kept, gone])
    food.refs.set([kept])
    Food.objects.filter(pk=food.pk).update(serving="a changed serving")
    gone.delete()
    url = admin_url(food, "revision", Version.objects.get_for_object(food).get().pk)
    # The stored reference's name, as its version keeps it (its __str__).
    gone_name = Version.objects.get_deleted(type(gone)).get().object_repr

    page = staff_client.get(url, follow=True)
    [warning] = messages_of(page)
    assert f"lists reference “{gone_name}”, deleted since: saving it leaves it out" in warning
    data = submitted_form(page.content.decode(), change_note="Back to the first serving.")
    response = staff_client.post(url, data, follow=True)

    [said] = messages_of(response)
    assert "was restored to the earlier version." in said
    assert f"Left out, as deleted since: reference “{gone_name}”." in said
    food.refresh_from_db()
    assert food.serving == "1 ounce"
    assert list(food.refs.all()) == [kept]
    all_rows_point_somewhere()


def test_restoring_an_article_filed_under_a_deleted_topic_files_it_under_the_others(
    staff_client,
):
    with reversion.create_revision():
        cramps, sleep = TopicFactory(name="Muscle cramps"), TopicFactory(name="Sleep")
        article = ArticleFactory(summary="First summary.")
        article.topics.set([cramps, sleep])
    article.topics.set([sleep])
    cramps.delete()
    url = admin_url(article, "revision", Version.objects.get_for_object(article).get().pk)
    page = staff_client.get(url).content.decode()
    response = staff_client.post(url, submitted_form(page, change_note="Undo."), follow=True)

    assert "Left out, as deleted since: topic “Muscle cramps”." in messages_of(response)[0]
    assert list(article.topics.all()) == [sleep]
    all_rows_point_somewhere()


def test_recovering_a_grade_of_a_deleted_form_asks_to_recover_the_form_first(staff_client):
    with reversion.create_revision():
        taurate = with_sources(MagnesiumCompoundFactory(name="Magnesium taurate"))
        EvidenceCellFactory(compound=taurate, outcome=OutcomeFactory(name="Sleep"))
    taurate.delete()
    version = Version.objects.get_deleted(EvidenceCell).get()
    url = reverse("admin:evidence_evidencecell_recover", args=[version.pk])

    revisions = list(Revision.objects.values_list("pk", "version__pk").order_by("pk", "version"))
    for response in (staff_client.get(url), staff_client.post(url, {"minor_change": "on"})):
        assert response.status_code == 302
        assert response.url == reverse("admin:evidence_evidencecell_recoverlist")
    said = messages_of(staff_client.get(response.url))
    assert (
        "This version cannot be recovered: it needs form of magnesium “Magnesium taurate”"
        in (said[-1])
    )
    assert not EvidenceCell.objects.exists()
    # Nor was the version's revision cut down to it, as a restore that goes through is.
    assert list(Revision.objects.values_list("pk", "version__pk").order_by("pk", "version")) == (
        revisions
    )
    all_rows_point_somewhere()


def test_restoring_an_outcome_whose_topic_was_deleted_leaves_the_topic_empty(staff_client):
    """Its topic is emptied when the topic is deleted; a restore may leave it empty too."""
    with reversion.create_revision():
        sleep = TopicFactory(name="Sleep")
        outcome = OutcomeFactory(name="Sleep quality", topic=sleep, description="Old words.")
    outcome.description = "New words."
    outcome.save()
    sleep.delete()
    url = admin_url(outcome, "revision", Version.objects.get_for_object(outcome).get().pk)
    page = staff_client.get(url).content.decode()
    response = staff_client.post(url, submitted_form(page, change_note="Undo."), follow=True)

    assert "Left out, as deleted since: topic “Sleep”." in messages_of(response)[0]
    outcome.refresh_from_db()
    assert (outcome.description, outcome.topic) == ("Old words.", None)
    all_rows_point_somewhere()


def test_recovering_a_deleted_topic_files_its_articles_and_forms_under_it_again(
    staff_client, client
):
    """It came back empty: "No articles on this topic yet", its main article unset and the
    forms taken for it no longer listed under it."""
    with reversion.create_revision():
        cramps = TopicFactory(name="Muscle cramps", slug="muscle-cramps")
        lead = ArticleFactory(title="Cramps at night")
        lead.topics.set([cramps])
        lead.main_for.set([cramps])
        other = ArticleFactory(title="Magnesium and cramps in pregnancy")
        other.topics.set([cramps])
        later = ArticleFactory(title="Saved again since")
        later.topics.set([cramps])
        malate = with_sources(MagnesiumCompoundFactory(name="Magnesium malate"))
        malate.uses.set([cramps])
    delete = reverse("admin:articles_topic_delete", args=[cramps.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 302
    with reversion.create_revision():  # an editor's save after the deletion stands
        later.summary = "Filed under nothing now."
        later.save()

    version = Version.objects.get_deleted(type(cramps)).get()
    recover = reverse("admin:articles_topic_recover", args=[version.pk])
    data = submitted_form(staff_client.get(recover).content.decode(), minor_change="on")
    response = staff_client.post(recover, data, follow=True)

    [said] = messages_of(response)
    assert "Linked to it again, as their last versions had it: 2 articles (topics);" in said
    assert "1 article (main article on)" in said
    cramps.refresh_from_db()
    assert set(cramps.articles.all()) == {lead, other}
    assert list(cramps.main_articles.all()) == [lead]
    assert list(malate.uses.all()) == [cramps]
    assert "Cramps at night" in client.get("/topics/muscle-cramps/").content.decode()
    assert malate.get_absolute_url() in client.get("/forms/?use=muscle-cramps").content.decode()


def test_deleting_a_topic_names_the_outcome_that_loses_its_link_to_it(staff_client):
    """Django's page lists what a deletion takes with it; an outcome stays, its topic
    emptied, so it was not named at all."""
    sleep = TopicFactory(name="Sleep")
    OutcomeFactory(name="Sleep quality", topic=sleep)
    OutcomeFactory(name="Migraine", topic=TopicFactory(name="Migraine"))

    page = staff_client.get(admin_url(sleep, "delete")).content.decode()

    listed = page.split('id="losing-link"')[1].split("</ul>")[0]
    assert "Outcome “Sleep quality”" in listed and "Migraine" not in listed
    bulk = staff_client.post(
        reverse("admin:articles_topic_changelist"),
        {"action": "delete_selected", "_selected_action": [sleep.pk]},
    ).content.decode()
    assert "Outcome “Sleep quality”" in bulk.split('id="losing-link"')[1]


def test_recovering_a_deleted_topic_links_its_outcome_to_it_again(staff_client, client):
    """The outcome's topic was emptied by the deletion and stayed empty after a Recover:
    the topic hub and the outcome's page no longer linked each other."""
    with reversion.create_revision():
        sleep = TopicFactory(name="Sleep", slug="sleep")
        ArticleFactory(title="Magnesium and sleep").topics.set([sleep])
        outcome = OutcomeFactory(name="Sleep quality", slug="sleep-quality", topic=sleep)
        EvidenceCellFactory(outcome=outcome)
        chosen = OutcomeFactory(name="Restless legs", slug="restless-legs", topic=sleep)
    assert staff_client.post(admin_url(sleep, "delete"), {"post": "yes"}).status_code == 302
    outcome.refresh_from_db()
    assert outcome.topic is None
    # An editor links the other outcome elsewhere meanwhile: the Recover leaves it there.
    legs = TopicFactory(name="Restless legs", slug="restless-legs")
    chosen.refresh_from_db()
    chosen.topic = legs
    chosen.save()

    version = Version.objects.get_deleted(type(sleep)).get()
    recover = reverse("admin:articles_topic_recover", args=[version.pk])
    data = submitted_form(staff_client.get(recover).content.decode(), minor_change="on")
    response = staff_client.post(recover, data, follow=True)

    [said] = messages_of(response)
    assert "1 outcome (topic): “Sleep quality”" in said
    assert "Restless legs" not in said
    outcome.refresh_from_db()
    chosen.refresh_from_db()
    assert (outcome.topic.slug, chosen.topic) == ("sleep", legs)
    assert 'href="/topics/sleep/"' in client.get("/evidence/sleep-quality/").content.decode()
    assert 'href="/evidence/sleep-quality/"' in client.get("/topics/sleep/").content.decode()
