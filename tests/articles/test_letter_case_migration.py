"""The capitals migrations' data step (articles/letter_case_migration.py) on rows that break
the rules, run on a model whose unique names compare capitals (auth's groups), as a site
saved before the rules might hold them."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from articles.letter_case_migration import lower_case, unique_in_any_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_other_groups():
    Group.objects.all().delete()  # the Editors group the migrations make


def test_a_number_given_to_a_name_is_no_later_records_name():
    for name in ["Sleep", "sleep", "sleep (2)", "Sleep (3)"]:
        Group.objects.create(name=name)

    changes = unique_in_any_case(apps, "auth.Group", "name")

    names = list(Group.objects.order_by("pk").values_list("name", flat=True))
    assert names == ["Sleep", "sleep (4)", "sleep (2)", "Sleep (3)"]
    assert len({name.lower() for name in names}) == 4
    assert changes == ["group name “sleep” is now “sleep (4)”: another had it in other capitals"]


def test_a_lower_cased_value_taken_already_gets_a_number():
    for name in ["Sleep", "sleep", "sleep-2"]:
        Group.objects.create(name=name)

    lower_case(apps, "auth.Group", "name")

    assert list(Group.objects.order_by("pk").values_list("name", flat=True)) == [
        "sleep-3",
        "sleep",
        "sleep-2",
    ]
