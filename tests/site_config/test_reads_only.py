"""Readers' GET and HEAD requests never write to the database: not on a cache miss, not on
a hit, not with bad input, and not when a scheduled page's time has come."""

import datetime as dt
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from tests.factories import ArticleFactory
from tests.helpers import load_starter_content
from tests.starter_pages import ENDPOINTS, PAGES

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")

# What readers (and crawlers) also send: every filter and sort, bad values, unknown pages.
MORE = [
    "/forms/?route=topical&tolerance=gentle&sort=-elemental_percent",
    "/forms/?bioavailability=nope&sort=bogus",
    "/forms.csv?route=oral",
    # Forms taken more than one way and the evidence column (issue 22).
    "/forms/?route=topical&outcome=paresthesia&grade=limited&sort=-evidence_for",
    "/forms/?outcome=nope&grade=bogus&sort=-evidence_for",
    "/forms.json?route=topical&outcome=migraine",
    "/forms.csv?outcome=migraine&grade=moderate",
    "/forms/magnesium-chloride/",
    "/foods/?sort=-mg",
    "/calculator/?form=magnesium-glycinate&mg=500&servings=2&age=adult-31-50&sex=female",
    "/calculator/?form=unknown&mg=-5",
    "/search/?q=" + "x" * 500,
    "/articles/no-such-article/",
    "/forms/no-such-form/",
    # Reader reports and change notes (issue 24): the report form itself writes only on POST.
    "/report/?page=/",
    "/report/?page=https://evil.example/",
    "/report/thanks/?page=/foods/",
    "/changes/",
    "/changes/feed/",
    "/articles/burning-feet-and-neuropathic-pain/changes/",
    "/forms/magnesium-glycinate/changes/",
    # Medicines and magnesium (issue 23): searches, unknown and junk names, pages, the export.
    "/interactions/",
    "/interactions/?medicine=cipro",
    "/interactions/?medicine=Synthroid&medicine=nope&medicine=" + "x" * 300,
    "/interactions/?medicine=cipro%00",
    "/interactions/gabapentin/",
    "/interactions/no-such-medicine/",
    "/interactions.json",
    "/interactions.json?medicine=cipro",
    # The calculator's medicines: a plan, no time, unknown and junk names and times.
    "/calculator/?medicine=cipro&medicine_time=20:00&medicine=synthroid&medicine=omeprazole",
    "/calculator/?medicine=isentress&medicine=nope&medicine_time=99&medicine=" + "x" * 300,
]


class WriteRecorder:
    def __init__(self):
        self.writes = []

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.writes.append(sql)
        return execute(sql, params, many, context)


def read_everything(client) -> list[str]:
    recorder = WriteRecorder()
    with connection.execute_wrapper(recorder):
        for url in [*PAGES, *ENDPOINTS, *MORE]:
            client.get(url)  # a miss, then a hit
            client.get(url)
            client.head(url)
    return recorder.writes


def test_public_get_and_head_requests_never_write(client):
    load_starter_content()
    cache.clear()
    assert read_everything(client) == []
    # A scheduled article's time comes, and no timer has run publish_scheduled yet.
    ArticleFactory(published_at=timezone.now() + dt.timedelta(milliseconds=100))
    time.sleep(0.2)
    assert read_everything(client) == []


def test_reading_without_the_page_cache_writes_nothing(client, no_page_cache):
    load_starter_content()
    assert read_everything(client) == []
