"""Statements in the starter content that a review held to their sources (docs/fact-check.md,
"Uncited statements"), each as the page a reader sees it on, what it said before and what it
says now. `before` is gone from the page and `after` is on it; both are plain text that also
stands in the starter file, so a test can put `before` back to play a database loaded from
the earlier files. An empty `before` is a statement the page lacked; an empty `after`, one it
dropped."""

import re
import shutil
from collections.abc import Iterable
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import NamedTuple
from unittest.mock import patch

import articles.loader
import comparisons.loader
import evidence.loader
from tests.helpers import visible_text


class Correction(NamedTuple):
    id: str
    file: str  # the starter file, from the repository root
    url: str
    before: str
    after: str


GLYCINATE = "articles/starter/articles/magnesium-glycinate-and-nerve-function.md"
SIGNS = "articles/starter/articles/signs-of-low-magnesium.md"
TOPICAL = "articles/starter/articles/topical-vs-oral-magnesium.md"
BURNING = "articles/starter/articles/burning-feet-and-neuropathic-pain.md"
WORKS = "articles/starter/articles/how-magnesium-works-in-nerves.md"
FOOD = "articles/starter/articles/magnesium-in-food.md"
MIGRAINE = "articles/starter/articles/magnesium-and-migraine.md"
CHOOSING = "articles/starter/articles/choosing-a-form-of-magnesium.md"
SAFELY = "articles/starter/articles/using-magnesium-safely.md"
TOPICS = "articles/starter/topics.toml"
CELLS = "evidence/starter/cells.toml"
FORMS = "comparisons/starter/forms.toml"


def _page(file: str) -> str:
    return "/articles/" + file.rsplit("/", 1)[1].removesuffix(".md") + "/"


CORRECTIONS = [
    Correction(
        "glycinate-gentleness-is-a-reputation",
        GLYCINATE,
        _page(GLYCINATE),
        "Users and clinicians widely report fewer loose stools than with oxide or high-dose "
        "citrate",
        "No trial has compared how often it upsets the stomach with oxide, citrate or any "
        "other form",
    ),
    Correction(
        "glycinate-gentleness-not-graded-limited",
        GLYCINATE,
        _page(GLYCINATE),
        "Limited, but plausible.",
        "Not tested in trials: a reputation, not a finding.",
    ),
    Correction(
        "glycinate-pregnancy-no-uncited-food-share",
        GLYCINATE,
        _page(GLYCINATE),
        "and most of it should come from food",
        "counting food and supplements together, and the upper limit for supplements stays "
        "at 350 mg a day",
    ),
    Correction(
        "deficiency-survey-measured-food-not-bodies",
        SIGNS,
        _page(SIGNS),
        "symptoms from diet alone are uncommon in otherwise healthy people because the "
        "kidneys hold on to magnesium when intake is low",
        "That survey measured what people ate, not the magnesium in their bodies, so it does "
        "not say how many of them are actually low or have symptoms",
    ),
    Correction(
        "serum-test-no-uncited-mechanism",
        SIGNS,
        _page(SIGNS),
        "The body works to keep the serum level steady, so it can stay normal while stores "
        "in bone and tissue run down.",
        "so a normal result can sit alongside low stores",
    ),
    Correction(
        "other-magnesium-tests-not-covered",
        SIGNS,
        _page(SIGNS),
        "",
        "We have not checked the evidence on them, so this site does not cover them",
    ),
    Correction(
        "cramps-common-as-the-cochrane-review-says",
        SIGNS,
        _page(SIGNS),
        "In fact they are very common in people with normal magnesium",
        "Yet cramps are common in their own right: a Cochrane review describes them as often "
        "occurring with older age, exercise and pregnancy",
    ),
    Correction(
        "soles-no-uncited-skin-thickness",
        TOPICAL,
        _page(TOPICAL),
        "Soles are in fact covered by some of the thickest skin on the body.",
        "we found no study showing that the skin of the feet lets more magnesium through than "
        "skin elsewhere",
    ),
    Correction(
        "oral-route-cited-to-the-transdermal-review",
        TOPICAL,
        _page(TOPICAL),
        "Oral supplements are the standard, well-studied way to correct low magnesium",
        "describes oral supplements as the well-studied way to treat magnesium deficiency",
    ),
    Correction(
        "soaks-a-comfort-only-for-healthy-feet",
        TOPICAL,
        _page(TOPICAL),
        "For most people, a warm bath or foot soak is a harmless comfort",
        "If your feet are healthy, a warm bath or foot soak can be a comfort",
    ),
    Correction(
        "oral-forms-not-called-gentler",
        TOPICAL,
        _page(TOPICAL),
        "Gentler options such as",
        "Forms not on that list, such as",
    ),
    Correction(
        "nerve-pain-no-guess-about-who-responds",
        BURNING,
        _page(BURNING),
        "If it helps anyone, it is most likely people who are actually low in magnesium.",
        "Whether people who are low in magnesium do better than others has not been shown in "
        "the trials described here.",
    ),
    Correction(
        "nerve-pain-no-uncited-painkiller-claim",
        BURNING,
        _page(BURNING),
        "Nerve pain responds poorly to ordinary painkillers",
        "Several medicines are recommended for nerve pain.",
    ),
    Correction(
        "nmda-blockers-not-used-as-uncited-support",
        BURNING,
        _page(BURNING),
        "Medicines that block the NMDA receptor are used in pain medicine, so the idea is "
        "taken seriously.",
        "whether magnesium taken by mouth eases nerve pain is a question only trials can answer",
    ),
    Correction(
        "labels-may-give-compound-or-magnesium",
        WORKS,
        _page(WORKS),
        "Doses on labels are usually the weight of the whole compound, not the magnesium in it.",
        "A label may give the weight of the whole compound, the magnesium in it, or both",
    ),
    Correction(
        "enzymes-no-uncited-brain-share",
        WORKS,
        _page(WORKS),
        "Many of those enzymes are busy in the brain and nerves.",
        "",
    ),
    Correction(
        "food-summary-not-most-people",
        FOOD,
        _page(FOOD),
        "Most people can meet their magnesium needs from food",
        "A well-chosen diet can meet your magnesium needs",
    ),
    Correction(
        "food-no-claim-of-no-interactions",
        FOOD,
        _page(FOOD),
        "Food covers that need for most people without diarrhoea, without drug interactions",
        "Food can cover that need, as the example day above shows",
    ),
    Correction(
        "food-sources-from-the-nih-table",
        FOOD,
        _page(FOOD),
        "and most of it can come from seeds",
        "are the richest sources in the NIH food table",
    ),
    Correction(
        "diet-hub-not-most-people",
        TOPICS,
        "/topics/diet/",
        "Food carries no risk of the digestive upset that supplements can cause.",
        "The upper limit for supplements, set to avoid diarrhoea, does not apply to the "
        "magnesium in food",
    ),
    Correction(
        "cramps-hub-common-as-the-cochrane-review-says",
        TOPICS,
        "/topics/muscle-cramps/",
        "But cramps are common in people whose magnesium is normal",
        "often with older age, exercise or pregnancy and usually with no disease to explain them",
    ),
    Correction(
        "burning-feet-hub-no-uncited-first-sign",
        TOPICS,
        "/topics/burning-feet/",
        "Burning feet are a common first sign of peripheral neuropathy",
        "Burning feet can be a sign of peripheral neuropathy",
    ),
    Correction(
        "burning-feet-article-no-uncited-usually",
        BURNING,
        _page(BURNING),
        "Burning feet are usually a sign of",
        "Burning feet are a common sign of",
    ),
    Correction(
        "safety-hub-not-safe-for-most-people",
        TOPICS,
        "/topics/safety/",
        "Magnesium from supplements is safe for most people at sensible doses",
        "Magnesium from supplements has an upper limit, 350 mg a day from the age of 9",
    ),
    Correction(
        "restless-legs-not-covered",
        TOPICS,
        "/topics/muscle-cramps/",
        "",
        "Restless legs, an urge to move the legs rather than a cramp, is a different "
        "condition, and this site does not cover it.",
    ),
    Correction(
        "migraine-switch-form-not-called-gentler",
        MIGRAINE,
        _page(MIGRAINE),
        "Some people who get diarrhoea switch to a gentler form",
        "Some people who get diarrhoea switch to a form that is not among those most often "
        "reported to cause it",
    ),
    Correction(
        "migraine-form-named-for-the-positive-trials-only",
        MIGRAINE,
        _page(MIGRAINE),
        "The trials used citrate-based products.",
        "The two trials that found a benefit used citrate products",
    ),
    Correction(
        "migraine-no-uncited-foundation",
        MIGRAINE,
        _page(MIGRAINE),
        "remain the foundation of migraine prevention",
        "Magnesium is at most one part of a prevention plan",
    ),
    Correction(
        "choosing-no-uncited-most-common-reason",
        CHOOSING,
        _page(CHOOSING),
        "the most common and best-supported reason",
        "",
    ),
    Correction(
        "choosing-citrate-not-best-studied",
        CHOOSING,
        _page(CHOOSING),
        "Good; most studied organic form",
        "Good; moderate data",
    ),
    Correction(
        "choosing-no-uncited-consistency-claim",
        CHOOSING,
        _page(CHOOSING),
        "the differences matter less than taking a sensible dose consistently",
        "the review found that the forms studied all kept magnesium levels normal",
    ),
    Correction(
        "choosing-constipation-says-which-forms-were-tried",
        CHOOSING,
        _page(CHOOSING),
        "citrate at higher doses, oxide or hydroxide, short term",
        "citrate and hydroxide are sold as laxatives, but we found no constipation trial of either",
    ),
    Correction(
        "safety-form-not-called-gentler",
        SAFELY,
        _page(SAFELY),
        "Choose a gentler form.",
        "Choose a form less often linked to diarrhoea.",
    ),
    Correction(
        "safety-citrate-laxative-effect-cited-to-the-trial",
        SAFELY,
        _page(SAFELY),
        "so it loosens stools as the dose rises",
        "gave magnesium as a citrate salt",
    ),
    Correction(
        "glycinate-record-gentleness-untested",
        FORMS,
        "/forms/magnesium-glycinate/",
        "Popular for being easy on the stomach;",
        "Popular for a reputation of being easy on the stomach, which no trial has tested",
    ),
    Correction(
        "citrate-constipation-cell-says-no-trial",
        CELLS,
        "/evidence/constipation/",
        "Loose stools are its commonest side effect, for example in about 1 in 5 people in a "
        "migraine trial, but we found no constipation trial of citrate.",
        "We found no trial of citrate in people with constipation: its laxative effect is "
        "known only as a side effect",
    ),
    Correction(
        "glycinate-record-side-effects-say-what-the-nih-list-says",
        FORMS,
        "/forms/magnesium-glycinate/",
        "Reputed to be gentle on the stomach, though no trial has compared its tolerability",
        # Dropped: the page's digestive-tolerance box already says what the NIH list says and
        # that no trial compared forms (TOLERANCE_MEANINGS), so the record no longer repeats it.
        "",
    ),
    Correction(
        "glycinate-record-no-gentle-reputation-in-the-body",
        FORMS,
        "/forms/magnesium-glycinate/",
        "which fits its gentle reputation",
        "whether it upsets the stomach less often than other forms has not been tested",
    ),
    Correction(
        "glycinate-nerve-pain-cell-not-called-gentle",
        CELLS,
        "/evidence/neuropathic-pain/",
        "No trial has tested glycinate for nerve pain; it is suggested as a gentle, reasonably "
        "absorbed form, not as a proven treatment.",
        "No trial has tested glycinate for nerve pain, so nothing shows that it eases it.",
    ),
    Correction(
        "choosing-glycinate-gentleness-a-reputation",
        CHOOSING,
        _page(CHOOSING),
        "It is popular because it is reputed to be gentle on the stomach",
        "It has a reputation for being gentle on the stomach, which no trial has tested",
    ),
    Correction(
        "glycinate-bottom-line-says-what-the-nih-list-says",
        GLYCINATE,
        _page(GLYCINATE),
        "Magnesium glycinate is reputed to be gentle on the stomach",
        "Magnesium glycinate is not among the forms the NIH lists as most often causing "
        "diarrhoea, though no trial has shown it to be gentler than others",
    ),
    Correction(
        "safely-opening-makes-no-uncited-comparison",
        SAFELY,
        _page(SAFELY),
        "Magnesium supplements are among the safer things on the pharmacy shelf",
        "rarely do serious harm to people whose kidneys work normally",
    ),
    Correction(
        "safely-dose-range-stays-within-the-upper-limit",
        SAFELY,
        _page(SAFELY),
        "For fully reacted glycinate that is roughly 1,420-2,840 mg of compound.",
        "for fully reacted glycinate that is roughly 1,420-2,480 mg of compound.",
    ),
    Correction(
        "glycinate-dose-range-stays-within-the-upper-limit",
        GLYCINATE,
        _page(GLYCINATE),
        "From fully reacted glycinate that means about 1,420-2,840 mg of compound.",
        "from fully reacted glycinate that is about 1,420-2,480 mg of compound.",
    ),
    Correction(
        "glycinate-groups-are-who-it-is-sold-to-not-candidates",
        GLYCINATE,
        _page(GLYCINATE),
        "Glycinate is often suggested for the groups below.",
        "Glycinate is marketed to the groups below.",
    ),
    Correction(
        "signs-no-uncited-eyelid-twitching",
        SIGNS,
        _page(SIGNS),
        "Sudden tight calves or feet, eyelid twitching",
        "",
    ),
]


def still_wrong(client, corrections: Iterable[Correction]) -> list[str]:
    """The ids of the corrections a reader does not see: `before` still on the page, or
    `after` missing. Each page is read once."""
    pages, wrong = {}, []
    for c in corrections:
        text = pages.setdefault(c.url, visible_text(client.get(c.url)))
        if (c.before and c.before in text) or (c.after and c.after not in text):
            wrong.append(c.id)
    return wrong


def of_app(app: str) -> list[Correction]:
    return [c for c in CORRECTIONS if c.file.startswith(f"{app}/")]


# What the review changed besides the wording in CORRECTIONS: the citrate cell's grade, and
# the hubs' main articles (`main_for`, which the earlier files did not have).
EARLIER_GRADE = (
    CELLS,
    'grade = "none"\ndirection = "unclear"\nsummary = "We found no trial of citrate',
    'grade = "limited"\ndirection = "benefit"\nhuman_trials = 1\n'
    'summary = "We found no trial of citrate',
)


@contextmanager
def earlier_starter_files(tmp_path: Path):
    """The starter files of the articles, the forms and the evidence matrix with the
    corrections undone."""
    copies = {}
    with ExitStack() as stack:
        for module in (articles.loader, comparisons.loader, evidence.loader):
            app = module.__name__.split(".")[0]
            copies[app] = tmp_path / app
            shutil.copytree(module.STARTER_DIR, copies[app])
            stack.enter_context(patch.object(module, "STARTER_DIR", copies[app]))

        def copy_of(file: str) -> Path:
            app, _starter, rest = file.split("/", 2)
            return copies[app] / rest

        undo = [(c.file, c.after, c.before) for c in CORRECTIONS if c.after]
        for file, now, before in [EARLIER_GRADE, *undo]:
            path = copy_of(file)
            text = path.read_text()
            assert text.count(now) == 1, now
            path.write_text(text.replace(now, before))
        for path in (copies["articles"] / "articles").glob("*.md"):
            path.write_text(re.sub(r"^main_for = .*\n", "", path.read_text(), flags=re.M))
        yield
