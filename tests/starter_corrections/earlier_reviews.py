"""The corrections of the reviews before the fifth (docs/fact-check.md: "Unsourced
statements" and the fourth review)."""

from tests.starter_corrections.pages import (
    BURNING,
    CELLS,
    CHOOSING,
    FOOD,
    FORMS,
    GLYCINATE,
    MIGRAINE,
    SAFELY,
    SIGNS,
    TOPICAL,
    TOPICS,
    WORKS,
    Correction,
    article_page,
)

CORRECTIONS = [
    Correction(
        "glycinate-gentleness-is-a-reputation",
        GLYCINATE,
        article_page(GLYCINATE),
        "Users and clinicians widely report fewer loose stools than with oxide or high-dose "
        "citrate",
        "No trial has compared how often it upsets the stomach with oxide, citrate or any "
        "other form",
    ),
    Correction(
        "glycinate-gentleness-not-graded-limited",
        GLYCINATE,
        article_page(GLYCINATE),
        "Limited, but plausible.",
        "Not tested in trials: a reputation, not a finding.",
    ),
    Correction(
        "glycinate-pregnancy-no-uncited-food-share",
        GLYCINATE,
        article_page(GLYCINATE),
        "and most of it should come from food",
        "counting food and supplements together, and the upper limit for supplements stays "
        "at 350 mg a day",
    ),
    Correction(
        "deficiency-survey-measured-food-not-bodies",
        SIGNS,
        article_page(SIGNS),
        "symptoms from diet alone are uncommon in otherwise healthy people because the "
        "kidneys hold on to magnesium when intake is low",
        "That survey measured what people ate, not the magnesium in their bodies, so it does "
        "not say how many of them are actually low or have symptoms",
    ),
    Correction(
        "serum-test-no-uncited-mechanism",
        SIGNS,
        article_page(SIGNS),
        "The body works to keep the serum level steady, so it can stay normal while stores "
        "in bone and tissue run down.",
        "so a normal result can sit alongside low stores",
    ),
    Correction(
        "other-magnesium-tests-not-covered",
        SIGNS,
        article_page(SIGNS),
        "",
        "We have not checked the evidence on them, so this site does not cover them",
    ),
    Correction(
        "cramps-common-as-the-cochrane-review-says",
        SIGNS,
        article_page(SIGNS),
        "In fact they are very common in people with normal magnesium",
        "Yet cramps are common in their own right: a Cochrane review describes them as often "
        "occurring with older age, exercise and pregnancy",
    ),
    Correction(
        "soles-no-uncited-skin-thickness",
        TOPICAL,
        article_page(TOPICAL),
        "Soles are in fact covered by some of the thickest skin on the body.",
        "we found no study showing that the skin of the feet lets more magnesium through than "
        "skin elsewhere",
    ),
    Correction(
        "oral-route-cited-to-the-transdermal-review",
        TOPICAL,
        article_page(TOPICAL),
        "Oral supplements are the standard, well-studied way to correct low magnesium",
        "describes oral supplements as the well-studied way to treat magnesium deficiency",
    ),
    Correction(
        "soaks-a-comfort-only-for-healthy-feet",
        TOPICAL,
        article_page(TOPICAL),
        "For most people, a warm bath or foot soak is a harmless comfort",
        "If your feet are healthy, a warm bath or foot soak can be a comfort",
    ),
    Correction(
        "oral-forms-not-called-gentler",
        TOPICAL,
        article_page(TOPICAL),
        "Gentler options such as",
        "Forms not on that list, such as",
    ),
    Correction(
        "nerve-pain-no-guess-about-who-responds",
        BURNING,
        article_page(BURNING),
        "If it helps anyone, it is most likely people who are actually low in magnesium.",
        "Whether people who are low in magnesium do better than others has not been shown in "
        "the trials described here.",
    ),
    Correction(
        "nerve-pain-no-uncited-painkiller-claim",
        BURNING,
        article_page(BURNING),
        "Nerve pain responds poorly to ordinary painkillers",
        "Several medicines are recommended for nerve pain.",
    ),
    Correction(
        "nmda-blockers-not-used-as-uncited-support",
        BURNING,
        article_page(BURNING),
        "Medicines that block the NMDA receptor are used in pain medicine, so the idea is "
        "taken seriously.",
        "whether magnesium taken by mouth eases nerve pain is a question only trials can answer",
    ),
    Correction(
        "labels-may-give-compound-or-magnesium",
        WORKS,
        article_page(WORKS),
        "Doses on labels are usually the weight of the whole compound, not the magnesium in it.",
        "A label may give the weight of the whole compound, the magnesium in it, or both",
    ),
    Correction(
        "enzymes-no-uncited-brain-share",
        WORKS,
        article_page(WORKS),
        "Many of those enzymes are busy in the brain and nerves.",
        "",
    ),
    Correction(
        "food-summary-not-most-people",
        FOOD,
        article_page(FOOD),
        "Most people can meet their magnesium needs from food",
        "A well-chosen diet can meet your magnesium needs",
    ),
    Correction(
        "food-no-claim-of-no-interactions",
        FOOD,
        article_page(FOOD),
        "Food covers that need for most people without diarrhoea, without drug interactions",
        "Food can cover that need, as the example day above shows",
    ),
    Correction(
        "food-sources-from-the-nih-table",
        FOOD,
        article_page(FOOD),
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
        article_page(BURNING),
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
        article_page(MIGRAINE),
        "Some people who get diarrhoea switch to a gentler form",
        "Some people who get diarrhoea switch to a form that is not among those most often "
        "reported to cause it",
    ),
    Correction(
        "migraine-form-named-for-the-positive-trials-only",
        MIGRAINE,
        article_page(MIGRAINE),
        "The trials used citrate-based products.",
        "The two trials that found a benefit used citrate products",
    ),
    Correction(
        "migraine-no-uncited-foundation",
        MIGRAINE,
        article_page(MIGRAINE),
        "remain the foundation of migraine prevention",
        "Magnesium is at most one part of a prevention plan",
    ),
    Correction(
        "choosing-no-uncited-most-common-reason",
        CHOOSING,
        article_page(CHOOSING),
        "the most common and best-supported reason",
        "",
    ),
    Correction(
        "choosing-citrate-not-best-studied",
        CHOOSING,
        article_page(CHOOSING),
        "Good; most studied organic form",
        # "moderate" since the ninth review: "limited", as the evidence matrix grades it.
        "Good; limited data",
    ),
    Correction(
        "choosing-no-uncited-consistency-claim",
        CHOOSING,
        article_page(CHOOSING),
        "the differences matter less than taking a sensible dose consistently",
        "the review found that the forms studied all kept magnesium levels normal",
    ),
    Correction(
        "choosing-constipation-says-which-forms-were-tried",
        CHOOSING,
        article_page(CHOOSING),
        "citrate at higher doses, oxide or hydroxide, short term",
        "citrate and hydroxide are sold as laxatives, but we found no constipation trial of either",
    ),
    Correction(
        "safety-form-not-called-gentler",
        SAFELY,
        article_page(SAFELY),
        "Choose a gentler form.",
        "Choose a form less often linked to diarrhoea.",
    ),
    Correction(
        "safety-citrate-laxative-effect-cited-to-the-trial",
        SAFELY,
        article_page(SAFELY),
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
        article_page(CHOOSING),
        "It is popular because it is reputed to be gentle on the stomach",
        "It has a reputation for being gentle on the stomach, which no trial has tested",
    ),
    Correction(
        "glycinate-bottom-line-says-what-the-nih-list-says",
        GLYCINATE,
        article_page(GLYCINATE),
        "Magnesium glycinate is reputed to be gentle on the stomach",
        "Magnesium glycinate is not among the forms the NIH lists as most often causing "
        "diarrhoea, though no trial has shown it to be gentler than others",
    ),
    Correction(
        "safely-opening-makes-no-uncited-comparison",
        SAFELY,
        article_page(SAFELY),
        "Magnesium supplements are among the safer things on the pharmacy shelf",
        "rarely do serious harm to people whose kidneys work normally",
    ),
    Correction(
        "safely-dose-range-stays-within-the-upper-limit",
        SAFELY,
        article_page(SAFELY),
        "For fully reacted glycinate that is roughly 1,420-2,840 mg of compound.",
        "for fully reacted glycinate that is roughly 1,420-2,480 mg of compound.",
    ),
    Correction(
        "glycinate-dose-range-stays-within-the-upper-limit",
        GLYCINATE,
        article_page(GLYCINATE),
        "From fully reacted glycinate that means about 1,420-2,840 mg of compound.",
        "from fully reacted glycinate that is about 1,420-2,480 mg of compound.",
    ),
    Correction(
        "glycinate-groups-are-who-it-is-sold-to-not-candidates",
        GLYCINATE,
        article_page(GLYCINATE),
        "Glycinate is often suggested for the groups below.",
        "Glycinate is marketed to the groups below.",
    ),
    Correction(
        "signs-no-uncited-eyelid-twitching",
        SIGNS,
        article_page(SIGNS),
        "Sudden tight calves or feet, eyelid twitching",
        "",
    ),
]
