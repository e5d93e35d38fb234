import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.factories import StaffFactory, UserFactory
from tests.helpers import load_starter_content


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.fixture
def editor_client(client):
    """An editor as `manage.py add_editor` makes one: staff in the Editors group, not a
    superuser, so the admin checks their permissions."""
    editor = UserFactory(username="editor", first_name="Edna")
    call_command("add_editor", "editor", verbosity=0)
    client.force_login(editor)
    return client


@pytest.fixture
def user_client(client):
    """A logged-in user who is not staff."""
    client.force_login(UserFactory())
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty page cache (the content version restarts per test)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_page_cache(settings):
    """Every request reaches the view: the page cache middleware is left out."""
    settings.MIDDLEWARE = [
        name
        for name in settings.MIDDLEWARE
        if name != "site_config.middleware.anonymous_page_cache"
    ]


@pytest.fixture
def starter_content(db):
    """The site as `load_content` ships it, for tests of what its pages tell readers."""
    load_starter_content()
