"""Readers report a problem with a page: the site's one anonymous write, as safe as the admin."""

import re
from urllib.parse import quote

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from articles.models import MovedPage
from feedback.models import Report
from tests.evidence.factories import OutcomeFactory
from tests.factories import (
    ArticleFactory,
    ComparisonFactory,
    DraftArticleFactory,
    MagnesiumCompoundFactory,
    TopicFactory,
)
from tests.feedback.conftest import report_data

pytestmark = pytest.mark.django_db

REPORT = "/report/"


@pytest.fixture
def article():
    return ArticleFactory(slug="glycinate-basics", title="Glycinate basics")


def test_report_from_the_page_link_to_the_editors_queue(article, admin_client):
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(article.get_absolute_url())
    link = 'href="/report/?page=/articles/glycinate-basics/"'
    assert link in page.content.decode()

    form = reader.get(f"{REPORT}?page=/articles/glycinate-basics/")
    assert form.status_code == 200
    html = form.content.decode()
    assert "<code>/articles/glycinate-basics/</code>" in html  # names the page it is about
    token = form.cookies["csrftoken"].value
    sent = reader.post(
        REPORT,
        report_data("/articles/glycinate-basics/", csrfmiddlewaretoken=token),
        REMOTE_ADDR="203.0.113.7",
    )
    assert sent.status_code == 302
    assert sent["Location"] == "/report/thanks/?page=%2Farticles%2Fglycinate-basics%2F"
    thanks = reader.get(sent["Location"])
    assert 'href="/articles/glycinate-basics/"' in thanks.content.decode()

    report = Report.objects.get()
    assert report.page == "/articles/glycinate-basics/"
    assert report.status == Report.Status.NEW
    assert report.email == "reader@example.org"

    index = admin_client.get("/admin/")
    assert "1 new reader report to review" in index.content.decode()
    queue = admin_client.get(reverse("admin:feedback_report_changelist"))
    assert "The elemental magnesium figure for glycinate" in queue.content.decode()
    assert 'href="/articles/glycinate-basics/"' in queue.content.decode()


def test_report_without_a_csrf_token_is_refused_and_stores_nothing(article):
    response = Client(enforce_csrf_checks=True).post(
        REPORT, report_data(article.get_absolute_url())
    )
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_the_client_address_is_stored_only_as_a_salted_hash(article, client):
    client.post(REPORT, report_data(article.get_absolute_url()), REMOTE_ADDR="203.0.113.7")
    report = Report.objects.get()
    assert "203.0.113.7" not in str(Report.objects.values().get())
    assert len(report.address_hash) == 64


@pytest.mark.parametrize(
    "page",
    [
        "",
        "https://evil.example/",
        "//evil.example/articles/",
        "/\\evil.example",
        "javascript:alert(1)",
        "/no/such/page/",
        "/articles/no-such-article/",
        "/articles/a-draft/",
        "/admin/",
        "/report/",
        "/feed/",
        "/sitemap.xml",
        "/articles/glycinate-basics/?next=https://evil.example",
        "/articles/glycinate-basics/" + "x" * 400,
    ],
)
def test_a_page_not_of_this_site_is_refused_and_never_followed(article, client, page):
    DraftArticleFactory(slug="a-draft")
    shown = client.get(REPORT, {"page": page})
    assert shown.status_code == 400
    assert "must be about a page of this site" in shown.content.decode()
    sent = client.post(REPORT, report_data(page))
    assert sent.status_code == 400
    assert "Location" not in sent
    assert not Report.objects.exists()


def test_a_report_without_a_page_is_refused(client):
    assert client.get(REPORT).status_code == 400


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Say what is wrong with the page."),
        ("   too short   ", "Write at least 10 characters"),
        ("x" * 5001, "Keep the report to 5,000 characters; you wrote 5001."),
    ],
)
def test_empty_short_or_oversized_text_is_refused_keeping_the_text(article, client, text, message):
    response = client.post(REPORT, report_data(article.get_absolute_url(), text=text))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Your report was not sent" in html
    assert text.strip() in html  # the reader's words are still in the form
    assert not Report.objects.exists()


def test_text_of_exactly_5000_characters_with_crlf_line_endings_is_accepted(article, client):
    text = "a\r\n" * 2499 + "ab"  # 5000 characters once the line endings are LF
    response = client.post(REPORT, report_data(article.get_absolute_url(), text=text))
    assert response.status_code == 302
    assert len(Report.objects.get().text) == 5000


def test_a_filled_honeypot_is_refused_and_stores_nothing(article, client):
    data = report_data(article.get_absolute_url(), website="https://spam.example")
    response = client.post(REPORT, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "looks automated" in html
    assert data["text"] in html
    assert "spam.example" not in html  # shown again empty, so a person can resend
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter an email address like name@example.org"),
        ("email", "a@b@example.org", "Enter an email address like name@example.org"),
        ("source_url", "javascript:alert(1)", "Enter a web address"),
        ("source_url", "https://" + "x" * 600 + ".example", "at most 500 characters"),
    ],
)
def test_a_bad_email_or_source_link_is_refused_keeping_the_text(
    article, client, field, value, message
):
    data = report_data(article.get_absolute_url(), **{field: value})
    response = client.post(REPORT, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert data["text"] in response.content.decode()
    assert not Report.objects.exists()


def test_the_sixth_report_in_an_hour_from_one_address_gets_429(article, client):
    page = article.get_absolute_url()
    for _ in range(5):
        assert client.post(REPORT, report_data(page), REMOTE_ADDR="198.51.100.4").status_code == 302
    data = report_data(page, text="A sixth report, which must not be stored.")
    response = client.post(REPORT, data, REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many reports from your connection" in html
    assert data["text"] in html
    assert response["Retry-After"] == "3600"
    assert Report.objects.count() == 5
    # Another reader is not held back.
    assert client.post(REPORT, report_data(page), REMOTE_ADDR="198.51.100.5").status_code == 302


def test_behind_a_trusted_proxy_each_reader_has_their_own_limit(article, client, settings):
    """The load balancer is every reader's REMOTE_ADDR; the address it appends is theirs.
    What a client writes into the header itself, left of that, counts for nothing."""
    settings.TRUSTED_PROXY_COUNT = 1
    page = article.get_absolute_url()
    balancer = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(5):
        forged = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{number}, 198.51.100.4"}
        assert client.post(REPORT, report_data(page), **balancer, **forged).status_code == 302
    sixth = {"HTTP_X_FORWARDED_FOR": "192.0.2.99, 198.51.100.4"}
    assert client.post(REPORT, report_data(page), **balancer, **sixth).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.5"}
    assert client.post(REPORT, report_data(page), **balancer, **other).status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(article, client):
    page = article.get_absolute_url()
    for number in range(5):
        forged = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{number}"}
        client.post(REPORT, report_data(page), REMOTE_ADDR="198.51.100.4", **forged)
    forged = {"HTTP_X_FORWARDED_FOR": "192.0.2.77"}
    response = client.post(REPORT, report_data(page), REMOTE_ADDR="198.51.100.4", **forged)
    assert response.status_code == 429


def test_a_nul_character_in_any_field_is_refused(article, client):
    for field in ("text", "source_url", "email"):
        data = report_data(article.get_absolute_url())
        data[field] += "\x00"
        assert client.post(REPORT, data).status_code == 400, field
    assert client.post(REPORT, report_data("/foods/\x00")).status_code == 400
    assert not Report.objects.exists()


def test_text_sent_in_an_encoding_that_is_not_utf8_is_refused_not_stored_as_garbage(
    article, client
):
    body = f"page={article.get_absolute_url()}&text=%c3%28%c3%28%c3%28%c3%28%c3%28%c3%28"
    response = client.post(REPORT, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "Part of the text could not be read" in response.content.decode()
    assert not Report.objects.exists()


def test_an_oversized_request_body_is_refused_with_413(article, client):
    data = report_data(article.get_absolute_url(), source_url="https://e.example/" + "x" * 70_000)
    response = client.post(REPORT, data)
    assert response.status_code == 413
    assert not Report.objects.exists()


def test_a_body_over_djangos_own_limit_gets_the_same_413_page(article):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    data = report_data(article.get_absolute_url(), pad="x" * 2_700_000)
    response = client.post(REPORT, data)
    assert response.status_code == 413
    html = response.content.decode()
    assert "That report is too large to send" in html
    assert "Nothing was stored" in html
    assert not Report.objects.exists()


def test_other_methods_on_the_report_are_a_405_not_an_expired_form(article):
    client = Client(enforce_csrf_checks=True)
    for method in (client.put, client.delete, client.patch):
        response = method(f"{REPORT}?page={article.get_absolute_url()}")
        assert response.status_code == 405, method.__name__
        assert response["Allow"] == "GET, HEAD, POST"
        assert "only answers GET, HEAD and POST requests" in response.content.decode()
    assert not Report.objects.exists()


def test_a_report_posted_without_the_final_slash_is_sent_on_with_its_form(article):
    client = Client(enforce_csrf_checks=True)
    token = client.get(f"{REPORT}?page={article.get_absolute_url()}").cookies["csrftoken"].value
    data = report_data(article.get_absolute_url(), csrfmiddlewaretoken=token)
    response = client.post("/report", data, REMOTE_ADDR="203.0.113.9")
    # 308 keeps the method and the body (a 301 makes browsers ask again with GET).
    assert response.status_code == 308
    assert response["Location"] == REPORT
    assert not Report.objects.exists()
    assert client.post(response["Location"], data, REMOTE_ADDR="203.0.113.9").status_code == 302
    assert Report.objects.count() == 1


def test_the_report_page_is_never_cached_and_only_it_carries_csrf(article, client):
    form = client.get(f"{REPORT}?page={article.get_absolute_url()}")
    assert "csrftoken" in form.cookies
    assert "no-cache" in form["Cache-Control"]
    again = client.get(f"{REPORT}?page={article.get_absolute_url()}")
    assert "X-Cache" not in again


@pytest.mark.parametrize(
    "url",
    [
        "/articles/glycinate-basics/",
        "/forms/magnesium-form-x/",
        "/forms/?route=oral",
        "/foods/",
        "/calculator/",
        "/topics/sleep/",
        "/compare/topical-vs-oral/",
        "/evidence/",
        "/evidence/migraine/",
        "/",
        "/about/",
        "/forms/compare/?forms=magnesium-form-x,magnesium-form-y",
    ],
)
def test_public_pages_link_to_the_report_and_stay_cacheable_and_cookie_free(article, client, url):
    MagnesiumCompoundFactory(slug="magnesium-form-x")
    MagnesiumCompoundFactory(slug="magnesium-form-y")
    TopicFactory(slug="sleep")
    ComparisonFactory(slug="topical-vs-oral")
    OutcomeFactory(slug="migraine")
    first = client.get(url)
    assert first.status_code == 200
    path, _, query = url.partition("?")
    inputs = f"&amp;inputs={quote(QueryDict(query).urlencode(), safe='')}" if query else ""
    assert f'href="/report/?page={path}{inputs}"' in first.content.decode()
    assert not first.cookies
    second = client.get(url)
    assert second["X-Cache"] == "hit"
    assert not second.cookies


def test_the_thanks_page_links_back_only_to_a_page_of_this_site(client):
    html = client.get("/report/thanks/?page=//evil.example/").content.decode()
    assert "evil.example" not in html
    assert "Go to the home page" in html


def test_the_thanks_page_opened_directly_thanks_no_one(client):
    html = client.get("/report/thanks/").content.decode()
    assert "your report was sent" not in html
    assert "nothing was sent from here" in html


def test_reports_never_appear_on_public_pages(article, client, make_report):
    make_report(article.get_absolute_url(), text="Secret reader text about this page.")
    for url in [article.get_absolute_url(), "/changes/", "/changes/feed/", "/search/?q=Secret"]:
        assert "Secret reader text" not in client.get(url).content.decode(), url


@pytest.mark.parametrize(
    "page",
    [
        "/",
        "/articles/",
        "/articles/glycinate-basics/",
        "/articles/glycinate-basics/changes/",
        "/forms/",
        "/forms/magnesium-form-x/",
        "/topics/sleep/",
        "/compare/topical-vs-oral/",
        "/foods/",
        "/calculator/",
        "/changes/",
        "/evidence/",
        "/evidence/migraine/",
        # A wrong figure in the open data is worth a report too.
        "/forms.csv",
        "/evidence.json",
    ],
)
def test_any_readers_page_can_be_reported(article, client, page):
    MagnesiumCompoundFactory(slug="magnesium-form-x")
    MagnesiumCompoundFactory(slug="magnesium-form-y")
    TopicFactory(slug="sleep")
    ComparisonFactory(slug="topical-vs-oral")
    OutcomeFactory(slug="migraine")
    assert client.get(REPORT, {"page": page}).status_code == 200
    assert client.post(REPORT, report_data(page)).status_code == 302
    assert Report.objects.get().page == page


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/json", '{"page": "/articles/glycinate-basics/", "body": "A typo."}'),
        ("text/plain", "page=/articles/glycinate-basics/&body=A typo."),
    ],
)
def test_a_post_that_is_not_a_form_is_a_415_not_an_expired_form(article, content_type, body):
    client = Client(enforce_csrf_checks=True)
    response = client.post(REPORT, body, content_type=content_type)
    assert response.status_code == 415
    html = response.content.decode()
    assert "This address takes the report form only" in html
    assert "nothing was read or stored" in html
    assert "expired" not in html
    assert not Report.objects.exists()


def visible_text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_report_from_the_calculator_keeps_the_readers_answers_for_the_editor(admin_client):
    """A report that "the calculator says too much" reached editors without the answers
    that led to it: the link carried the page's path alone."""
    answers = "age=30&sex=female&pregnancy=pregnant"
    reader = Client()
    page = reader.get(f"/calculator/?{answers}").content.decode()
    link = "/report/?page=/calculator/&amp;inputs=age%3D30%26sex%3Dfemale%26pregnancy%3Dpregnant"
    assert f'href="{link}"' in page

    form = reader.get("/report/", {"page": "/calculator/", "inputs": answers}).content.decode()
    assert f'href="/calculator/?{answers.replace("&", "&amp;")}"' in form  # what is sent along
    assert "age: 30" in visible_text_of(form)  # the reader sees what the box sends
    sent = report_data("/calculator/", inputs=answers, send_inputs="1")
    assert reader.post(REPORT, sent).status_code == 302

    assert Report.objects.get().inputs == answers
    queue = admin_client.get(reverse("admin:feedback_report_changelist")).content.decode()
    assert f'href="/calculator/?{answers.replace("&", "&amp;")}">as the reader had it' in queue


def test_the_thanks_page_links_back_to_the_page_with_the_readers_answers(client):
    """ "Back to the page" after a report from the calculator led to an empty calculator:
    the answers are carried, sent to the editors or not, and checked as the report form
    checks them."""
    answers = "form=magnesium-glycinate&mg=500&age=30"
    sent = client.post(REPORT, report_data("/calculator/", inputs=answers))
    assert sent.status_code == 302
    thanks = client.get(sent["Location"])
    back = f'href="/calculator/?{answers.replace("&", "&amp;")}">Back to the page with the answers'
    assert back in thanks.content.decode()
    odd = client.get(
        "/report/thanks/", {"page": "/calculator/", "inputs": 'q="><script>x</script>&mg=5'}
    ).content.decode()
    assert 'href="/calculator/?q=%22%3E%3Cscript%3Ex%3C%2Fscript%3E&amp;mg=5">' in odd
    elsewhere = client.get(
        "/report/thanks/", {"page": "//evil.example/", "inputs": "mg=5"}
    ).content.decode()
    assert "evil.example" not in elsewhere and "mg=5" not in elsewhere


def test_a_report_whose_answers_are_too_long_or_odd_is_still_sent_with_them_made_safe(client):
    too_long, fields = "q=" + "x" * 2000, "&" * 1500
    for inputs in (too_long, fields):
        sent = report_data("/calculator/", inputs=inputs, send_inputs="1")
        assert client.post(REPORT, sent).status_code == 302
    odd = 'q="><script>alert(1)</script>&q=two'
    sent = report_data("/calculator/", inputs=odd, send_inputs="1")
    assert client.post(REPORT, sent).status_code == 302
    assert list(Report.objects.order_by("pk").values_list("inputs", flat=True)) == [
        "",
        "",
        "q=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E&q=two",
    ]


def test_the_answers_go_with_a_report_only_if_the_reader_ticks_the_box(client):
    """They may say a reader's age, a pregnancy or their medicines."""
    sent = report_data("/calculator/", inputs="age=30&life_stage=pregnant")
    assert client.post(REPORT, sent).status_code == 302
    assert Report.objects.get().inputs == ""


def test_an_article_with_no_answers_links_its_report_by_path_alone(article, client):
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/report/?page=/articles/glycinate-basics/"' in html
    assert "inputs=" not in html


def test_the_report_forms_canonical_address_is_one_that_answers(article, client):
    """It named /report/, which answers 400 without the page."""
    html = client.get("/report/", {"page": "/articles/glycinate-basics/"}).content.decode()
    canonical = re.search(r'<link rel="canonical" href="http://testserver([^"]*)"', html)[1]
    assert canonical == "/report/?page=/articles/glycinate-basics/"
    assert client.get(canonical).status_code == 200


def test_a_report_from_an_old_link_to_a_renamed_page_is_about_the_page_now(article, client):
    MovedPage.record(article, "/articles/glycinate-101/")
    form = client.get(f"{REPORT}?page=/articles/glycinate-101/")
    assert form.status_code == 200
    assert "<code>/articles/glycinate-basics/</code>" in form.content.decode()


def test_a_thanks_page_given_answers_it_cannot_use_is_not_kept_in_the_page_cache(client):
    """Every made-up address would otherwise be a page cache entry of its own."""
    for query in ({"page": "//evil.example/", "inputs": "mg=5"}, {"inputs": "mg=5"}):
        client.get("/report/thanks/", query)
        assert client.get("/report/thanks/", query).get("X-Cache") != "hit"
    client.get("/report/thanks/", {"page": "/calculator/"})
    assert client.get("/report/thanks/", {"page": "/calculator/"})["X-Cache"] == "hit"
