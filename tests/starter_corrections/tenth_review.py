"""The tenth review (docs/fact-check.md, "Tenth review (8 December 2026)"): a clinician-
reviewer's audit. The UK label the site cites for magnesium's gaps (emc 2678) gives 3 to 4
hours for iron, quinidine, eltrombopag and penicillamine, which the site listed as having no
gap or a borrowed one; antacid doses can also raise quinidine levels, which no gap prevents;
the other UK label (emc 4841) names medicines the finder lacked (erlotinib, mycophenolate,
polystyrene sulfonate resins); and a label for magnesium taken by mouth rules it out with
severe kidney impairment and with heart-conduction disorders, which the safety guide called
warnings for injections only.

Each wording change is a correction as readers see it (plain text, without the links and
citations around it); the rules, hours, severities and sources the review changed, and the
medicines it added, are in `EARLIER_VALUES`, as (file, now, before) for
`earlier_starter_files`. The new medicines' links in the safety guide become plain names
there, so an earlier site still loads."""

from pathlib import Path

from tests.starter_corrections.pages import (
    BURNING,
    CELLS,
    CHOOSING,
    FORMS,
    MEDICINES,
    PREPARATIONS,
    SAFELY,
    TOPICAL_TABLE,
    TOPICS,
    WORKS,
    Correction,
    article_page,
)

GUIDE = article_page(SAFELY)
HYDROXIDE = "/forms/magnesium-hydroxide/"
SULFATE = "/forms/magnesium-sulfate/"

# The forms whose cautions said the heart and myasthenia warnings were for injections only
# (every oral form; Epsom salt's never said so).
CAUTIONED_FORMS = [
    "glycinate",
    "l-threonate",
    "citrate",
    "oxide",
    "malate",
    "chloride",
    "taurate",
    "carbonate",
    "lactate",
    "aspartate",
    "orotate",
    "gluconate",
    "hydroxide",
]

CORRECTIONS = [
    # The safety guide's table of medicines.
    Correction(
        "safety-guide-iron-penicillamine-eltrombopag-have-the-labels-gap",
        SAFELY,
        GUIDE,
        "UK labels list these without a gap of their own",
        "Separate by 3 to 4 hours, as a UK label for a magnesium medicine asks",
    ),
    Correction(
        "safety-guide-eltrombopag-at-least-4-hours",
        SAFELY,
        GUIDE,
        "",
        "for eltrombopag another UK label says at least 4 hours",
    ),
    Correction(
        "safety-guide-penicillamine-gap-not-borrowed",
        SAFELY,
        GUIDE,
        "For penicillamine we use 4 hours",
        "",
    ),
    Correction(
        "safety-guide-quinidine-levels-can-rise-whatever-the-gap",
        SAFELY,
        GUIDE,
        "",
        "Spacing does not stop the rise in quinidine, whose high levels can upset the heart's "
        "rhythm",
    ),
    Correction(
        "safety-guide-quinidine-antacids-only-with-the-prescriber",
        SAFELY,
        GUIDE,
        "",
        "start a magnesium antacid or laxative only if the doctor who prescribes quinidine agrees",
    ),
    Correction(
        "safety-guide-erlotinib-gap",
        SAFELY,
        GUIDE,
        "",
        "Take magnesium at least 4 hours before or 2 hours after erlotinib",
    ),
    Correction(
        "safety-guide-polystyrene-sulfonate-resins",
        SAFELY,
        GUIDE,
        "",
        "Take no magnesium by mouth with them unless the doctor who prescribes the resin agrees",
    ),
    Correction(
        "safety-guide-digoxin-gap-not-as-for-penicillamine",
        SAFELY,
        GUIDE,
        "we use 4 hours, as for penicillamine",
        "we use 4 hours, the longest gap a UK label gives for other medicines",
    ),
    Correction(
        "safety-guide-general-gap-2-to-4-hours",
        SAFELY,
        GUIDE,
        "one UK label advises leaving 2 to 3 hours between magnesium and other medicines where "
        "possible",
        "UK labels for magnesium medicines advise leaving 2 to 4 hours between magnesium and "
        "other medicines",
    ),
    # Azithromycin and mycophenolate (a reader's audit after the review): the label naming them
    # without a gap of their own asks for two to four hours between its magnesium and any
    # other medicine, the rule digoxin's 4 hours already came from.
    Correction(
        "safety-guide-azithromycin-mycophenolate-the-labels-general-gap",
        SAFELY,
        GUIDE,
        "",
        "A UK label lists them without a gap of their own, but asks for two to four hours "
        "between the magnesium it contains and any other medicine",
    ),
    Correction(
        "safety-guide-azithromycin-mycophenolate-4-hours-as-for-digoxin",
        SAFELY,
        GUIDE,
        "",
        "we use 4 hours, as for digoxin",
    ),
    # Heart-conduction problems and kidney disease: a label for magnesium by mouth.
    Correction(
        "safety-guide-heart-conduction-in-an-oral-label",
        SAFELY,
        GUIDE,
        "The same product information says injected magnesium should generally be avoided in "
        "heart block",
        "A UK label for magnesium taken by mouth rules it out with a disorder of the heart's "
        "conduction, such as a slow heart rhythm (bradycardia)",
    ),
    Correction(
        "safety-guide-warnings-not-only-for-injections",
        SAFELY,
        GUIDE,
        "Those warnings are written for injections, which raise blood magnesium much faster "
        "than tablets do",
        "The myasthenia warning we have found is in a label for injections; the "
        "heart-conduction warning is in a label for magnesium by mouth as well",
    ),
    Correction(
        "safety-guide-kidney-cut-off-of-an-oral-label",
        SAFELY,
        GUIDE,
        "we do not give a single kidney-function cut-off, because the ones that circulate "
        "online do not come from a kidney guideline",
        "A UK label for magnesium taken by mouth rules its product out in severe kidney "
        "impairment, a glomerular filtration rate (GFR) below 30 ml/min",
    ),
    Correction(
        "safety-guide-kidney-cut-off-is-not-a-safe-level",
        SAFELY,
        GUIDE,
        "",
        "That is one label's limit, not a level above which magnesium is safe, and we have "
        "found no kidney guideline that sets one.",
    ),
    # The medicines' own entries.
    Correction(
        "iron-has-the-labels-gap",
        MEDICINES,
        "/interactions/iron/",
        "A UK label for a magnesium medicine names iron among the medicines magnesium can stop "
        "the body absorbing, but sets no gap between them.",
        "Keep iron and magnesium 3 to 4 hours apart: a UK label for a magnesium medicine asks "
        "for that gap, so the timeline uses 4 hours.",
    ),
    Correction(
        "iron-why-names-the-gap",
        MEDICINES,
        "/interactions/iron/",
        "The label lists iron without a time to wait, and none of our sources gives one",
        "A UK label for a magnesium medicine asks for 3 to 4 hours between them; the timeline "
        "takes the longer end.",
    ),
    Correction(
        "quinidine-has-the-labels-gap-and-a-warning-no-gap-prevents",
        MEDICINES,
        "/interactions/quinidine/",
        "A UK label for a magnesium medicine lists quinidine among the medicines magnesium can "
        "keep from being absorbed, with no gap.",
        "Keep quinidine and magnesium 3 to 4 hours apart, as a UK label for a magnesium "
        "medicine asks; the timeline uses 4 hours. Spacing does not help with a second effect: "
        "antacid doses can raise quinidine levels, so do not start a magnesium antacid or "
        "laxative unless the doctor who prescribes your quinidine agrees.",
    ),
    Correction(
        "quinidine-why-urine-and-heart-rhythm",
        MEDICINES,
        "/interactions/quinidine/",
        "The label names it without a waiting time, and none of our sources gives one.",
        "Magnesium salts by mouth can also make the urine alkaline, and a review of antacid "
        "interactions found that antacids slow the kidneys' removal of quinidine, so its level "
        "can rise; timing the doses cannot prevent this, only a change of dose or of medicine. "
        "Quinidine's US label warns that high levels raise the risk of a dangerous heart "
        "rhythm.",
    ),
    Correction(
        "eltrombopag-has-the-labels-gap",
        MEDICINES,
        "/interactions/eltrombopag/",
        "Magnesium can keep eltrombopag from being absorbed, and a UK label for a magnesium "
        "medicine lists it without giving a gap.",
        "Keep eltrombopag and magnesium at least 4 hours apart. One UK label for a magnesium "
        "medicine says at least 4 hours, another 3 to 4; the timeline uses 4 hours.",
    ),
    Correction(
        "azithromycin-gets-the-labels-general-gap",
        MEDICINES,
        "/interactions/azithromycin/",
        "Magnesium can reduce how much azithromycin is absorbed: a UK label for a magnesium "
        "medicine lists it, but gives no gap. Ask your pharmacist how far apart to take the "
        "antibiotic and magnesium.",
        "Keep azithromycin and magnesium 4 hours apart. A UK label for a magnesium medicine "
        "names azithromycin among the medicines whose absorption magnesium can lower, and asks "
        "for two to four hours between that medicine and any other; the timeline takes the "
        "longer end.",
    ),
    Correction(
        "azithromycin-why-the-general-gap",
        MEDICINES,
        "/interactions/azithromycin/",
        "The label names azithromycin without saying how long to wait between the two; we have "
        "found no source that sets a gap, so we do not guess one.",
        "The label sets no gap for azithromycin in particular, only its general two to four "
        "hours for every other medicine, so the timeline uses 4 hours, as for digoxin.",
    ),
    Correction(
        "penicillamine-has-the-labels-own-gap",
        MEDICINES,
        "/interactions/penicillamine/",
        "UK labels list penicillamine among the medicines magnesium can keep from being "
        "absorbed, but give no gap for it.",
        "Keep penicillamine and magnesium 3 to 4 hours apart: a UK label for a magnesium "
        "medicine asks for that gap, so the timeline uses 4 hours.",
    ),
    # The forms' cautions and the topical-vs-oral table: the heart-conduction warning is in a
    # label for magnesium by mouth too (uk-magnaspartate-label), myasthenia's only in the
    # injection label. Epsom salt's cautions never said "injected", so only its sources change.
    *(
        Correction(
            f"{form}-cautions-heart-conduction-in-an-oral-label",
            FORMS,
            f"/forms/magnesium-{form}/",
            "labels for injected magnesium warn about both",
            "a UK label for magnesium taken by mouth rules it out with a heart-conduction "
            "disorder such as a slow heartbeat, and a label for injected magnesium warns that it "
            "can worsen myasthenia.",
        )
        for form in CAUTIONED_FORMS
    ),
    Correction(
        "topical-table-heart-conduction-in-an-oral-label",
        TOPICAL_TABLE,
        "/compare/topical-vs-oral/",
        "as labels for injected magnesium warn about both",
        "",
    ),
    # The laxative pages: the oxide page's rule for kidney disease and older age (the ninth
    # review), and what the UK labels for milk of magnesia and Epsom salts say.
    Correction(
        "hydroxide-cautions-older-age-and-three-days",
        FORMS,
        HYDROXIDE,
        "Do not use laxatives for long periods without medical advice.",
        "With kidney disease or in older age, use it only with medical advice. As a laxative, a "
        "UK label says to use it for no more than three days in a row and to stop at once if "
        "diarrhoea starts, above all in a child or an older person.",
    ),
    Correction(
        "hydroxide-suspension-older-age-and-three-days",
        PREPARATIONS,
        HYDROXIDE,
        "Not for long-term use without medical advice. People with kidney disease should avoid "
        "it unless a doctor advises it:",
        "As a laxative, no more than three days in a row, as a UK label says, and stop at once "
        "if diarrhoea starts, above all in a child or an older person. With kidney disease or "
        "in older age, use it only with medical advice:",
    ),
    Correction(
        "citrate-laxative-solution-older-age-and-children",
        PREPARATIONS,
        "/forms/magnesium-citrate/",
        "People with kidney disease should not use magnesium laxatives unless a doctor tells "
        "them to, because failing kidneys cannot clear the extra magnesium.",
        "With kidney disease or in older age, use it only with medical advice: failing kidneys "
        "cannot clear the extra magnesium, and UK labels for other magnesium laxatives ask for "
        "care in older people. Give it to a child only on a doctor's advice, as children's "
        "upper limits are far lower.",
    ),
    Correction(
        "epsom-oral-laxative-kidneys-and-older-age",
        PREPARATIONS,
        SULFATE,
        "People with kidney disease should avoid magnesium laxatives unless a doctor advises "
        "them: magnesium can build up",
        "A UK label for Epsom salts rules out taking it by mouth with kidney impairment and asks "
        "for care in older or frail people: with kidney disease or in older age, take it only "
        "with medical advice, as magnesium can build up",
    ),
    Correction(
        "epsom-oral-laxative-not-under-12",
        PREPARATIONS,
        SULFATE,
        "The upper limit for children is far lower than for adults (65 mg a day at 1 to 3 "
        "years, 110 mg at 4 to 8 years), so give it to a child only on a doctor's advice.",
        "Do not give it to children under 12, as the same label says; their upper limit is far "
        "lower than an adult's (65 mg a day at 1 to 3 years, 110 mg at 4 to 8 years).",
    ),
    Correction(
        "epsom-dose-note-not-under-12",
        FORMS,
        SULFATE,
        "so give a child oral magnesium sulfate only on a doctor's advice.",
        "and a UK label for Epsom salts says not to give it by mouth to children under 12.",
    ),
    # Nerve pain (item 5): the one trial by mouth (Pickering 2011) found no benefit over a
    # large placebo response; the positive trial we could check (Brill 2002) was an infusion.
    # "Conflicting" set tablets against drips, so the grade is "limited", "no effect".
    Correction(
        "nerve-pain-cell-tablets-no-better-than-placebo",
        CELLS,
        "/evidence/neuropathic-pain/",
        "A systematic review found the few small trials of magnesium for chronic nerve pain "
        "equivocal",
        "Taken by mouth, magnesium eased nerve pain no more than a placebo in the one trial of "
        "45 people; the small positive results came from infusions into a vein in hospital",
    ),
    Correction(
        "nerve-pain-topic-one-oral-trial",
        TOPICS,
        "/topics/neuropathic-pain/",
        "trials of oral magnesium have given conflicting results",
        "the one trial of oral magnesium found it no better than a placebo",
    ),
    Correction(
        "burning-feet-summary-one-oral-trial",
        BURNING,
        article_page(BURNING),
        "the trials of it for nerve pain are few and conflicting",
        "the one trial of it by mouth for nerve pain found it no better than a placebo",
    ),
    Correction(
        "burning-feet-infusion-says-nothing-about-tablets",
        BURNING,
        article_page(BURNING),
        "",
        "so it says nothing about tablets",
    ),
    Correction(
        "burning-feet-fair-summary-unproven",
        BURNING,
        article_page(BURNING),
        "unproven, with conflicting results",
        "the one trial of it by mouth found no benefit over placebo, and the positive results "
        "came from infusions",
    ),
    Correction(
        "burning-feet-no-diary-trial",
        BURNING,
        article_page(BURNING),
        "Give it a fair trial of several weeks and keep a simple symptom diary, so you can "
        "judge whether it helps.",
        "Do not expect a symptom diary to tell you whether it works.",
    ),
    Correction(
        "burning-feet-bottom-line-one-oral-trial",
        BURNING,
        article_page(BURNING),
        "trials of it for neuropathic pain are few and conflicting",
        "the one trial of it by mouth for neuropathic pain found no benefit over placebo",
    ),
    Correction(
        "choosing-nerve-pain-infusions-not-tablets",
        CHOOSING,
        article_page(CHOOSING),
        "trials of magnesium itself conflict",
        "the small positive trials gave it into a vein in hospital",
    ),
    Correction(
        "works-nerve-pain-one-oral-trial",
        WORKS,
        article_page(WORKS),
        "for nerve pain the trials conflict",
        "for nerve pain the one trial of it by mouth found no benefit over placebo",
    ),
    # Glycinate's page and the nerve-pain topic's summary, left saying "conflict" and "mixed
    # evidence" when the grade became "Limited (no effect)" (a reader's audit after it).
    Correction(
        "glycinate-nerve-pain-one-oral-trial",
        FORMS,
        "/forms/magnesium-glycinate/",
        "trials of magnesium for neuropathic pain conflict",
        "in the one trial of magnesium by mouth for neuropathic pain, it did no better than a "
        "placebo",
    ),
    Correction(
        "glycinate-nerve-pain-positive-results-were-infusions",
        FORMS,
        "/forms/magnesium-glycinate/",
        "",
        "the small positive results came from infusions into a vein",
    ),
    Correction(
        "nerve-pain-topic-summary-not-mixed-evidence",
        TOPICS,
        "/topics/neuropathic-pain/",
        "and the mixed evidence on magnesium as an add-on",
        "what trials of magnesium for it found: no benefit over a placebo by mouth in the one "
        "trial, small positive results only from infusions",
    ),
    # Carbonate's solubility (item 6a), as Case 2020's Table 3 gives it (0.18 g per 100 mL).
    Correction(
        "carbonate-solubility-figure",
        FORMS,
        "/forms/magnesium-carbonate/",
        "",
        "(about 0.18 g per 100 mL)",
    ),
]

# The comment that opens them (its wording is the eleventh review's, which named the label).
ADDED_MEDICINES = "\n# Medicines the UK label of Epsom Salts BP taken by mouth (emc 4841:"


def _added_medicines() -> str:
    """The entries added at the end of the medicines' file, from their comment on (the comment
    alone if they are missing, which `earlier_starter_files` then reports)."""
    text = (Path(__file__).resolve().parents[2] / MEDICINES).read_text()
    start = text.find(ADDED_MEDICINES)
    return text[start:] if start >= 0 else ADDED_MEDICINES


EARLIER_VALUES = [
    # Iron, quinidine and eltrombopag were "ask", with no hours, citing the other label.
    (
        MEDICINES,
        'rule = "space"\nbefore_hours = 4\nafter_hours = 4\nseverity = "moderate"\n'
        'summary = "Keep iron',
        'rule = "ask"\nseverity = "moderate"\nsummary = "Keep iron',
    ),
    (
        MEDICINES,
        'takes the longer end."\nreferences = ["uk-smpc-magnesium"]',
        'takes the longer end."\nreferences = ["uk-smpc-magnesium-antacid"]',
    ),
    (
        MEDICINES,
        'rule = "space"\nbefore_hours = 4\nafter_hours = 4\nseverity = "major"\n'
        'prescriber_first = true\nsummary = "Keep quinidine',
        'rule = "ask"\nseverity = "moderate"\nsummary = "Keep quinidine',
    ),
    (
        MEDICINES,
        'references = ["uk-smpc-magnesium", "uk-smpc-magnesium-antacid", "gugler-1983", '
        '"quinidine-label"]',
        'references = ["uk-smpc-magnesium-antacid"]',
    ),
    (
        MEDICINES,
        'rule = "space"\nbefore_hours = 4\nafter_hours = 4\nseverity = "moderate"\n'
        'summary = "Keep eltrombopag',
        'rule = "ask"\nseverity = "moderate"\nsummary = "Keep eltrombopag',
    ),
    (
        MEDICINES,
        'at least 4 hours in the other."\nreferences = ["uk-smpc-magnesium-antacid", '
        '"uk-smpc-magnesium"]',
        'at least 4 hours in the other."\nreferences = ["uk-smpc-magnesium-antacid"]',
    ),
    # Azithromycin was "ask", with no hours (a reader's audit after the review).
    (
        MEDICINES,
        'rule = "space"\nbefore_hours = 4\nafter_hours = 4\nseverity = "moderate"\n'
        'summary = "Keep azithromycin',
        'rule = "ask"\nseverity = "moderate"\nsummary = "Keep azithromycin',
    ),
    # The medicines the finder lacked, and the safety guide's links to them.
    (MEDICINES, _added_medicines(), "\n"),
    (SAFELY, "[[medicine:erlotinib]]", "Erlotinib"),
    (SAFELY, "[[medicine:polystyrene-sulfonate-resins]]", "Polystyrene sulfonate resins"),
    (SAFELY, "[[medicine:mycophenolate]]", "mycophenolate"),
    # The laxative pages' sources: the labels for milk of magnesia and Epsom salts.
    (
        PREPARATIONS,
        'refs = ["wikipedia-mg-citrate", "van-laecke-2023", "uk-milk-of-magnesia-label", '
        '"uk-epsom-salts-label", "fnb-1997"]',
        'refs = ["wikipedia-mg-citrate", "van-laecke-2023"]',
    ),
    (
        PREPARATIONS,
        'refs = ["wikipedia-mg-preparation", "van-laecke-2023", "ods-magnesium-hp", "fnb-1997", '
        '"uk-epsom-salts-label"]',
        'refs = ["wikipedia-mg-preparation", "van-laecke-2023", "ods-magnesium-hp", "fnb-1997"]',
    ),
    (
        PREPARATIONS,
        'refs = ["ods-magnesium-hp", "fnb-1997", "van-laecke-2023", "uk-milk-of-magnesia-label"]',
        'refs = ["ods-magnesium-hp", "fnb-1997", "van-laecke-2023"]',
    ),
    (FORMS, 'dose_refs = ["fnb-1997", "uk-epsom-salts-label"]', 'dose_refs = ["fnb-1997"]'),
    # Nerve pain, magnesium in general: "conflicting", direction unclear, without Brill 2002.
    (
        CELLS,
        'grade = "limited"\ndirection = "no-effect"\nhuman_trials = 3\nhuman_reviews = 2\n'
        'summary = "Taken by mouth',
        'grade = "conflicting"\ndirection = "unclear"\nhuman_trials = 3\nhuman_reviews = 2\n'
        'summary = "Taken by mouth',
    ),
    (
        CELLS,
        'references = ["park-2020", "kirkland-2018", "pickering-2011", "brill-2002"]',
        'references = ["park-2020", "kirkland-2018", "pickering-2011"]',
    ),
]
