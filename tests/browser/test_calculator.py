"""A reader works out the magnesium in their labels with the calculator in a real Chromium,
with and without JavaScript, on a phone and on a desktop: one product, then a whole day of
products and food. Each product line is its own group of boxes ("Product 1"...), so the
boxes are found within their line."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import has_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def first_line(page):
    return page.get_by_role("group", name="Product 1", exact=True)


def line(page, title: str):
    return page.get_by_role("group", name=title, exact=True)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("javascript", [True, False])
def test_reader_fills_in_a_label_and_gets_a_shareable_result(
    live_server, page_factory, starter_content, width, javascript
):
    page = page_factory(width=width, javascript=javascript)
    page.goto(live_server.url + "/forms/magnesium-glycinate/")
    page.get_by_role("link", name="Work out the magnesium in a dose").click()
    page.wait_for_url(re.compile(r"/calculator/\?form=magnesium-glycinate$"))
    expect(first_line(page).get_by_label("Form of magnesium on the label")).to_have_value(
        "magnesium-glycinate"
    )

    first_line(page).get_by_label("Amount of the compound per serving (mg)").fill("1000")
    first_line(page).get_by_label("Servings a day").fill("2")
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
    expect(first_line(page).get_by_label("Servings a day")).to_have_value("2")
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
    first_line(page).get_by_label("Form of magnesium on the label").select_option(
        label="Magnesium glycinate (14.1%)"
    )
    first_line(page).get_by_label("Amount of the compound per serving (mg)").fill("lots")
    first_line(page).get_by_label("Servings a day").fill("0")
    with page.expect_response(re.compile(r"/calculator/\?")) as answer:
        page.get_by_role("button", name="Calculate").click()
    assert answer.value.status == 200

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please correct these 2 entries")
    expect(page.locator("#id_mg_error")).to_contain_text("Enter the amount as a number")
    expect(page.locator("#id_servings_error")).to_contain_text("Enter at least 1 serving")
    amount = first_line(page).get_by_label("Amount of the compound per serving (mg)")
    expect(amount).to_have_value("lots")
    expect(amount).to_have_attribute("aria-invalid", "true")
    assert page.locator("#result").count() == 0

    # The summary's links lead to the fields; correcting them gives the result.
    summary.get_by_role("link", name=re.compile("Enter the amount")).click()
    amount.fill("500")
    first_line(page).get_by_label("Servings a day").fill("1")
    page.get_by_role("button", name="Calculate").click()
    expect(page.locator(".calc-result__figure")).to_contain_text("71 mg")
    assert not has_horizontal_scroll(page), f"sideways scrolling at {width}px"
    assert page.problems == []


@pytest.mark.parametrize("width", [360, 1280])
def test_with_javascript_a_reader_adds_products_and_food_and_reads_the_totals(
    live_server, page_factory, starter_content, width
):
    page = page_factory(width=width)
    page.goto(live_server.url + "/calculator/")
    add = page.get_by_role("button", name="Add a product")
    expect(add).to_be_visible()
    expect(page.get_by_role("group", name=re.compile(r"^Product \d+$"))).to_have_count(2)

    first = line(page, "Product 1")
    first.get_by_label("Form of magnesium on the label").select_option("magnesium-glycinate")
    first.get_by_label("Amount of the compound per serving (mg)").fill("500")
    first.get_by_label("Servings a day").fill("2")
    second = line(page, "Product 2")
    second.get_by_label("Form of magnesium on the label").select_option("magnesium-oxide")
    second.get_by_label("Amount of the compound per serving (mg)").fill("400")

    add.click()
    third = line(page, "Product 3")
    form_box = third.get_by_label("Form of magnesium on the label")
    expect(form_box).to_be_focused()
    expect(form_box).to_have_value("")
    form_box.select_option("other")
    third.get_by_label("Elemental magnesium per serving (mg), if the label says").fill("100")

    food = line(page, "Food 1")
    food.get_by_label("Food", exact=True).select_option("almonds-dry-roasted")
    food.get_by_label("Servings of this food a day").fill("2")
    page.get_by_label("Your age group").select_option(label="31 to 50 years")
    page.get_by_label("Female").check()
    page.get_by_label("My kidneys do not work fully").check()
    page.get_by_role("button", name="Calculate").click()

    page.wait_for_url(re.compile(r"/calculator/\?.*kidney=1.*#result$"))
    result = page.locator("#result")
    # 141 + 241.2 + 100 from the products; almonds 2 x 80 mg, from the starter foods.
    expect(result.locator(".calc-result__figure").first).to_contain_text(
        "482 mg of elemental magnesium a day from your 3 supplements and medicines"
    )
    expect(result).to_contain_text("Above the upper limit")
    expect(result).to_contain_text("diarrhoea")
    expect(result).to_contain_text("With reduced kidney function, ask your doctor first")
    expect(result).to_contain_text("642 mg in all")
    # The form comes back with the three products and a spare line, ready for more.
    expect(page.get_by_role("group", name=re.compile(r"^Product \d+$"))).to_have_count(4)
    assert not has_horizontal_scroll(page), f"sideways scrolling at {width}px"
    assert page.problems == []


@pytest.mark.parametrize("width", [360, 1280])
def test_without_javascript_the_spare_lines_are_enough_for_a_whole_day(
    live_server, page_factory, starter_content, width
):
    page = page_factory(width=width, javascript=False)
    page.goto(live_server.url + "/calculator/")
    expect(page.get_by_role("button", name="Add a product")).to_have_count(0)

    first = line(page, "Product 1")
    first.get_by_label("Form of magnesium on the label").select_option("magnesium-glycinate")
    first.get_by_label("Amount of the compound per serving (mg)").fill("1000")
    page.get_by_role("button", name="Calculate").click()
    page.wait_for_url(re.compile(r"#result$"))
    expect(page.locator(".calc-result__figure")).to_contain_text("141 mg")

    # A spare blank line is always there after the filled ones: fill it, and the next.
    second = line(page, "Product 2")
    expect(second.get_by_label("Amount of the compound per serving (mg)")).to_have_value("")
    second.get_by_label("Form of magnesium on the label").select_option("magnesium-hydroxide")
    second.get_by_label("Amount of the compound per serving (mg)").fill("600")
    food = line(page, "Food 1")
    food.get_by_label("Food", exact=True).select_option("spinach-boiled")
    page.get_by_label("Your age group").select_option(label="4 to 8 years")
    page.get_by_role("button", name="Calculate").click()

    page.wait_for_url(re.compile(r"form=magnesium-hydroxide.*#result$"))
    result = page.locator("#result")
    # 141 + 600 x 41.7% = 391.2 mg from the two products.
    expect(result.locator(".calc-result__figure").first).to_contain_text(
        "391 mg of elemental magnesium a day from your 2 supplements and medicines"
    )
    expect(result).to_contain_text("more than 110 mg")
    expect(result).to_contain_text("For a child")
    expect(line(page, "Product 3").get_by_label("Form of magnesium on the label")).to_have_value("")
    assert not has_horizontal_scroll(page), f"sideways scrolling at {width}px"
    assert page.problems == []


@pytest.mark.parametrize("width", [360, 1280])
def test_the_kidney_box_sits_on_the_first_line_of_its_label(
    live_server, page_factory, starter_content, width
):
    """Beside the words it answers, not alone on a line above them."""
    page = page_factory(width=width, javascript=False)
    page.goto(live_server.url + "/calculator/")
    box = page.get_by_role("checkbox", name=re.compile("My kidneys do not work fully"))
    label = page.locator("label", has_text="My kidneys do not work fully")
    first_line = label.evaluate(
        "l => { const r = l.getClientRects()[0]; return [r.left, r.top, r.bottom]; }"
    )
    where = box.bounding_box()
    middle = where["y"] + where["height"] / 2
    assert first_line[1] <= middle <= first_line[2]
    assert where["x"] + where["width"] <= first_line[0]
    box.check()
    expect(box).to_be_checked()


def test_add_a_product_stops_at_the_twenty_lines_the_calculator_adds_up(
    live_server, page_factory, starter_content
):
    page = page_factory(width=1280)
    filled = "&".join(["form=magnesium-glycinate&mg=100"] * 18)
    page.goto(f"{live_server.url}/calculator/?{filled}")
    products = page.get_by_role("group", name=re.compile(r"^Product \d+$"))
    expect(products).to_have_count(19)  # 18 and a spare blank line
    add = page.get_by_role("button", name="Add a product")
    add.click()
    expect(products).to_have_count(20)
    expect(add).to_be_hidden()
    new = line(page, "Product 20").get_by_label("Form of magnesium on the label")
    expect(new).to_have_attribute("id", "id_p20_form")
    assert page.problems == []


def medicine_line(page, number: int):
    return line(page, f"Medicine {number}")


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("javascript", [True, False])
def test_reader_enters_their_medicines_and_reads_when_magnesium_fits(
    live_server, page_factory, starter_content, width, javascript
):
    page = page_factory(width=width, javascript=javascript)
    page.goto(live_server.url + "/calculator/")
    expect(page.get_by_role("button", name="Add a medicine")).to_have_count(1 if javascript else 0)
    medicine_line(page, 1).get_by_label("Medicine", exact=True).fill("Cipro")
    medicine_line(page, 1).get_by_label("When you take it (optional)").fill("20:00")
    medicine_line(page, 2).get_by_label("Medicine", exact=True).fill("synthroid")
    page.get_by_role("button", name="Calculate").click()

    # No product was entered: the page answers for the medicines alone.
    page.wait_for_url(re.compile(r"medicine=Cipro.*#result$"))
    answer = page.locator("#result")
    expect(answer.get_by_role("heading", level=2)).to_have_text(
        "When to take magnesium with your medicines"
    )
    # Cipro at 20:00 rules out 14:00 to 22:00; levothyroxine at 08:00, 04:00 to 12:00.
    expect(answer).to_contain_text("Suggested times for magnesium: 12:00 to 14:00, or 22:00")
    expect(answer).to_contain_text("we assumed one morning dose at 08:00")
    expect(answer.get_by_role("link", name="Quinolone antibiotics")).to_have_attribute(
        "href", "/interactions/quinolones/"
    )
    expect(page.get_by_role("alert")).to_have_count(0)

    # A third medicine: a spare line without JavaScript, a new one with it.
    if javascript:
        page.get_by_role("button", name="Add a medicine").click()
        expect(medicine_line(page, 4).get_by_label("Medicine", exact=True)).to_be_focused()
        third = medicine_line(page, 4)
    else:
        third = medicine_line(page, 3)
    third.get_by_label("Medicine", exact=True).fill("omeprazole")
    page.get_by_role("button", name="Calculate").click()
    page.wait_for_url(re.compile(r"medicine=omeprazole.*#result$"))
    expect(page.locator("#result")).to_contain_text(
        "The time of day does not matter for proton pump inhibitors"
    )
    expect(medicine_line(page, 1).get_by_label("When you take it (optional)")).to_have_value(
        "20:00"
    )
    assert not has_horizontal_scroll(page), f"sideways scrolling at {width}px"
    assert page.problems == []


@pytest.mark.parametrize("javascript", [True, False])
def test_a_mistake_beside_a_medicine_opens_the_page_at_what_to_correct(
    live_server, page_factory, starter_content, javascript
):
    """The medicines are answered even when a product line has a mistake, but the page must
    open at the mistake (nothing was added up), not jump past it to the medicines' answer."""
    page = page_factory(width=360, javascript=javascript)
    page.goto(live_server.url + "/calculator/")
    first_line(page).get_by_label("Form of magnesium on the label").select_option(
        label="Magnesium glycinate (14.1%)"
    )
    first_line(page).get_by_label("Amount of the compound per serving (mg)").fill("lots")
    medicine_line(page, 1).get_by_label("Medicine", exact=True).fill("Cipro")
    page.get_by_role("button", name="Calculate").click()
    page.wait_for_url(re.compile(r"medicine=Cipro"))

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please correct this entry")
    expect(summary).to_be_in_viewport()
    expect(
        page.get_by_role("heading", name="When to take magnesium with your medicines")
    ).to_have_count(1)
    assert page.problems == []


def test_on_a_phone_a_total_above_the_limit_is_not_green_and_its_warning_is_on_the_first_screen(
    live_server, page_factory, starter_content
):
    page = page_factory(width=360, javascript=False)
    query = "form=magnesium-oxide&mg=1000&servings=2&age=51-plus-years&sex=female&kidney=1"
    page.goto(f"{live_server.url}/calculator/?{query}#result")
    colour = "el => getComputedStyle(el).color"
    total = page.locator(".calc-result__figure strong")
    assert total.evaluate(colour) == page.locator("body").evaluate(colour)
    warning = page.get_by_text(
        "This is above the limit even for people whose kidneys work normally"
    )
    assert warning.bounding_box()["y"] < page.viewport_size["height"]  # opened at #result
    within = "form=magnesium-glycinate&mg=500&age=51-plus-years&sex=female"
    page.goto(f"{live_server.url}/calculator/?{within}#result")
    assert total.evaluate(colour) != page.locator("body").evaluate(colour)


def test_on_the_narrowest_phone_the_intake_tables_fit_without_scrolling_sideways(
    live_server, page_factory, starter_content
):
    page = page_factory(width=320, javascript=False)
    page.goto(f"{live_server.url}/calculator/")
    tables = page.locator("table.intake-table")
    expect(tables).to_have_count(2)
    for table in tables.all():
        box = table.locator("xpath=..")
        assert box.evaluate("b => b.scrollWidth <= b.clientWidth"), table.inner_text()[:80]


def test_without_javascript_a_label_check_link_reads_the_amount_as_magnesium(
    live_server, page_factory, starter_content
):
    # The reader audit's case: "Magnesium 400 mg (as citrate)" typed as the compound.
    page = page_factory(width=360, javascript=False)
    query = "form=magnesium-citrate&mg=400&food=almonds-dry-roasted&food_servings=2&age=31-50"
    page.goto(f"{live_server.url}/calculator/?{query}&sex=female#result")
    check = page.locator(".calc-reading")
    expect(check).to_contain_text("your day has 400 mg from supplements and medicines, over")
    check.get_by_role("link", name="Work it out with 400 mg of magnesium").click()

    page.wait_for_url(re.compile(r"elemental_mg=400.*#result$"))
    expect(page.locator("#result")).to_contain_text("Above the upper limit. 400 mg a day")
    expect(page.locator(".calc-reading")).to_have_count(0)
    product = first_line(page)
    expect(product.get_by_label("Amount of the compound per serving (mg)")).to_have_value("")
    expect(product.get_by_label("Elemental magnesium per serving (mg)")).to_have_value("400")
    expect(line(page, "Food 1").get_by_label("Servings of this food a day")).to_have_value("2")
    assert not has_horizontal_scroll(page)
    assert page.problems == []
