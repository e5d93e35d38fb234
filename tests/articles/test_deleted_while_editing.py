"""A save of a record deleted while it was open shows every box the editor sent, as they set
it: choices by their labels, ticks as yes or no, related records by their names, not only
its texts (the prescriber tick, a rule, a status and its topics were lost)."""

import re

import pytest
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    ComparisonFactory,
    ComparisonRowFactory,
    ReferenceFactory,
    TopicFactory,
)
from tests.helpers import submitted_form
from tests.interactions.factories import MedicineFactory

pytestmark = pytest.mark.django_db


def sent_after_deletion(staff_client, admin_client, record, **changes) -> dict[str, str]:
    """The boxes the refused save shows, by label: opened, deleted by another, then saved."""
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    data = submitted_form(staff_client.get(url).content.decode(), **changes)
    delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    response = staff_client.post(url, data)
    assert response.status_code == 409
    boxes = re.findall(
        r'<label for="sent-\d+">([^<]*)</label>\s*<textarea[^>]*>([^<]*)</textarea>',
        response.content.decode(),
    )
    return {label: text.strip() for label, text in boxes}


def test_a_medicine_deleted_meanwhile_keeps_its_rule_hours_severity_and_tick(
    staff_client, admin_client
):
    medicine = MedicineFactory(
        aliases=["Cipro"], references=[ReferenceFactory(key="fda-cipro", title="Cipro label")]
    )
    sent = sent_after_deletion(
        staff_client,
        admin_client,
        medicine,
        rule="avoid",
        before_hours="3",
        severity="major",
        prescriber_first="on",
    )
    assert sent["Rule"] == "Not recommended together"
    assert sent["Hours before magnesium"] == "3"
    assert sent["Severity"].startswith("Major: the medicine may not work")
    assert sent["Ask the prescriber before starting magnesium"] == "yes"
    assert "fda-cipro" in sent["References"]
    assert sent["Other name 1: name"] == "Cipro"
    assert not [label for label in sent if "token" in label.lower() or label.endswith(": id")]


def test_an_article_deleted_meanwhile_keeps_its_status_date_topics_and_reviews(
    staff_client, admin_client
):
    article = ArticleFactory(topics=[TopicFactory(name="Sleep")])
    sent = sent_after_deletion(
        staff_client,
        admin_client,
        article,
        status="draft",
        published_at_0="2026-03-01",
        published_at_1="09:30:00",
        last_reviewed="2026-02-01",
        next_review_due="2027-02-01",
    )
    assert sent["Status"] == "Draft"
    assert sent["Published at"] == "2026-03-01 09:30:00"
    assert sent["Topics"] == "Sleep"
    assert (sent["Last reviewed"], sent["Next review due"]) == ("2026-02-01", "2027-02-01")
    assert sent["Featured"] == "no"


def test_a_table_deleted_meanwhile_leaves_out_the_rows_the_editor_was_removing(
    staff_client, admin_client
):
    table = ComparisonFactory()
    for order, feature in enumerate(["Cost", "Taste"]):
        ComparisonRowFactory(comparison=table, feature=feature, order=order)
    sent = sent_after_deletion(
        staff_client, admin_client, table, **{"rows-0-feature": "Price", "rows-1-DELETE": "on"}
    )
    assert sent["Comparison row 1: feature"] == "Price"
    assert "Taste" not in sent.values()
    assert not [label for label in sent if label.startswith("Comparison row 2")]
