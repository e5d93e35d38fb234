"""Which of the site's own pages link, in their templates, to which content pages
(`{% fixed_link %}`, articles/fixed_links.py). Declared here, above every app, as these
pages belong to several of them: a page an editor takes off the site names these pages in
its warnings, and they show the words without the link until it is public again. A new
`{% fixed_link %}` in a template needs its line here (tests/site_config/test_fixed_links.py
checks each is declared)."""

from django.urls import reverse_lazy

from articles.fixed_links import SitePage, declare

HOME = SitePage("the home page", reverse_lazy("home"))
FOODS = SitePage("the foods page", reverse_lazy("comparisons:food_list"))
FORMS_TABLE = SitePage("the forms table", reverse_lazy("comparisons:forms_table"))
COMPARE = SitePage("the page comparing forms", reverse_lazy("comparisons:compare_forms"))
FORM_PAGES = SitePage("every form page")
MEDICINES = SitePage("the medicines page", reverse_lazy("interactions:medicine_list"))


def declare_all() -> None:
    # templates/home.html: the questions in its opening paragraph.
    declare(HOME, "topic", "neuropathic-pain", "sleep", "topical-use", "safety")
    # templates/comparisons/food_list.html
    declare(FOODS, "article", "magnesium-in-food")
    # templates/comparisons/form_detail.html and _pregnancy_note.html, which the forms
    # table and the comparison show too (_dose_note.html)
    declare(FORM_PAGES, "article", "using-magnesium-safely")
    declare(FORMS_TABLE, "article", "using-magnesium-safely")
    declare(COMPARE, "article", "using-magnesium-safely")
    # templates/interactions/medicine_list.html
    declare(MEDICINES, "article", "using-magnesium-safely")
