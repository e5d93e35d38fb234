"""The calculator reads the rows of every intake table together: a second table may not give
ages the first already gives, a table it cannot do without is kept from deletion, and a
table's labels read as written mid-sentence."""

import html
import textwrap
import threading
from decimal import Decimal

import pytest
from django import db
from django.db import connection
from django.db.models.signals import pre_delete
from django.test import Client
from django.urls import reverse

from articles.loader import StarterContentError, StarterLoader
from comparisons import loader as comparisons_loader
from comparisons.models import IntakeTable, RecommendedIntake, UpperIntakeLimit
from tests.comparisons.calculator_helpers import ADULT_WOMAN, calculate, visible_text
from tests.factories import (
    IntakeTableFactory,
    RecommendedIntakeFactory,
    ReferenceFactory,
    StaffFactory,
    UpperIntakeLimitFactory,
)

pytestmark = pytest.mark.django_db

MAIN = "Dietary Reference Intakes for magnesium"


def add_table_data(recommended: list[dict], upper_limits: list[dict]) -> dict:
    """The admin's add form for a table titled "UK (draft)", with these rows."""
    data = {
        "title": "UK (draft)",
        "slug": "uk-draft",
        "refs": [str(ReferenceFactory().pk)],
        "edit_token_seen": "",
    }
    for prefix, rows in [("recommended", recommended), ("upper_limits", upper_limits)]:
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, row in enumerate(rows):
            data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    return data


UK_RECOMMENDED = {
    "age_group": "uk-all-ages",
    "label": "UK all ages",
    "min_age_years": "0",
    "max_age_years": "",
    "male_mg": "300",
    "female_mg": "270",
}
UK_LIMIT = {
    "age_group": "uk-limit-all-ages",
    "label": "UK all ages",
    "min_age_years": "0",
    "max_age_years": "",
    "ul_mg": "400",
}


def test_a_second_tables_rows_over_ages_the_first_gives_are_refused_beside_each(
    editor_client, calculator_site
):
    """Saved, "UK all ages" was listed among the first table's groups, and a woman of 31 to
    50 taking 600 mg of magnesium oxide was told she was within a limit of 400 mg."""
    add = reverse("admin:comparisons_intaketable_add")
    response = editor_client.post(add, add_table_data([UK_RECOMMENDED], [UK_LIMIT]))
    assert response.status_code == 200
    recommended, limits = (
        inline.formset.forms[0] for inline in response.context["inline_admin_formsets"]
    )
    [said] = recommended.non_field_errors()
    assert said.startswith(
        "These ages overlap the row “Birth to 6 months” (from age 0 up to 0.5) of the intake "
        f"table “{MAIN}”."
    )
    [said] = limits.non_field_errors()
    assert "overlap the row “Birth to 12 months” (from age 0 up to 1)" in said
    assert f"Change the ages here, or that row in “{MAIN}”." in said
    assert not IntakeTable.objects.filter(slug="uk-draft").exists()
    assert not RecommendedIntake.objects.filter(label="UK all ages").exists()
    assert not UpperIntakeLimit.objects.filter(label="UK all ages").exists()
    text = visible_text(
        calculate(editor_client, form="magnesium-glycinate", elemental_mg="360", **ADULT_WOMAN)
    )
    assert "360 mg a day is more than 350 mg" in text


def test_a_second_table_may_hold_the_kind_of_row_the_first_lacks(editor_client, intake_tables):
    intake_tables.upper_limits.all().delete()
    add = reverse("admin:comparisons_intaketable_add")
    refused = editor_client.post(add, add_table_data([UK_RECOMMENDED], [UK_LIMIT]))
    assert "These ages overlap the row “Birth to 6 months”" in refused.content.decode()
    assert not IntakeTable.objects.filter(slug="uk-draft").exists()

    response = editor_client.post(add, add_table_data([], [UK_LIMIT]))
    assert response.status_code == 302
    assert UpperIntakeLimit.objects.get().table.title == "UK (draft)"


STARTER = """
source_keys = ["fnb-1997"]

[[ul]]
age_group = "9-plus-years"
label = "9 years and older"
min_age_years = 9.0
max_age_years = -1.0
ul_mg = 350
"""


def test_the_starter_loader_refuses_a_row_another_table_gives_and_writes_nothing(tmp_path):
    ReferenceFactory(key="fnb-1997")
    UpperIntakeLimitFactory(
        table=IntakeTableFactory(title="UK (draft)"),
        label="UK all ages",
        min_age_years=Decimal(0),
        ul_mg=400,
    )
    path = tmp_path / "intake.toml"
    path.write_text(textwrap.dedent(STARTER), encoding="utf-8")
    with pytest.raises(StarterContentError) as refused:
        comparisons_loader.load_intake(StarterLoader(), path)
    assert str(refused.value).startswith(
        "intake.toml: The upper intake limit “9 years and older” (from age 9 on): These ages "
        "overlap the row “UK all ages” (from age 0 on) of the intake table “UK (draft)”."
    )
    assert list(IntakeTable.objects.values_list("title", flat=True)) == ["UK (draft)"]
    assert UpperIntakeLimit.objects.get().ul_mg == 400


def delete_url(table: IntakeTable) -> str:
    return reverse("admin:comparisons_intaketable_delete", args=[table.pk])


def delete_selected(client, tables: list[IntakeTable]):
    data = {
        "action": "delete_selected",
        "_selected_action": [table.pk for table in tables],
        "post": "yes",
    }
    return client.post(reverse("admin:comparisons_intaketable_changelist"), data)


def test_the_only_intake_table_is_kept_and_its_delete_page_says_why(editor_client, calculator_site):
    table = IntakeTable.objects.get()
    page = html.unescape(editor_client.get(delete_url(table)).content.decode())
    assert "This intake table stays: the calculator compares every reader's dose" in page
    assert "edit the table's rows instead" in page
    assert f"{MAIN}</a> is the calculator's only intake table" in page
    assert "protected related objects" not in page
    assert 'name="post"' not in page  # no button to confirm

    response = editor_client.post(delete_url(table), {"post": "yes"})
    assert "This intake table stays" in response.content.decode()
    assert IntakeTable.objects.filter(pk=table.pk).exists()
    assert RecommendedIntake.objects.count() == 9 and UpperIntakeLimit.objects.count() == 4
    editor_client.logout()
    text = visible_text(
        calculate(editor_client, form="magnesium-glycinate", elemental_mg="400", **ADULT_WOMAN)
    )
    assert "400 mg a day is more than 350 mg" in text


def test_the_only_tables_page_says_it_cannot_be_deleted_and_to_edit_its_rows(
    editor_client, intake_tables
):
    change = reverse("admin:comparisons_intaketable_change", args=[intake_tables.pk])
    page = html.unescape(editor_client.get(change).content.decode())
    assert "This table cannot be deleted:</strong> it is the calculator's only intake table" in (
        page
    )
    assert "To change its figures, edit its rows below." in page


def test_the_lists_delete_action_cannot_delete_every_intake_table(editor_client, intake_tables):
    draft = IntakeTableFactory(title="UK (draft)")
    page = html.unescape(delete_selected(editor_client, [intake_tables, draft]).content.decode())
    assert "The selected intake tables cannot be deleted" in page
    assert (
        "is selected along with every other intake table: the calculator would have none left"
        in (page)
    )
    assert IntakeTable.objects.count() == 2


def test_a_table_goes_only_while_another_holds_each_kind_of_figure_it_holds(editor_client):
    """Two tables, one with the recommended intakes and one with the upper limits: either
    deleted, the calculator lost its figures of that kind. An empty third may go."""
    recommended = RecommendedIntakeFactory(min_age_years=0, max_age_years=None).table
    limits = UpperIntakeLimitFactory(min_age_years=0).table
    empty = IntakeTableFactory(title="UK (draft)")
    for table, kind in [(recommended, "recommended intakes"), (limits, "upper limits")]:
        response = editor_client.post(delete_url(table), {"post": "yes"})
        assert f"holds the calculator's only {kind}" in html.unescape(response.content.decode())
    page = html.unescape(delete_selected(editor_client, [limits, empty]).content.decode())
    assert f"{limits}</a> holds the calculator's only upper limits" in page
    assert "UK (draft)</a>" not in page
    assert IntakeTable.objects.count() == 3

    assert editor_client.post(delete_url(empty), {"post": "yes"}).status_code == 302
    assert set(IntakeTable.objects.all()) == {recommended, limits}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks")
@pytest.mark.django_db(transaction=True)
def test_two_editors_deleting_the_last_two_tables_at_once_leave_one(staff_client):
    """A second editor deletes the other table while the first one's deletion, checked
    already, is still being written: theirs waits for it, is then checked against what is
    left, and keeps its table, rather than both passing the check and leaving none."""
    first, second = (UpperIntakeLimitFactory(min_age_years=0).table for _ in range(2))
    other = Client()
    other.force_login(StaffFactory(username="editor2"))
    answers, threads, main = [], [], threading.current_thread()

    def their_delete() -> None:
        try:
            answers.append(other.post(delete_url(second), {"post": "yes"}))
        finally:
            db.connection.close()

    def between_check_and_delete(sender, instance, **kwargs):
        if instance.pk == first.pk and threading.current_thread() is main:
            deleting = threading.Thread(target=their_delete)
            deleting.start()
            deleting.join(timeout=3)  # done at once unless the first deletion holds the tables
            threads.append(deleting)

    pre_delete.connect(between_check_and_delete, sender=IntakeTable, dispatch_uid="between")
    try:
        assert staff_client.post(delete_url(first), {"post": "yes"}).status_code == 302
    finally:
        pre_delete.disconnect(sender=IntakeTable, dispatch_uid="between")
        for thread in threads:
            thread.join()
    [answer] = answers
    assert "is the calculator's only intake table" in html.unescape(answer.content.decode())
    assert list(IntakeTable.objects.all()) == [second]


def test_a_label_starting_with_an_acronym_keeps_its_capitals_mid_sentence(client, calculator_site):
    """Only the first letter of a label is lowered mid-sentence, and not an acronym's."""
    RecommendedIntake.objects.filter(age_group="31-50-years").update(label="UK adults")
    within = visible_text(
        calculate(client, form="magnesium-glycinate", elemental_mg="300", **ADULT_WOMAN)
    )
    assert "of the RDA for your group (female, UK adults: 320 mg a day)" in within
    assert (
        "Within the upper limit of 350 mg a day from supplements and medicines for your "
        "age group (UK adults)" in within
    )
    above = visible_text(
        calculate(client, form="magnesium-glycinate", elemental_mg="400", **ADULT_WOMAN)
    )
    assert "advised for your age group (UK adults)" in above
    assert "uK adults" not in within + above and "uk adults" not in within + above
    baby = visible_text(
        calculate(client, form="magnesium-glycinate", elemental_mg="70", age="0-6-months")
    )
    assert "has been set for this age group (birth to 6 months)" in baby
    assert "the most advised for a child of 1 to 3 years" in baby
