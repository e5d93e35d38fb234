"""A CSV import does the work a save does for the whole site once, at the end of the file:
a few hundred rows fit well inside a request, however many pages link to them."""

import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from articles.models import ContentVersion
from comparisons.models import MagnesiumCompound
from comparisons.resources import MagnesiumCompoundResource
from tests.factories import ArticleFactory
from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter():
    load_starter_content()


def forms_with_copies(copies: int, **changes) -> tablib.Dataset:
    """The exported forms table, some of its forms changed (`slug={"column": value}`), and
    `copies` new forms made from its rows, as an editor adding forms would."""
    exported = MagnesiumCompoundResource().export()
    headers = exported.headers
    rows = []
    for row in exported.dict:
        row.update(changes.get(row["slug"], {}))
        rows.append([row[column] for column in headers])
    for number in range(copies):
        copy = dict(zip(headers, rows[number % len(exported)], strict=True))
        copy["slug"] += f"-copy-{number}"
        copy["name"] += f" copy {number}"
        rows.append([copy[column] for column in headers])
    return tablib.Dataset(*rows, headers=headers)


def imported(dataset: tablib.Dataset, dry_run: bool = False):
    result = MagnesiumCompoundResource().import_data(dataset, dry_run=dry_run)
    assert not result.has_errors() and not result.has_validation_errors()
    return result


def test_an_import_refreshes_the_page_cache_once_not_once_a_row(starter):
    version = ContentVersion.current()
    imported(forms_with_copies(5))
    assert MagnesiumCompound.objects.filter(slug__contains="-copy-").count() == 5
    assert ContentVersion.current() == version + 1


def test_a_preview_leaves_the_page_cache_and_the_history_alone(starter):
    version, versions = ContentVersion.current(), Version.objects.count()
    result = imported(forms_with_copies(3), dry_run=True)
    assert result.totals["new"] == 3
    assert ContentVersion.current() == version
    assert Version.objects.count() == versions


def test_each_imported_row_is_one_version_with_its_lists(starter):
    imported(forms_with_copies(1))
    copy = MagnesiumCompound.objects.get(slug__endswith="-copy-0")
    [version] = Version.objects.get_for_object(copy)
    assert version.revision.comment == "Imported from a CSV file"
    assert set(version.field_dict["uses"]) == set(copy.uses.values_list("pk", flat=True))
    assert version.field_dict["dose_refs"]


def test_renaming_forms_by_import_draws_each_linking_page_once_with_the_new_names(starter):
    article = ArticleFactory(
        body="Compare [[form:magnesium-oxide]] with [[form:magnesium-citrate]]."
    )
    renames = {
        "magnesium-oxide": {"name": "Magnesium oxide (renamed)"},
        "magnesium-citrate": {"name": "Magnesium citrate (renamed)"},
    }
    with CaptureQueriesContext(connection) as queries:
        imported(forms_with_copies(0, **renames))
    table = article._meta.db_table
    mine = f'WHERE "{table}"."id" = {article.pk}'
    drawn = [q for q in queries if q["sql"].startswith(f'UPDATE "{table}"') and mine in q["sql"]]
    assert len(drawn) == 1
    article.refresh_from_db()
    assert "Magnesium oxide (renamed)" in article.body_html
    assert "Magnesium citrate (renamed)" in article.body_html


def test_a_change_that_links_do_not_show_leaves_the_linking_pages_alone(starter):
    article = ArticleFactory(body="See [[form:magnesium-oxide]].")
    with CaptureQueriesContext(connection) as queries:
        imported(forms_with_copies(0, **{"magnesium-oxide": {"summary": "A new summary."}}))
    table = article._meta.db_table
    mine = f'WHERE "{table}"."id" = {article.pk}'
    assert not [q for q in queries if q["sql"].startswith(f'UPDATE "{table}"') and mine in q["sql"]]


def test_import_queries_per_new_row_stay_within_budget(starter):
    """About 75 queries a new form (its lists, checks, version and links); 120 when every
    save and list change refreshed the page cache and was versioned again. 91 since a form's
    name is checked against the others' in any case (articles/models/letter_case.py), one
    query as its exact check is; its slug's capitals are checked without one."""

    def queries_for(copies: int) -> int:
        dataset = forms_with_copies(copies)
        with CaptureQueriesContext(connection) as queries:
            imported(dataset)
        MagnesiumCompound.objects.filter(slug__contains="-copy-").delete()
        return len(queries)

    few, many = queries_for(1), queries_for(11)
    assert (many - few) / 10 <= 91
