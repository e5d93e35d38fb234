"""The Editors group can write and publish content and nothing else."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
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
User = get_user_model()


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
    with pytest.raises(CommandError, match=r"No user called 'ghost'.*add_editor ghost --create"):
        call_command("add_editor", "ghost", verbosity=0)
    assert not User.objects.filter(username="ghost").exists()


def run_add_editor(*args) -> str:
    out = io.StringIO()
    call_command("add_editor", *args, stdout=out)
    return out.getvalue()


def password_link_in(output: str) -> str:
    return re.search(r"http://testserver(/admin/password/set/\S+/)", output).group(1)


def choose_password(client, link: str, password: str = "a-long-password-for-an-editor"):
    opened = client.get(link, follow=True)  # a valid link moves its token to the session
    return client.post(
        opened.wsgi_request.path, {"new_password1": password, "new_password2": password}
    )


def test_add_editor_with_create_prints_a_link_where_the_editor_chooses_a_password(client):
    """No password passes through the operator: the new editor has none until they choose
    one at the link, which then logs them in."""
    output = run_add_editor("new-writer", "--create", "--site", "http://testserver")
    assert "It works once, for 3 days" in output
    user = User.objects.get(username="new-writer")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=GROUP_NAME).exists()
    assert not user.has_usable_password()

    page = client.get(password_link_in(output), follow=True).content.decode()
    # The name to log in with, and no sidebar telling them they may edit nothing.
    assert "Your user name is <strong>new-writer</strong>" in page
    assert "permission to view or edit anything" not in page
    response = choose_password(client, password_link_in(output))
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/articles/article/").status_code == 200
    user.refresh_from_db()
    assert user.check_password("a-long-password-for-an-editor")


def test_a_password_link_answers_only_get_head_and_post(client):
    link = password_link_in(run_add_editor("new-writer", "--create", "--site", "http://testserver"))
    for method in ("options", "trace", "put"):
        assert client.generic(method.upper(), link).status_code == 405, method


def test_a_login_whose_next_address_is_refused_lands_on_the_admin_index(client):
    User.objects.create_user("writer", password="a-long-password-for-an-editor", is_staff=True)
    response = client.post(
        "/admin/login/?next=//evil.example/",
        {
            "username": "writer",
            "password": "a-long-password-for-an-editor",
            "next": "//evil.example/",
        },
    )
    assert response.status_code == 302 and response.url == "/admin/"


def test_a_password_link_works_once(client):
    link = password_link_in(run_add_editor("new-writer", "--create", "--site", "http://testserver"))
    choose_password(client, link)
    client.logout()
    page = client.get(link, follow=True).content.decode()
    assert "This link no longer works" in page
    assert 'name="new_password1"' not in page
    response = choose_password(client, link, "someone-elses-password-now")
    assert response.status_code == 200
    assert User.objects.get(username="new-writer").check_password("a-long-password-for-an-editor")


def test_a_refused_password_is_said_why_and_sets_nothing(client):
    link = password_link_in(run_add_editor("new-writer", "--create", "--site", "http://testserver"))
    response = choose_password(client, link, "short")
    assert "This password is too short" in response.content.decode()
    assert not User.objects.get(username="new-writer").has_usable_password()


def test_add_editor_with_link_gives_an_existing_user_a_new_link(client):
    UserFactory(username="returning")
    output = run_add_editor("returning", "--link", "--site", "http://testserver")
    assert "returning is now an editor" in output
    choose_password(client, password_link_in(output), "a-new-password-for-returning")
    assert User.objects.get(username="returning").check_password("a-new-password-for-returning")


def test_add_editor_without_create_or_link_prints_no_link():
    UserFactory(username="plain")
    assert "/admin/password/set/" not in run_add_editor("plain")


def test_add_editor_with_create_refuses_an_existing_user_and_changes_nothing():
    user = UserFactory(username="taken")
    with pytest.raises(CommandError, match=r"'taken' already exists\. Leave out --create"):
        run_add_editor("taken", "--create")
    user.refresh_from_db()
    assert not user.is_staff
    assert user.check_password("correct horse battery staple")


@pytest.mark.parametrize("username", ["two words", "", "x" * 151])
def test_add_editor_with_create_refuses_a_name_django_cannot_take(username):
    with pytest.raises(CommandError, match="cannot be a user name"):
        run_add_editor(username, "--create")
    assert not User.objects.exists()


def test_add_editor_before_migrate_made_the_group_says_so_and_creates_no_user():
    Group.objects.filter(name=GROUP_NAME).delete()
    with pytest.raises(CommandError, match=r"run manage\.py migrate first"):
        run_add_editor("early", "--create")
    assert not User.objects.exists()


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


def test_the_link_says_how_long_it_works_as_the_settings_say(settings):
    settings.PASSWORD_RESET_TIMEOUT = 7 * 24 * 60 * 60
    assert "It works once, for 7 days" in run_add_editor("weekly", "--create")


def test_a_link_that_works_for_a_day_says_one_day(settings):
    settings.PASSWORD_RESET_TIMEOUT = 24 * 60 * 60
    assert "It works once, for 1 day." in run_add_editor("daily", "--create")


def test_the_login_page_says_where_it_leads_and_that_unsaved_text_waits(client):
    page = client.get("/admin/login/?next=/admin/articles/article/1/change/").content.decode()
    assert "Log in to go back to the page you were on." in page
    assert "what you typed is kept in this browser" in page
    assert "Log in to go back" not in client.get("/admin/login/?next=/admin/").content.decode()
    assert "Log in to go back" not in client.get("/admin/login/").content.decode()
