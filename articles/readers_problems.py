"""What a text would show readers broken, though it renders: images with no real description
or that readers' browsers will not load, links to addresses that lead to "Page not found"
(articles/site_links.py), and a list pasted from a document that runs together as one
paragraph (articles/link_shapes.py).

One rule for each: the preview's "To fix" names it as the editor types; the save of a page
readers can open, or will on a scheduled date, is refused with the same words and the text
kept in the form; a draft may keep it, and its save warns with the same words
(`problems_in` in articles/models/rendered.py, `SafeEditingAdmin.save_warnings`)."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from django.conf import settings

from articles.link_shapes import pasted_bullets_problem
from articles.models.images import ALT_PLACEHOLDER
from articles.rendering import Rendered
from articles.site_links import site_link_problems

# An image in rendered HTML (articles.rendering keeps only src, alt, title and sizes).
IMAGE = re.compile(r"<img\b([^>]*)>")
SRC = re.compile(r'\bsrc="([^"]*)"')
ALT = re.compile(r'\balt="([^"]*)"')
# A description that is only a file name ("chart.png", "IMG_2041.JPG"): it tells readers
# nothing of what the image shows.
FILE_NAME = re.compile(r"[^\s/\\]+\.(?:png|jpe?g|gif|webp|svg|avif|heic|bmp|tiff?)", re.I)
EXAMPLE = "Pumpkin seeds in a bowl"


def readers_problems(rendered: Rendered, *, unpublished_ok: bool = False) -> list[str]:
    """Each problem, in words that say what to change. With `unpublished_ok`, a link to a
    page that exists but is not public yet passes."""
    problems = image_problems(rendered.html)
    problems += site_link_problems(rendered.html, unpublished_ok=unpublished_ok)
    if rendered.pasted_bullets:
        problems.append(pasted_bullets_problem(rendered.pasted_bullets))
    return problems


# What a problem names, for the preview to mark it where it stands: "The link to “/x/”…",
# "The image “/media/…”…".
NAMED = re.compile(r"The (link to|image) “([^”]*)”")
LINK_TAG = re.compile(r'<a (?=[^>]*\bhref="([^"]*)")')
IMAGE_TAG = re.compile(r'<img (?=[^>]*\bsrc="([^"]*)")')


def marked_in_preview(rendered_html: str, problems: list[str]) -> str:
    """The preview's HTML with each link and image a problem names marked where it stands
    (css/admin.css), as an unknown citation key is: the notes heading the preview scroll
    out of view as it follows the editor down a long text."""
    named = [found.groups() for found in map(NAMED.match, problems) if found]
    links = {name for what, name in named if what == "link to"}
    images = {name for what, name in named if what == "image"}

    def mark(tag: str, names: set[str], css_class: str):
        def marked(found: re.Match) -> str:
            name = html.unescape(found.group(1))
            return f'<{tag} class="{css_class}" ' if name in names else found.group(0)

        return marked

    rendered_html = LINK_TAG.sub(mark("a", links, "broken-link"), rendered_html)
    return IMAGE_TAG.sub(mark("img", images, "image-to-fix"), rendered_html)


def image_problems(rendered_html: str) -> list[str]:
    """The images still described by the upload's placeholder, with no description or only a
    file name, and those readers' browsers will not load."""
    placeholders, problems, unloadable = 0, [], []
    for attributes in IMAGE.findall(rendered_html):
        src = html.unescape(SRC.search(attributes).group(1)) if "src=" in attributes else ""
        alt = html.unescape(found.group(1)).strip() if (found := ALT.search(attributes)) else ""
        if alt.casefold() == ALT_PLACEHOLDER.casefold():
            placeholders += 1
        elif not alt:
            problems.append(
                f"The image “{src}” has no description, so a reader who cannot see it (a "
                "screen reader reads the description out) learns nothing from it. Write what "
                f"it shows between the square brackets, e.g. ![{EXAMPLE}]({src})."
            )
        elif _file_name(alt, src):
            problems.append(
                f"The image “{src}” is described only by a file name, “{alt}”, which tells "
                "a reader who cannot see it nothing. Write what it shows in its place, "
                f"between the square brackets, e.g. ![{EXAMPLE}]({src})."
            )
        if src and not _loads(src) and src not in unloadable:
            unloadable.append(src)
    if placeholders:
        problems.insert(0, placeholder_problem(placeholders))
    return problems + [image_warning(src) for src in unloadable]


def _file_name(alt: str, src: str) -> bool:
    name = src.rstrip("/").rsplit("/", 1)[-1]
    return bool(FILE_NAME.fullmatch(alt)) or alt in (name, name.rsplit(".", 1)[0])


def placeholder_problem(images: int) -> str:
    which = "An image still has" if images == 1 else f"{images} images still have"
    return (
        f"{which} “{ALT_PLACEHOLDER}” in place of a description, which a screen reader "
        "would read out to readers. Write what the image shows instead of those words, "
        f"between the square brackets, e.g. ![{EXAMPLE}](...)."
    )


def _loads(src: str) -> bool:
    """Whether readers' browsers load the image. The pages load images only from this site
    and the uploads' own storage (settings.MEDIA_ORIGIN, in the Content-Security-Policy),
    so an image from another site, or an address relative to the page ("chart.png"), shows
    as a broken image."""
    origin = getattr(settings, "MEDIA_ORIGIN", None)
    # The site's own names, written out in full ("https://<site>/media/..."): not "*" or ".x".
    own_hosts = {host for host in settings.ALLOWED_HOSTS if host[:1] not in ("*", ".")}
    own_page = src.startswith("/") and not src.startswith("//")
    try:
        parts = urlsplit(src)
        own_site = parts.scheme in ("http", "https") and parts.hostname in own_hosts
    except ValueError:  # "//[bad/x.png": no address at all
        own_site = False
    stored = bool(origin and src.startswith(origin + "/"))
    return own_page or own_site or stored or src.startswith("data:")


def image_warning(src: str) -> str:
    return (
        f"The image “{src}” is not one uploaded to this site, so readers' browsers will not "
        "show it: the pages load images only from here. Upload it with “Add an image” (or "
        "drag it into the box) and use the address that gives."
    )
