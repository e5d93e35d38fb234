"""Readers' URLs in the starter content (`load_content`), one of each kind, for tests that
check every public page the same way."""

PAGES = [
    "/",
    "/articles/",
    "/articles/burning-feet-and-neuropathic-pain/",
    "/topics/burning-feet/",
    "/forms/?route=oral",
    "/forms/magnesium-glycinate/",
    "/forms/compare/?forms=magnesium-glycinate,magnesium-citrate",
    "/compare/topical-vs-oral/",
    "/evidence/",
    "/evidence/migraine/",
    "/foods/",
    "/calculator/",
    "/search/?q=glycinate",
]

# What else readers and machines fetch: open data, discovery and the health check.
ENDPOINTS = [
    "/forms.csv",
    "/forms.json",
    "/evidence.csv",
    "/evidence.json",
    "/sitemap.xml",
    "/robots.txt",
    "/feed/",
    "/healthz",
]
