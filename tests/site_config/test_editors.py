"""The Editors group can write and publish content and nothing else."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from site_config.editors import GROUP_NAME
from tests.factories import (
    ArticleFactory,
    RecommendedIntakeFactory,
    UpperIntakeLimitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def make_editor(client):
    user = UserFactory(username="writer")
    call_command("add_editor", "writer", verbosity=0)
    client.force_login(user)
    return user


def test_editors_group_exists_after_migrate_with_content_permissions_only():
    group = Group.objects.get(name=GROUP_NAME)
    perms = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    for codename in ("change_article", "add_article", "change_topic", "change_reference"):
        assert f"articles.{codename}" in perms
    assert any(p.startswith("comparisons.change_") for p in perms)
    assert not any(p.startswith(("auth.", "admin.", "sessions.", "axes.")) for p in perms)
    assert "articles.change_contentversion" not in perms


def test_add_editor_gives_staff_and_the_group():
    user = UserFactory(username="new-editor")
    call_command("add_editor", "new-editor", verbosity=0)
    user.refresh_from_db()
    assert user.is_staff
    assert user.groups.filter(name=GROUP_NAME).exists()
    assert user.has_perm("articles.change_article")
    assert not user.has_perm("auth.change_user")


def test_add_editor_for_an_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="No user called"):
        call_command("add_editor", "ghost", verbosity=0)


def test_editor_can_edit_articles_but_not_users_or_groups(client):
    make_editor(client)
    article = ArticleFactory()
    assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403


def test_staff_without_the_group_see_nothing(client):
    user = UserFactory(username="bare-staff", is_staff=True)
    client.force_login(user)
    index = client.get("/admin/")
    assert index.status_code == 200
    assert not index.context["app_list"]
    assert client.get("/admin/articles/article/").status_code == 403


def test_editors_can_edit_the_calculators_intake_tables():
    group = Group.objects.get(name=GROUP_NAME)
    perms = set(group.permissions.values_list("codename", flat=True))
    for model in ("intaketable", "recommendedintake", "upperintakelimit"):
        assert {f"{action}_{model}" for action in ("add", "change", "delete", "view")} <= perms


def test_editor_opens_an_intake_table_with_its_rows_editable(client):
    make_editor(client)
    row = RecommendedIntakeFactory()
    UpperIntakeLimitFactory(table=row.table)
    page = client.get(f"/admin/comparisons/intaketable/{row.table.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="recommended-0-female_mg"' in html and 'name="upper_limits-0-ul_mg"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/admin/evidence/evidencecell/add/",
        "/admin/evidence/outcome/add/",
        "/admin/interactions/medicine/add/",
    ],
)
def test_editors_can_write_evidence_cells_and_medicines(client, url):
    make_editor(client)
    assert client.get(url).status_code == 200
