from django.urls import path

from articles.http import reader_page, reads_only
from feedback import views
from feedback.feeds import ChangeFeed

app_name = "feedback"

urlpatterns = [
    path("report/", views.report, name="report"),
    path("report/thanks/", views.report_thanks, name="report_thanks"),
    path("changes/", views.changes, name="changes"),
    path("changes/feed/", reader_page(reads_only()(ChangeFeed())), name="changes_feed"),
    # The model by label (feedback.models.CHANGE_LIST_URLS), so this app never imports
    # the apps below it for their models.
    path(
        "articles/<slug:slug>/changes/",
        views.page_changes,
        {"model": "articles.article"},
        name="article_changes",
    ),
    path(
        "forms/<slug:slug>/changes/",
        views.page_changes,
        {"model": "comparisons.magnesiumcompound"},
        name="form_changes",
    ),
    path(
        "interactions/<slug:slug>/changes/",
        views.page_changes,
        {"model": "interactions.medicine"},
        name="medicine_changes",
    ),
    path(
        "evidence/<slug:slug>/changes/",
        views.page_changes,
        {"model": "evidence.outcome"},
        name="evidence_changes",
    ),
    # One list for the records a page shows together (feedback.models.LISTED_TOGETHER).
    path(
        "foods/changes/",
        views.kind_changes,
        {"model": "comparisons.food", "title": "Magnesium in foods"},
        name="food_changes",
    ),
    path(
        "calculator/changes/",
        views.kind_changes,
        {"model": "comparisons.intaketable", "title": "The calculator's intake figures"},
        name="intake_changes",
    ),
]
