"""Property-based tests: random query strings and bodies never cause a 500 or change data."""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_config.backup import content_counts
from tests.factories import StaffFactory
from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = [
    "/",
    "/articles/",
    "/articles/burning-feet-and-neuropathic-pain/",
    "/topics/burning-feet/",
    "/forms/",
    "/forms.csv",
    "/forms.json",
    "/forms/compare/",
    "/forms/magnesium-glycinate/",
    "/compare/topical-vs-oral/",
    "/foods/",
    "/calculator/",
    "/search/",
    "/healthz",
    "/evidence/",
    "/evidence.csv",
    "/interactions/",
    "/interactions.json",
    "/report/",
    "/changes/",
]
KNOWN_KEYS = [
    "q",
    "topic",
    "bioavailability",
    "bioavailability_min",
    "route",
    "use",
    "tolerance",
    "sort",
    "forms",
    "form",
    "mg",
    "elemental_mg",
    "servings",
    "age",
    "sex",
    "life_stage",
    "group",
    "page",
    "food",
    "food_servings",
    "kidney",
    "medicine",
    "medicine_time",
    "outcome",
    "grade",
]
NASTY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.sampled_from(
        [
            "",
            "\x00",
            "-",
            "--",
            "+",
            "high,",
            ",,,",
            "9" * 400,
            "-" + "9" * 30,
            "-1",
            "1e309",
            "NaN",
            "inf",
            "0x10",
            "%00",
            "../../etc/passwd",
            "' OR 1=1 --",
            "magnesium-glycinate," * 30,
            "<script>",
            "\ud7ff",
            "🧲" * 50,
        ]
    ),
)
QUERY = st.lists(
    st.tuples(st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=10)), NASTY_TEXT),
    max_size=8,
)
# derandomize: the same examples on every run, so a failure is never down to luck.
FUZZ = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def site():
    load_starter_content()
    return content_counts()


def encode(pairs) -> str:
    return urlencode([(k, v.encode("utf-8", "surrogatepass")) for k, v in pairs], doseq=True)


@settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(PUBLIC_PATHS), pairs=QUERY)
def test_random_query_strings_never_500_and_change_nothing(site, path, pairs):
    response = Client().get(f"{path}?{encode(pairs)}")
    assert response.status_code < 500, (path, pairs)
    assert content_counts() == site


@FUZZ
@given(raw=st.binary(max_size=300))
def test_raw_percent_encoded_bytes_in_the_query_never_500(site, raw):
    for path in ("/forms/", "/search/", "/calculator/", "/articles/"):
        response = Client().get(f"{path}?q={quote(raw)}&{quote(raw)}=1")
        assert response.status_code < 500, (path, raw)


@FUZZ
@given(slug=st.text(max_size=80))
def test_random_slugs_never_500(site, slug):
    for prefix in ("/articles/", "/topics/", "/forms/", "/compare/"):
        response = Client().get(prefix + quote(slug, safe="") + "/")
        assert response.status_code < 500, (prefix, slug)


@FUZZ
@given(content=st.text(max_size=2000), extra=st.dictionaries(st.text(max_size=10), st.text()))
def test_random_bodies_at_the_preview_endpoint(site, content, extra):
    client = Client()
    client.force_login(StaffFactory(username="fuzzer"))
    response = client.post("/markdownx/markdownify/", {**extra, "content": content})
    assert response.status_code < 500
    assert b"<script" not in response.content
    assert content_counts()["articles.article"] == site["articles.article"]


@FUZZ
@given(
    payload=st.binary(max_size=4000),
    name=st.text(alphabet="abcxyz019 -_.éñ", min_size=1, max_size=30).filter(
        lambda n: n.strip(". ")
    ),
)
def test_random_uploads_are_refused_and_write_nothing(site, settings, tmp_path, payload, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(StaffFactory(username="uploader"))
    upload = SimpleUploadedFile(name + ".png", payload, content_type="image/png")
    response = client.post("/markdownx/upload/", {"image": upload})
    assert response.status_code == 400
    assert not any(tmp_path.rglob("*.*"))
