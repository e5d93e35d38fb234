from urllib.parse import parse_qsl, urlencode

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from articles.http import IGNORED_SHOWN, cache_unless_ignored, reader_page, reads_only
from articles.models import ALT_PLACEHOLDER, Article, Topic, image_markdown
from articles.pagination import (
    PAGE_PARAM,
    page_links,
    page_pairs,
    paginate,
    redirect_to_page,
    requested_page,
)
from articles.rendering import markdownify
from articles.structured_data import breadcrumb_list, medical_web_page
from articles.uploads import store_editor_image

# Articles per page of the index and of a topic hub.
ARTICLES_PER_PAGE = 20


def _chosen_topic(request: HttpRequest) -> tuple[Topic | None, list[str]]:
    """The topic the index is filtered by (`topic`, the last one given, in any case) and what
    the request held that the index cannot use, said in words."""
    ignored = [
        format_html("“<bdi>{}</bdi>” is not something this list can be filtered by", name[:40])
        for name in request.GET
        if name not in ("topic", PAGE_PARAM)
    ]
    given = [value.strip().lower() for value in request.GET.getlist("topic")]
    chosen = given[-1] if given else ""
    # One topic, the last given, as with the forms table's single choices; a topic given
    # again the same way loses nothing, and is only redirected away.
    if dropped := list(dict.fromkeys(value for value in given[:-1] if value and value != chosen)):
        shown = ((value[:40],) for value in dropped[:IGNORED_SHOWN])
        more = len(dropped) - IGNORED_SHOWN
        ignored.append(
            format_html(
                "The list takes one topic, the last one given, so {}{} {} not used",
                format_html_join(", ", "“<bdi>{}</bdi>”", shown),
                f" and {more} more" if more > 0 else "",
                "was" if len(dropped) == 1 else "were",
            )
        )
    topic = None
    if chosen:
        topic = Topic.objects.filter(slug__iexact=chosen).first()
        if topic is None:
            ignored.append(
                format_html(
                    "We have no topic called “<bdi>{}</bdi>”, so every article is listed",
                    chosen[:40],
                )
            )
    return topic, ignored


@reader_page
def article_list(request: HttpRequest) -> HttpResponse:
    number = requested_page(request)
    articles = Article.objects.published().prefetch_related("topics")
    topic, ignored = _chosen_topic(request)
    query = urlencode({"topic": topic.slug}) if topic else ""
    if topic:
        articles = articles.for_topic(topic)
    # Another spelling of a valid address (SLEEP, a repeated topic, page=1) goes to the one
    # canonical URL; an address with something ignored is answered here, saying what.
    canonical = [*([("topic", topic.slug)] if topic else []), *page_pairs(number)]
    if not ignored and parse_qsl(request.META.get("QUERY_STRING", ""), True) != canonical:
        return redirect_to_page(request, query, number)
    page = paginate(articles, number, ARTICLES_PER_PAGE)
    response = render(
        request,
        "articles/article_list.html",
        {
            "articles": page.object_list,
            "page_obj": page,
            "page_links": page_links(page, query),
            "topics": Topic.objects.with_published_articles(),
            "current_topic": topic,
            "ignored": ignored,
            # The topic and page shown, as the redirect above writes them: "Articles on
            # sleep" is not the whole list.
            "canonical_url": request.build_absolute_uri(
                f"{request.path}?{urlencode(canonical)}" if canonical else request.path
            ),
        },
    )
    return cache_unless_ignored(response, ignored)


@reader_page
@reads_only()
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Staff may open drafts and scheduled articles at their real URL; everyone else gets 404.
    article = get_object_or_404(
        Article.objects.visible_to(request.user).prefetch_related("topics"), slug=slug
    )
    url = request.build_absolute_uri(request.path)
    is_preview = not article.is_public
    context = {
        "article": article,
        "references": article.cited_references(),
        "related": article.related(),
        "is_preview": is_preview,
        "structured_data": medical_web_page(article, url=url),
        "breadcrumbs": breadcrumb_list(
            [
                ("Home", request.build_absolute_uri(reverse("home"))),
                ("Articles", request.build_absolute_uri(reverse("articles:article_list"))),
                (article.title, url),
            ]
        ),
    }
    response = render(request, "articles/article_detail.html", context)
    if is_preview:
        add_never_cache_headers(response)
    return response


@staff_member_required
@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The markdownx editor's live preview, through the site's own sanitising renderer."""
    content = request.POST.get("content")
    if content is None:
        return HttpResponseBadRequest("Send the Markdown to preview as the 'content' field.")
    return HttpResponse(markdownify(content))


@staff_member_required
@require_POST
def image_upload(request: HttpRequest) -> JsonResponse:
    """The markdownx editor's drag-and-drop upload; answers the JSON its script expects."""
    if not request.user.has_perm("articles.add_uploadedimage"):
        return JsonResponse({"image": ["You may not add images."]}, status=403)
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"image": ["Choose an image to upload."]}, status=400)
    try:
        url = store_editor_image(upload, request.user)
    except ValidationError as error:
        return JsonResponse({"image": error.messages}, status=400)
    # The script selects the placeholder, for the editor to type the description over.
    return JsonResponse({"image_code": image_markdown(url), "alt_placeholder": ALT_PLACEHOLDER})
