"""Turn editor Markdown into safe HTML.

One function, `render_markdown`, serves the public pages (HTML stored on save) and the admin
preview (`markdownify`). Python-Markdown builds the HTML, then nh3 keeps only an allow-list of
tags, attributes and URL schemes, so nothing an editor types can run in a reader's browser.

Two site extensions:
- citations `[@key]` / `[@a; @b]` become numbered superscripts pointing at the page's reference
  list (numbered by first use);
- internal links `[[kind:slug]]` / `[[kind:slug|text]]` become links to the target's current
  URL and title. Apps register the link kinds they own with `register_link_kind`, so this
  module never imports the apps above it.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from articles.link_shapes import (
    SINGLE_BRACKET_LINK_RE,
    SPACED_LINK_RE,
    UNCLOSED_ADDRESS_RE,
    MalformedProcessor,
    SingleBracketProcessor,
    pasted_bullets,
)
from articles.markdown_limits import too_slow_to_render
from articles.plain_text import hidden_character_error
from articles.table_cards import CARDS_CLASS, TableCards, focusable_scrolling_tables

# Brackets followed by "(" or by a "[label]" are a Markdown link's text, not a citation: an
# ordinary link may name a handle, "[@magnesium_org](https://example.org)".
NOT_LINK_TEXT = r"(?!\(|\[[^@\]\n])"
CITATION_RE = r"\[@([\w.-]+(?:\s*;\s*@[\w.-]+)*)\]" + NOT_LINK_TEXT
LINK_RE = r"\[\[([a-z]+):([a-z0-9][a-z0-9-]*)(?:\|([^\]\n]+))?\]\]"
# What an editor meant as a link or a citation but wrote another way, which the patterns
# above do not read: "[[form: magnesium-citrate]]", "[[Form:...]]", "[[form:x]" (a bracket
# short), "[form:x]]", "[@a, @b]", "[@ a]". Readers would see it as typed, so it is kept as
# typed and named by the save-time check (articles/models/rendered.py, problems_in).
LOOSE_LINK_RE = r"\[\[[^\[\]\n:]*:[^\[\]\n]*\]{0,2}|\[[A-Za-z]+:[^\[\]\n]*\]\]"
# Possessive (`*+`): a link's text must not match as a citation with its "]" left off.
LOOSE_CITATION_RE = r"\[\s*@[^\[\]\n]*+(?:\]" + NOT_LINK_TEXT + r"|(?!\]))"

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    # A cell's column heading, shown above it when a phone draws the row as a card.
    "th": {"align", "scope", "data-label"},
    "td": {"align", "data-label"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "sup": {"id"},
    "ol": {"start"},
}
ALLOWED_CLASSES = {
    "a": {"internal-link", "cite-ref", "toc-link"},
    "span": {"broken-link"},
    "sup": {"cite"},
    "table": {CARDS_CLASS},
    "ul": {"toc-list"},
}
URL_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class LinkTarget:
    title: str
    url: str
    # A draft or scheduled page: it exists, but readers may not see it yet, so a link to it
    # is plain text (the writer's words, never the target's title) and a problem to fix.
    public: bool = True


# kind -> function taking slugs and returning {slug: LinkTarget} for those that exist.
LinkResolver = Callable[[set[str]], dict[str, LinkTarget]]
_link_kinds: dict[str, LinkResolver] = {}
# kind -> function returning every slug of that kind, to suggest one for a misspelt link.
_link_slugs: dict[str, Callable[[], Iterable[str]]] = {}


def register_link_kind(
    kind: str, resolver: LinkResolver, slugs: Callable[[], Iterable[str]] | None = None
) -> None:
    _link_kinds[kind] = resolver
    if slugs is not None:
        _link_slugs[kind] = slugs


def link_slugs(kind: str) -> Iterable[str]:
    """Every slug of a link kind (none for a kind that does not list them)."""
    slugs = _link_slugs.get(kind)
    return slugs() if slugs else ()


def link_kinds() -> list[str]:
    return sorted(_link_kinds)


def resolve_link(kind: str, slug: str) -> LinkTarget | None:
    """The page a `[[kind:slug]]` link points to, if it exists."""
    return resolve_links(kind, {slug}).get(slug)


def resolve_links(kind: str, slugs: set[str]) -> dict[str, LinkTarget]:
    """The pages these `[[kind:slug]]` links point to, by slug, for those that exist."""
    resolver = _link_kinds.get(kind)
    return resolver(set(slugs)) if resolver and slugs else {}


@dataclass
class Rendered:
    html: str
    toc_html: str = ""
    citations: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    # The broken links whose target exists but is not public yet.
    unpublished_links: list[str] = field(default_factory=list)
    # Text written like a link or a citation that the renderer cannot read (LOOSE_*_RE and
    # articles/link_shapes.py), and lines of a list pasted from a document.
    malformed: list[str] = field(default_factory=list)
    pasted_bullets: list[str] = field(default_factory=list)
    word_count: int = 0
    # Why the text was not rendered at all (articles/markdown_limits.py), or "".
    not_rendered: str = ""

    @property
    def reading_minutes(self) -> int:
        # 220 words a minute is a common figure for reading on screen.
        return max(1, math.ceil(self.word_count / 220))


class _CitationProcessor(InlineProcessor):
    def __init__(self, pattern: str, state: dict) -> None:
        super().__init__(pattern)
        self.state = state

    def handleMatch(self, m, data):
        # Keys are lower case only (a key once saved in capitals was lower-cased by the
        # capitals migration), so "[@Kirkland-2018]" in an older body still finds its source.
        keys = [key.strip().lstrip("@").lower() for key in m.group(1).split(";")]
        sup = etree.Element("sup", {"class": "cite"})
        for position, key in enumerate(keys):
            citations: list[str] = self.state["citations"]
            if key not in citations:
                citations.append(key)
            number = citations.index(key) + 1
            if position:
                sup[-1].tail = ","
            link = etree.SubElement(
                sup, "a", {"href": f"#ref-{number}", "class": "cite-ref", "title": key}
            )
            link.text = str(number)
        return sup, m.start(0), m.end(0)


class _InternalLinkProcessor(InlineProcessor):
    def __init__(self, pattern: str, state: dict) -> None:
        super().__init__(pattern)
        self.state = state

    def handleMatch(self, m, data):
        kind, slug, text = m.group(1), m.group(2), m.group(3)
        target = self.state["targets"].get((kind, slug))
        self.state["links"].append((kind, slug))
        if target is None or not target.public:
            self.state["broken"].append(f"[[{kind}:{slug}]]")
            if target is not None:
                self.state["unpublished"].append(f"[[{kind}:{slug}]]")
            element = etree.Element("span", {"class": "broken-link"})
            # Never the target's title (a draft's may not be public yet): the writer's words,
            # else the address in words, "magnesium malate", not "magnesium-malate".
            element.text = (text or slug.replace("-", " ")).strip()
        else:
            element = etree.Element("a", {"href": target.url, "class": "internal-link"})
            element.text = (text or target.title).strip()
        return element, m.start(0), m.end(0)


class _DemoteH1(Treeprocessor):
    """The page title is the only h1; a `#` heading in a body becomes an h2."""

    def run(self, root):
        for element in root.iter("h1"):
            element.tag = "h2"


class _SiteExtension(Extension):
    def __init__(self, state: dict) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md):
        # Above Python-Markdown's own link patterns (priority 160), so `[@x]` and `[[x]]`
        # are never read as reference-style links.
        md.inlinePatterns.register(_InternalLinkProcessor(LINK_RE, self.state), "site_link", 175)
        md.inlinePatterns.register(_CitationProcessor(CITATION_RE, self.state), "citation", 174)
        # Below those, so only what they leave is caught; above Markdown's reference links.
        loose_link = MalformedProcessor(LOOSE_LINK_RE, self.state)
        md.inlinePatterns.register(loose_link, "loose_link", 173)
        loose_cite = MalformedProcessor(LOOSE_CITATION_RE, self.state)
        md.inlinePatterns.register(loose_cite, "loose_citation", 172)
        single = SingleBracketProcessor(SINGLE_BRACKET_LINK_RE, self.state, link_kinds)
        md.inlinePatterns.register(single, "single_bracket_link", 171)
        for name, pattern in (("spaced_link", SPACED_LINK_RE), ("unclosed", UNCLOSED_ADDRESS_RE)):
            md.inlinePatterns.register(MalformedProcessor(pattern, self.state), name, 170)
        md.treeprocessors.register(_DemoteH1(md), "demote_h1", 25)
        # After the inline patterns (20) and typographic quotes (15): labels as readers see them.
        md.treeprocessors.register(TableCards(md), "table_cards", 12)
        # Typographic quotes before "prettify" (10), not after it (Python-Markdown's 6): it
        # gives every block a line-break tail, and for each tail the inline pass looks the
        # block up among its siblings, so a table of 40,000 rows took 26 seconds, growing
        # with the square of its rows; 4.7 s now. It changes only whitespace, so the HTML
        # is the same.
        smarty = md.treeprocessors["smarty"]
        md.treeprocessors.deregister("smarty")
        md.treeprocessors.register(smarty, "smarty", 15)


def _resolve_links(text: str) -> dict[tuple[str, str], LinkTarget]:
    wanted: dict[str, set[str]] = {}
    for kind, slug, _text in re.findall(LINK_RE, text):
        wanted.setdefault(kind, set()).add(slug)
    targets: dict[tuple[str, str], LinkTarget] = {}
    for kind, slugs in wanted.items():
        resolver = _link_kinds.get(kind)
        if resolver is None:
            continue
        for slug, target in resolver(slugs).items():
            targets[(kind, slug)] = target
    return targets


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str) -> Rendered:
    """Render editor Markdown to sanitised HTML and report what it cites and links to."""
    text = text or ""
    if reason := too_slow_to_render(text):
        return Rendered(html="", not_rendered=reason)
    state: dict = {
        "citations": [],
        "links": [],
        "broken": [],
        "unpublished": [],
        "malformed": [],
        "targets": _resolve_links(text),
    }
    md = markdown.Markdown(
        extensions=[
            "tables",
            "sane_lists",
            "smarty",
            "toc",
            _SiteExtension(state),
        ],
        extension_configs={
            "tables": {"use_align_attribute": True},
            "toc": {"toc_depth": "2-3", "anchorlink": False, "slugify": _heading_id},
        },
        output_format="html",
    )
    # Tab stops added after sanitising, which drops the attribute from an editor's own HTML.
    html = focusable_scrolling_tables(sanitize(md.convert(text)))
    toc_html = ""
    if getattr(md, "toc_tokens", None):
        toc_html = sanitize(_toc_list(md.toc_tokens))
    return Rendered(
        html=html,
        toc_html=toc_html,
        citations=state["citations"],
        links=state["links"],
        broken_links=state["broken"],
        unpublished_links=state["unpublished"],
        malformed=state["malformed"],
        pasted_bullets=pasted_bullets(text),
        word_count=len(re.findall(r"\w+", nh3.clean(html, tags=set()))),
    )


# The ids a page gives its own parts: the skip link's target, the references ("ref-1"), the
# search box, a topic's lists, and the headings and captions of its sections.
PAGE_IDS = re.compile(r"main|ref-\d+|site-search.*|topic-(?:articles|forms)|.*-(?:heading|caption)")


def _heading_id(value: str, separator: str) -> str:
    """A heading's id, as Python-Markdown makes it, but never one the page uses itself: a
    heading "Ref 1" took citation [1]'s jump, and "Main" the skip link's."""
    slug = slugify(value, separator)
    return f"{slug}{separator}section" if PAGE_IDS.fullmatch(slug) else slug


# A citation's number in a heading: not part of the heading's name in the contents list.
CITATION_MARK = re.compile(r'<sup class="cite">.*?</sup>')


def _toc_list(tokens: Iterable[dict]) -> str:
    items = []
    for token in tokens:
        children = _toc_list(token["children"]) if token["children"] else ""
        name = nh3.clean(CITATION_MARK.sub("", token["html"]), tags=set()).strip()
        items.append(f'<li><a class="toc-link" href="#{token["id"]}">{name}</a>{children}</li>')
    return f'<ul class="toc-list">{"".join(items)}</ul>' if items else ""


def markdownify(text: str) -> str:
    """The admin preview (MARKDOWNX_MARKDOWNIFY_FUNCTION): the same renderer as the site,
    headed by what saving a published page would refuse (hidden characters, broken links,
    unknown citation keys, what readers would see broken), in the same words, so the editor
    sees it while writing. An unknown key, a link or an image to fix is marked where it
    stands too, as a broken internal link already is (admin.css):
    numbered like the others, it looked fine there while the list at the top had scrolled
    away."""
    # The models import this module.
    from articles.models.rendered import problems_in, unknown_citations
    from articles.readers_problems import marked_in_preview

    rendered = render_markdown(text)
    # The save's own check of every text readers see (PlainTextChecked).
    hidden = hidden_character_error(text)
    problems = [*([hidden] if hidden else []), *problems_in(rendered)]
    notes = "".join(
        f"<p><strong>To fix:</strong> {nh3.clean(problem, tags=set())}</p>" for problem in problems
    )
    # A link or an image to fix is marked where it stands too.
    html = marked_in_preview(rendered.html, problems)
    for key in set(unknown_citations(rendered)):
        html = re.sub(
            rf'<a class="cite-ref"( href="#ref-\d+" title="{re.escape(key)}")',
            r'<a class="cite-ref cite-ref--unknown"\1',
            html,
        )
    return notes + html
