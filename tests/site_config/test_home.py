import re

import pytest

from evidence.models import Grade
from tests.helpers import load_starter_content

pytestmark = pytest.mark.django_db


def _lede_links(html: str) -> dict[str, str]:
    """The links in the home page's opening paragraph, text -> href."""
    lede = re.search(r'<p class="lede">(.*?)</p>', html, re.DOTALL).group(1)
    return {
        re.sub(r"\s+", " ", text.replace("&nbsp;", " ")): href.replace("&amp;", "&")
        for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', lede)
    }


def test_home_questions_link_to_the_pages_that_answer_them(client):
    """The questions the home page asks are links, and each one lands on its answer."""
    load_starter_content()
    links = _lede_links(client.get("/").content.decode())
    answers = {
        "nerve pain": "the one trial of oral magnesium found it no better than a placebo",
        "sleep": "the trials are few and small (those of magnesium in general were in older",
        "How much magnesium is really in a 500 mg capsule?": "71 mg",
        "Is an Epsom salt soak worth it?": "should not soak their feet",
        "Is it safe with kidney disease or in pregnancy?": "if you are pregnant or breastfeeding",
    }
    assert set(links) == set(answers)
    for question, answer in answers.items():
        response = client.get(links[question])
        assert response.status_code == 200, question
        assert answer in response.content.decode(), question


def test_home_names_every_grade_the_evidence_matrix_uses(client):
    """'How we work' lists the grades; a reader who then meets 'Evidence against' or 'No
    evidence' in the matrix should not find it missing from the list."""
    html = client.get("/").content.decode()
    graded = re.search(r"<li>Evidence is graded (.*?)</li>", html).group(1)
    for label in Grade.labels:
        assert label.lower() in graded, label
