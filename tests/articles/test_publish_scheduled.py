"""`manage.py publish_scheduled`, run every minute by a timer: it speaks only when it
published something, so cron's mail and the journal hold news, not a line a minute."""

import datetime as dt
import io
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("publish_scheduled", *args, stdout=out)
    return out.getvalue()


def test_publish_scheduled_is_quiet_when_nothing_is_due():
    assert run() == ""
    assert run("-v", "2") == "Nothing scheduled is due.\n"


def test_publish_scheduled_says_what_it_published():
    when = timezone.now() + dt.timedelta(hours=1)
    ArticleFactory(published_at=when)
    with time_machine.travel(when + dt.timedelta(minutes=1)):
        assert run().startswith("Published the pages scheduled for ")


def test_the_shipped_systemd_timer_runs_it_every_minute_with_the_apps_environment(settings):
    folder = Path(settings.BASE_DIR) / "docs" / "systemd"
    timer = (folder / "magnesium-publish.timer").read_text()
    service = (folder / "magnesium-publish.service").read_text()
    assert "OnCalendar=*-*-* *:*:00" in timer
    (start,) = [line for line in service.splitlines() if line.startswith("ExecStart=")]
    assert "--env-file /etc/magnesium/prod.env" in start
    assert start.endswith("python manage.py publish_scheduled")
