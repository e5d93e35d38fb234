"""A reader works out the magnesium in a label with the calculator in a real Chromium, with
and without JavaScript, on a phone and on a desktop."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import has_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("javascript", [True, False])
def test_reader_fills_in_a_label_and_gets_a_shareable_result(
    live_server, page_factory, starter_content, width, javascript
):
    page = page_factory(width=width, javascript=javascript)
    page.goto(live_server.url + "/forms/magnesium-glycinate/")
    page.get_by_role("link", name="Work out the magnesium in a dose").click()
    page.wait_for_url(re.compile(r"/calculator/\?form=magnesium-glycinate$"))
    expect(page.get_by_label("Form of magnesium on the label")).to_have_value("magnesium-glycinate")

    page.get_by_label("Amount of the compound per serving (mg)").fill("1000")
    page.get_by_label("Servings a day").fill("2")
    page.get_by_label("Your age group").select_option(label="31 to 50 years")
    page.get_by_label("Female").check()
    page.get_by_role("button", name="Calculate").click()

    page.wait_for_url(re.compile(r"/calculator/\?.*mg=1000.*#result$"))
    result = page.locator("#result")
    expect(result.locator(".calc-result__figure")).to_contain_text(
        "282 mg of elemental magnesium a day"
    )
    expect(result).to_contain_text("88% of the RDA")
    expect(result).to_contain_text("Kidney disease?")
    # The result is the URL: opening it afresh gives the same page, form filled in.
    shared = page.url
    page.goto(shared)
    expect(page.locator(".calc-result__figure")).to_contain_text("282 mg")
    expect(page.get_by_label("Servings a day")).to_have_value("2")
    expect(page.get_by_label("Female")).to_be_checked()
    assert not has_horizontal_scroll(page), f"sideways scrolling at {width}px"
    assert page.problems == []


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("javascript", [True, False])
def test_reader_sees_what_to_correct_next_to_the_field(
    live_server, page_factory, starter_content, width, javascript
):
    page = page_factory(width=width, javascript=javascript)
    page.goto(live_server.url + "/calculator/")
    page.get_by_label("Form of magnesium on the label").select_option(label="Magnesium glycinate")
    page.get_by_label("Amount of the compound per serving (mg)").fill("lots")
    page.get_by_label("Servings a day").fill("0")
    with page.expect_response(re.compile(r"/calculator/\?")) as answer:
        page.get_by_role("button", name="Calculate").click()
    assert answer.value.status == 200

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please correct these 2 entries")
    expect(page.locator("#id_mg_error")).to_contain_text("Enter the amount as a number")
    expect(page.locator("#id_servings_error")).to_contain_text("Enter at least 1 serving")
    amount = page.get_by_label("Amount of the compound per serving (mg)")
    expect(amount).to_have_value("lots")
    expect(amount).to_have_attribute("aria-invalid", "true")
    assert page.locator("#result").count() == 0

    # The summary's links lead to the fields; correcting them gives the result.
    summary.get_by_role("link", name=re.compile("Enter the amount")).click()
    amount.fill("500")
    page.get_by_label("Servings a day").fill("1")
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator(".calc-result__figure")).to_contain_text("71 mg")
    assert not has_horizontal_scroll(page), f"sideways scrolling at {width}px"
    assert page.problems == []
