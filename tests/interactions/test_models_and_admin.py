"""A medicine's rule: it cannot be saved without a source (model check, admin, loader), its
hours fit its kind of rule, and saving one makes cached pages stale."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from articles.models import ContentVersion
from interactions.models import Medicine, MedicineAlias
from tests.factories import ReferenceFactory
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db


def add_form_data(**overrides) -> dict:
    data = {
        "name": "Testacycline",
        "slug": "testacycline",
        "drug_class": "Antibiotic",
        "position": "0",
        "rule": "space",
        "before_hours": "2",
        "after_hours": "6",
        "summary": "Take it 2 hours before or 6 hours after magnesium.",
        "why": "Magnesium binds it.",
        "severity": "major",
        "references": [],
        "status": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "09:00:00",
        "reviewer": "",
        "last_reviewed": "",
        "next_review_due": "",
        "edit_token_seen": "",
        "aliases-TOTAL_FORMS": "2",
        "aliases-INITIAL_FORMS": "0",
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
        "aliases-0-name": "Testamycin",
        "aliases-1-name": "",
    }
    data.update(overrides)
    return data


def test_a_rule_without_references_is_an_error():
    medicine = Medicine(name="X", slug="x", summary="Keep apart.", rule="space")
    with pytest.raises(ValidationError) as error:
        medicine.check_references([])
    assert "references" in error.value.message_dict
    medicine.check_references([ReferenceFactory()])


def test_admin_refuses_a_new_rule_without_a_source_and_says_why(staff_client):
    response = staff_client.post(reverse("admin:interactions_medicine_add"), add_form_data())
    assert response.status_code == 200
    assert "A rule without a source cannot be saved" in response.content.decode()
    assert not Medicine.objects.exists()
    assert not MedicineAlias.objects.exists()


def test_admin_saves_a_new_rule_with_its_source_and_aliases_in_one_go(staff_client):
    reference = ReferenceFactory()
    response = staff_client.post(
        reverse("admin:interactions_medicine_add"), add_form_data(references=[reference.pk])
    )
    assert response.status_code == 302
    medicine = Medicine.objects.get(slug="testacycline")
    assert list(medicine.references.all()) == [reference]
    assert [a.name for a in medicine.aliases.all()] == ["Testamycin"]


def test_admin_refuses_removing_the_last_source_of_a_rule(staff_client):
    medicine = MedicineFactory()
    url = reverse("admin:interactions_medicine_change", args=[medicine.pk])
    data = add_form_data(
        name=medicine.name,
        slug=medicine.slug,
        edit_token_seen=str(medicine.edit_token),
        **{"aliases-TOTAL_FORMS": "0"},
    )
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "A rule without a source cannot be saved" in response.content.decode()
    assert medicine.references.count() == 1


def test_admin_refuses_an_alias_another_medicine_already_has(staff_client):
    MedicineFactory(aliases=["Testamycin"])
    response = staff_client.post(
        reverse("admin:interactions_medicine_add"),
        add_form_data(references=[ReferenceFactory().pk], **{"aliases-0-name": "TESTAMYCIN "}),
    )
    assert response.status_code == 200
    assert "TESTAMYCIN&#x27; is already a name of Medicine " in response.content.decode()
    assert not Medicine.objects.filter(slug="testacycline").exists()


def test_admin_refuses_the_same_alias_twice_in_one_save(staff_client):
    response = staff_client.post(
        reverse("admin:interactions_medicine_add"),
        add_form_data(
            references=[ReferenceFactory().pk],
            **{"aliases-0-name": "Testamycin", "aliases-1-name": "testamycín"},
        ),
    )
    assert response.status_code == 200
    assert "is listed twice" in response.content.decode()


def test_the_missing_sources_filter_lists_only_rules_citing_nothing(staff_client):
    medicine = MedicineFactory(name="Unsourcedamycin")
    medicine.references.all().delete()  # a reference deleted elsewhere
    MedicineFactory(name="Sourcedamycin")
    changelist = reverse("admin:interactions_medicine_changelist")
    assert staff_client.get(reverse("admin:interactions_medicine_add")).status_code == 200
    html = staff_client.get(changelist + "?references=missing").content.decode()
    assert "Unsourcedamycin" in html
    assert "Sourcedamycin" not in html.replace("Unsourcedamycin", "")


def test_a_keep_apart_rule_needs_both_gaps_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Medicine.objects.create(name="A", slug="a", rule="space", summary="s", before_hours=2)


def test_a_monitor_rule_takes_no_hours_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Medicine.objects.create(
            name="A", slug="a", rule="monitor", summary="s", before_hours=0, after_hours=0
        )


def test_gaps_longer_than_a_day_are_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        Medicine.objects.create(
            name="A", slug="a", rule="space", summary="s", before_hours=25, after_hours=2
        )


def test_a_keep_apart_rule_with_no_gap_either_way_is_refused_beside_the_hours(staff_client):
    """Saved, it read "Keep apart … the rule sets no gap" for a major interaction, and the
    calculator planned "no gap needed"."""
    data = add_form_data(before_hours="0", after_hours="0", references=[ReferenceFactory().pk])
    response = staff_client.post(reverse("admin:interactions_medicine_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "needs a gap of at least 1 hour" in errors["before_hours"][0]
    assert not Medicine.objects.exists()
    one_way = add_form_data(before_hours="0", after_hours="2", references=[ReferenceFactory().pk])
    assert staff_client.post(reverse("admin:interactions_medicine_add"), one_way).status_code == 302


def test_saving_a_medicine_makes_cached_pages_stale():
    before = ContentVersion.current()
    MedicineFactory()
    assert ContentVersion.current() > before


def test_admin_edits_a_published_rule_and_readers_see_the_change(staff_client, client):
    medicine = MedicineFactory(name="Gabapentin", slug="gabapentin", aliases=["Neurontin"])
    url = reverse("admin:interactions_medicine_change", args=[medicine.pk])
    assert staff_client.get(url).status_code == 200
    alias = medicine.aliases.get()
    data = add_form_data(
        name="Gabapentin",
        slug="gabapentin",
        summary="Take gabapentin at least 2 hours after magnesium.",
        references=[medicine.references.get().pk],
        edit_token_seen=str(medicine.edit_token),
        **{
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "1",
            "aliases-0-id": str(alias.pk),
            "aliases-0-medicine": str(medicine.pk),
            "aliases-0-name": "Neurontin",
        },
    )
    refused = staff_client.post(url, data)
    assert refused.status_code == 200
    assert "Write a short change note for readers" in refused.content.decode()
    response = staff_client.post(url, {**data, "change_note": "Said which way round the gap goes."})
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/interactions/?medicine=NEURONTIN").content.decode()
    assert "Take gabapentin at least 2 hours after magnesium." in html
    changes = client.get("/interactions/gabapentin/changes/")
    assert "Said which way round the gap goes." in changes.content.decode()
    assert (
        "/interactions/gabapentin/changes/"
        in client.get("/interactions/gabapentin/").content.decode()
    )


@pytest.mark.parametrize("name", ["Cipro", "  cípro ", "CIPROFLOXACIN", "quinolone  antibiotics"])
def test_a_medicine_is_found_in_the_database_by_its_name_or_any_alias(name):
    medicine = MedicineFactory(name="Quinolone antibiotics", aliases=["Cipro", "ciprofloxacin"])
    MedicineFactory(name="Other", aliases=["Otherol"])
    assert list(Medicine.objects.named(name)) == [medicine]
    assert not Medicine.objects.named("cipr").exists()


def test_a_new_medicine_is_offered_the_next_number_after_the_last(staff_client):
    MedicineFactory(position=20)
    MedicineFactory(position=130)
    html = staff_client.get(reverse("admin:interactions_medicine_add")).content.decode()
    assert 'name="position" value="140"' in html


def test_the_change_form_shows_the_sentence_readers_read_under_the_picture(staff_client):
    """An editor who typed 2 hours before and 4 after saw the public page say "4 hours before
    the dose to 2 hours after it" (correct, the gaps being around magnesium) and had nothing
    in the admin to check it against."""
    medicine = MedicineFactory(name="Zentraxolone", before_hours=2, after_hours=4)
    url = reverse("admin:interactions_medicine_change", args=[medicine.pk])
    html = staff_client.get(url).content.decode()
    assert "As readers read it (as last saved)" in html
    assert (
        "If you take zentraxolone once a day, at 08:00, keep magnesium away from just after 04:00"
        in html
    )
    monitor = MedicineFactory(rule="monitor", before_hours=None, after_hours=None)
    html = staff_client.get(
        reverse("admin:interactions_medicine_change", args=[monitor.pk])
    ).content.decode()
    assert "No picture of the day: only a rule to keep apart has one." in html


def test_the_only_source_of_a_published_rule_cannot_be_deleted(editor_client):
    """Deleting it took the rule off the site without a word (`public()` needs a source)."""
    sole, shared = ReferenceFactory(key="sole-2020"), ReferenceFactory(key="shared-2020")
    medicine = MedicineFactory(name="Gabapentin", references=[sole])
    MedicineFactory(references=[shared, ReferenceFactory()])
    MedicineFactory(status="draft", published_at=None, references=[shared])

    def delete_page(reference) -> str:
        url = reverse("admin:articles_reference_delete", args=[reference.pk])
        return editor_client.get(url).content.decode()

    medicine_admin = reverse("admin:interactions_medicine_change", args=[medicine.pk])
    assert f'is the only source of <a href="{medicine_admin}">Medicine “Gabapentin”</a>' in (
        delete_page(sole)
    )
    assert "Are you sure you want to delete" in delete_page(shared)
