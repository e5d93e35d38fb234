"""Bad input an editor can type or import is refused with a message on its box, and nothing
is saved: a review date in the future or in an impossible year, a next review before the last
one, and hidden control or text-direction characters in a text readers see."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Reference
from interactions.models import Medicine
from tests.evidence.factories import EvidenceCellFactory, OutcomeFactory
from tests.factories import (
    ArticleFactory,
    ComparisonFactory,
    CompoundSaltFactory,
    FoodFactory,
    IntakeTableFactory,
    MagnesiumCompoundFactory,
    ReferenceFactory,
)
from tests.helpers import change_form_data, change_url, submitted_form
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 6, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def errors_of(response, field: str) -> list[str]:
    return response.context["adminform"].form.errors.get(field, [])


def test_a_last_reviewed_date_in_the_future_is_refused(editor_client):
    """Readers saw "Last reviewed 1 Jan 2030"."""
    article = ArticleFactory(last_reviewed=dt.date(2026, 11, 1))
    data = change_form_data(article, last_reviewed="2030-01-01")
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert errors_of(response, "last_reviewed") == [
        "A review cannot be dated in the future: today is 6 Dec 2026."
    ]
    article.refresh_from_db()
    assert article.last_reviewed == dt.date(2026, 11, 1)
    today = change_form_data(article, last_reviewed="2026-12-06")
    assert editor_client.post(change_url(article), today).status_code == 302


def test_a_next_review_before_the_last_one_is_refused(editor_client):
    article = ArticleFactory()
    data = change_form_data(article, last_reviewed="2026-11-10", next_review_due="2026-05-01")
    response = editor_client.post(change_url(article), data)
    assert errors_of(response, "next_review_due") == [
        "The next review must come after the last one (10 Nov 2026)."
    ]
    article.refresh_from_db()
    assert article.next_review_due is None


# Named in words, with where it comes from: "(U+00AD)" meant nothing to an editor.
SOFT_HYPHEN = "an invisible soft hyphen, usually from a pasted document"


@pytest.mark.parametrize(
    ("field", "typed", "named"),
    [
        ("title", "Magnesium\u0007 for sleep", "a control character"),
        ("title", "Magnesium \u202efor sleep", "a text-direction character"),
        ("summary", "Which form \u2066helps\u2069 sleep?", "a text-direction character"),
        ("author", "Editorial\u0085 team", "a control character"),
        ("title", "Magnesium for\u200bsleep", "an invisible space"),
        ("summary", "Which form\ufeff helps sleep?", "an invisible space"),
        # Pasted from Word and PDFs.
        ("title", "Magnesium for slee\u00adping", SOFT_HYPHEN),
        ("title", "Magnesium for\u2028sleep", "a line or paragraph separator"),
        ("body", "Magnesium for sleep.\u2029Next paragraph.", "a line or paragraph separator"),
        # The marks of right-to-left text: a right-to-left, left-to-right, Arabic letter mark.
        ("title", "Magnesium for sleep\u200f", "a text-direction character"),
        ("summary", "Which form \u200ehelps sleep?", "a text-direction character"),
        ("author", "Editorial\u061c team", "a text-direction character"),
    ],
)
def test_hidden_characters_in_a_text_readers_see_are_refused(editor_client, field, typed, named):
    article = ArticleFactory(title="Magnesium for sleep", summary="Old.", author="Team", body="B")
    response = editor_client.post(change_url(article), change_form_data(article, **{field: typed}))
    [error] = errors_of(response, field)
    assert error.startswith(f"This text holds {named}")
    assert ": readers would not see it, but it can garble the page" in error
    assert "U+" not in error
    assert "after “Magnesium" in error or "after “Which form" in error or "Editorial" in error
    assert not any(hidden in error for hidden in typed if not hidden.isprintable())
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.summary, stored.author, stored.body) == (
        "Magnesium for sleep",
        "Old.",
        "Team",
        "B",
    )
    # The editor's text stays in the box, to find the character and delete it.
    assert typed in submitted_form(response.content.decode())[field][0]


@pytest.mark.parametrize(
    ("field", "typed", "quoted"),
    [
        ("summary", "Which form <b>helps</b> sleep?", "<b>"),
        (
            "title",
            'See <a href="https://example.org/">the trial</a>',
            '<a href="https://example.org/">',
        ),
        ("author", "Editorial team<br>", "<br>"),
    ],
)
def test_html_tags_in_a_plain_text_box_are_refused(editor_client, field, typed, quoted):
    """The page escapes them: readers would read "<b>helps</b>" as typed."""
    article = ArticleFactory(title="Magnesium for sleep", summary="Old.", author="Team")
    response = editor_client.post(change_url(article), change_form_data(article, **{field: typed}))
    [error] = errors_of(response, field)
    assert error == (
        f"This box is plain text: readers would see “{quoted}” exactly as typed, not as "
        "formatting or a link. Delete the tag; formatting and links go in the page's text, "
        "which takes Markdown."
    )
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.summary, stored.author) == ("Magnesium for sleep", "Old.", "Team")


@pytest.mark.parametrize(
    "typed", ['=HYPERLINK("https://evil.example","x")', "-2+3+cmd|x", "@SUM(1)"]
)
def test_a_plain_text_starting_like_a_spreadsheet_formula_is_refused(editor_client, typed):
    """The CSV exports carry these texts, and a spreadsheet opening one runs it."""
    article = ArticleFactory(title="Magnesium for sleep", summary="Old.")
    response = editor_client.post(change_url(article), change_form_data(article, summary=typed))
    [error] = errors_of(response, "summary")
    assert error.startswith(f"This box starts with “{typed[0]}”, which a spreadsheet reads")
    assert Article.objects.get(pk=article.pk).summary == "Old."
    # Inside the text it is ordinary punctuation, and the Markdown body may start a list.
    data = change_form_data(article, summary="Dose = 1 + 2 mg, or -5 @ noon.", body="- A list")
    assert editor_client.post(change_url(article), data).status_code == 302


def test_angle_brackets_that_are_not_tags_and_markdown_text_are_kept(editor_client):
    article = ArticleFactory()
    data = change_form_data(
        article,
        summary="Ask first if your eGFR is <30 mL/min, or Mg <LLN, or if 1 < 2 > 0.",
        body="Text with <abbr>HTML</abbr> in the Markdown.",
    )
    assert editor_client.post(change_url(article), data).status_code == 302


def test_line_breaks_and_tabs_in_a_longer_text_are_kept(editor_client):
    article = ArticleFactory()
    data = change_form_data(article, body="First line.\n\n\tIndented code.\nLast line.")
    assert editor_client.post(change_url(article), data).status_code == 302


def test_the_model_refuses_them_wherever_the_record_comes_from():
    """An import or another form runs the model's checks: a reference, a medicine."""
    reference = ReferenceFactory.build(key="odd-2020", title="Magnesium \u202eand sleep")
    with pytest.raises(ValidationError) as refused:
        reference.full_clean()
    assert set(refused.value.message_dict) == {"title"}
    assert not Reference.objects.filter(key="odd-2020").exists()

    reference = ReferenceFactory.build(key="tagged-2021", title="Magnesium and <i>sleep</i>")
    with pytest.raises(ValidationError) as refused:
        reference.full_clean()
    assert refused.value.message_dict["title"][0].startswith("This box is plain text")

    medicine = MedicineFactory()
    medicine.last_reviewed = dt.date(2027, 1, 1)
    medicine.name = "Gaba\u0007pentin"
    with pytest.raises(ValidationError) as refused:
        medicine.full_clean()
    assert {"name", "last_reviewed"} <= set(refused.value.message_dict)
    assert Medicine.objects.get(pk=medicine.pk).name != medicine.name


def test_a_change_note_with_hidden_characters_is_refused(editor_client):
    article = ArticleFactory(body="Old text.")
    data = change_form_data(
        article, body="New text.", minor_change="", change_note="Fixed\u202e a typo."
    )
    response = editor_client.post(change_url(article), data)
    [error] = errors_of(response, "change_note")
    assert "a text-direction character" in error
    article.refresh_from_db()
    assert article.body == "Old text."


def test_a_future_last_review_is_the_one_error_whatever_the_next_review(editor_client):
    article = ArticleFactory()
    data = change_form_data(article, last_reviewed="2030-01-01", next_review_due="2027-01-01")
    response = editor_client.post(change_url(article), data)
    assert errors_of(response, "last_reviewed")
    assert not errors_of(response, "next_review_due")


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("pmid", "PMC1234567", "A PMID is digits only, such as 34111673. “PMC…” is a PubMed"),
        ("pmid", "12ab", "A PMID is digits only, such as 34111673."),
        ("year", "3000", "Give the year the source was published, between 1800 and 2100."),
        ("year", "-5", "Give the year the source was published, between 1800 and 2100."),
        ("doi", "not a doi", "A DOI starts with “10.” and holds a slash"),
        ("doi", "https://doi.org/10.3390/nu10060730", "A DOI starts with “10.”"),
    ],
)
def test_a_reference_with_a_bad_pmid_or_year_is_refused_beside_its_box(
    editor_client, field, typed, message
):
    """The database constraint's own words ("Constraint “reference_pmid_digits” is
    violated.") were shown above the form, for the whole page."""
    reference = ReferenceFactory(key="kept-2020", pmid="111", year=2020, doi="10.1000/kept")
    url = reverse("admin:articles_reference_change", args=[reference.pk])
    data = submitted_form(editor_client.get(url).content.decode(), **{field: typed})
    response = editor_client.post(url, data)
    [error] = errors_of(response, field)
    assert error.startswith(message)
    assert "Constraint" not in response.content.decode()
    reference.refresh_from_db()
    assert (reference.pmid, reference.year, reference.doi) == ("111", 2020, "10.1000/kept")


def test_a_text_longer_than_its_box_takes_is_refused_whole_not_cut_by_the_browser(editor_client):
    """The box's maxlength cut a pasted 5,000-character title to 400 without a word."""
    reference = ReferenceFactory()
    url = reverse("admin:articles_reference_change", args=[reference.pk])
    page = editor_client.get(url).content.decode()
    [box] = re.findall(r'<textarea[^>]*id="id_title"[^>]*>', page)
    assert "maxlength" not in box
    long_title = "A very long title " * 300
    response = editor_client.post(url, submitted_form(page, title=long_title))
    [error] = errors_of(response, "title")
    assert error == "Shorten the title to 400 characters (it has 5399)."
    assert long_title.strip() in response.content.decode()  # kept in the box


@pytest.mark.parametrize("year", ["9999", "1900"])
def test_a_publication_date_in_an_impossible_year_is_refused(editor_client, year):
    """9999-12-31 was saved, and the article list's date links then answered 500."""
    article = ArticleFactory(published_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    data = change_form_data(article, published_at_0=f"{year}-12-31", published_at_1="23:59:00")
    [error] = errors_of(editor_client.post(change_url(article), data), "published_at")
    assert error == f"{year} cannot be right: give a date between 2000 and 2100."
    article.refresh_from_db()
    assert article.published_at.year == 2026


@pytest.mark.parametrize(
    "body, refusal",
    [
        ("Copied from a log: " + "[x " * 3000, "This text has 3,000 “[” that are never closed"),
        ("Pasted from a spreadsheet: " + "[x](" * 3000, "This text has 3,000 links whose address"),
    ],
)
def test_a_body_of_brackets_or_link_addresses_that_never_close_is_refused_and_kept(
    editor_client, body, refusal
):
    article = ArticleFactory(body="Old body.")
    response = editor_client.post(change_url(article), change_form_data(article, body=body))
    [error] = errors_of(response, "body")
    assert error.startswith(refusal)
    assert response.context["adminform"].form["body"].value() == body
    article.refresh_from_db()
    assert article.body == "Old body."


def form_with_a_salt():
    return CompoundSaltFactory().compound


@pytest.mark.parametrize(
    ("make", "field", "value"),
    [
        (EvidenceCellFactory, "outcome", "abc"),  # a ForeignKey
        (EvidenceCellFactory, "outcome", "99999999999999999999"),  # too large for the column
        (EvidenceCellFactory, "compound", "abc"),
        (EvidenceCellFactory, "references", "abc"),  # a ManyToManyField
        (EvidenceCellFactory, "references", "99999999999999999999"),
        (ArticleFactory, "topics", "99999999999999999999"),  # a box of two lists, not a search
        (MedicineFactory, "references", "abc"),
        (OutcomeFactory, "topic", "abc"),
        (FoodFactory, "refs", "abc"),
        (IntakeTableFactory, "refs", "abc"),
        (form_with_a_salt, "salts-0-refs", "abc"),  # a row of a page
    ],
)
def test_a_box_of_related_records_posted_something_that_is_not_one_is_refused(
    editor_client, make, field, value
):
    """An autocomplete box sent "abc" (a hand-edited or broken form) was a server error,
    raised while the refused form was drawn again; a number too large for the column was
    one too, raised while a box of many records was checked."""
    record = make()
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    data = submitted_form(editor_client.get(url).content.decode(), **{field: value})
    response = editor_client.post(url, data)
    assert response.status_code == 200
    # Django's own errors: a ForeignKey's, then a ManyToManyField's.
    page = response.content.decode()
    assert "Select a valid choice" in page or f"“{value}” is not a valid value" in page
    assert not Version.objects.get_for_object(record).exists()


def test_a_users_groups_posted_a_number_too_large_for_the_column_is_refused(admin_client):
    user = User.objects.create_user("edna", password="a-long-password-2026")
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = submitted_form(admin_client.get(url).content.decode(), groups="99999999999999999999")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "“99999999999999999999” is not a valid value" in response.content.decode()


@pytest.mark.parametrize(
    "factory", [ArticleFactory, MedicineFactory, MagnesiumCompoundFactory, ComparisonFactory]
)
def test_review_dates_in_an_impossible_year_are_refused_as_the_publication_date_is(
    editor_client, factory
):
    """ "Last reviewed 1 Jan 1000" was shown to readers, and an article's structured data
    said "lastReviewed": "1000-01-01"."""
    page = factory(last_reviewed=dt.date(2026, 11, 1), next_review_due=dt.date(2027, 11, 1))
    url = reverse(f"admin:{page._meta.app_label}_{page._meta.model_name}_change", args=[page.pk])
    data = submitted_form(
        editor_client.get(url).content.decode(),
        last_reviewed="1000-01-01",
        next_review_due="9999-12-31",
        change_note="Reviewed.",
    )
    response = editor_client.post(url, data)
    assert errors_of(response, "last_reviewed") == [
        "1000 cannot be right: give a date between 2000 and 2100."
    ]
    assert errors_of(response, "next_review_due") == [
        "9999 cannot be right: give a date between 2000 and 2100."
    ]
    page.refresh_from_db()
    assert (page.last_reviewed, page.next_review_due) == (
        dt.date(2026, 11, 1),
        dt.date(2027, 11, 1),
    )


def test_a_next_review_in_an_impossible_year_is_the_one_error_of_the_review_dates(editor_client):
    """Not also "must come after the last one" for 1 Jan 1000."""
    article = ArticleFactory()
    data = change_form_data(article, last_reviewed="2026-11-10", next_review_due="1000-01-01")
    response = editor_client.post(change_url(article), data)
    assert errors_of(response, "next_review_due") == [
        "1000 cannot be right: give a date between 2000 and 2100."
    ]
    assert not errors_of(response, "last_reviewed")
