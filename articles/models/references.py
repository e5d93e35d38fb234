"""The sources the site cites: papers, fact sheets, guidelines and labels."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Left
from reversion.models import Version

from articles.models.letter_case import lower_case_check, lower_case_only
from articles.models.publishing import EditTracked
from articles.versions import zoned_time

# What the database holds (and clean_fields says in words): a plausible year, a PMID of digits.
FIRST_YEAR, LAST_YEAR = 1800, 2100
PMID = re.compile(r"[0-9]+")
# A DOI as Crossref writes it: "10.", the registrant's 4 to 9 digits, "/", the item's name.
DOI = re.compile(r"10\.\d{4,9}/\S+")


class ReferenceKind(models.TextChoices):
    """The kind of evidence a reference is; shown next to every citation."""

    META_ANALYSIS = "meta-analysis", "Meta-analysis"
    RCT = "rct", "Randomised controlled trial"
    OBSERVATIONAL = "observational", "Observational study"
    ANIMAL = "animal", "Animal study"
    IN_VITRO = "in-vitro", "In vitro study"
    REVIEW = "review", "Review"
    GUIDELINE = "guideline", "Guideline"
    FACT_SHEET = "fact-sheet", "Fact sheet"
    CASE_REPORT = "case-report", "Case report"
    LABEL = "label", "Product label or vendor claim"
    DATABASE = "database", "Database"


class Reference(EditTracked):
    """A source the site cites: a paper, a fact sheet, a guideline or a label."""

    Kind = ReferenceKind

    key = models.SlugField(
        max_length=60,
        unique=True,
        validators=[lower_case_only],
        help_text="Cite it as [@key].",
    )
    title = models.CharField(max_length=400)
    authors = models.CharField(max_length=400, blank=True)
    publisher = models.CharField("journal or publisher", max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField(max_length=500, blank=True)
    pmid = models.CharField("PMID", max_length=12, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=Kind)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReferenceKind.values),
                name="reference_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="reference_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(pmid="") | Q(pmid__regex=r"^[0-9]+$"), name="reference_pmid_digits"
            ),
            lower_case_check("key", "reference_key_lower_case"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.title}"

    def clean_fields(self, exclude=None) -> None:
        """The year and the PMID checked beside their boxes, in words: the constraints below
        only guard the database, and their own message names a constraint."""
        errors: dict = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        skip = set(exclude or ()) | set(errors)
        # Before Django's own word for a negative year ("greater than or equal to 0").
        if (
            "year" not in set(exclude or ())
            and isinstance(self.year, int)
            and not FIRST_YEAR <= self.year <= LAST_YEAR
        ):
            errors["year"] = [
                f"Give the year the source was published, between {FIRST_YEAR} and {LAST_YEAR}."
            ]
        if "pmid" not in skip and self.pmid and not PMID.fullmatch(self.pmid):
            hint = (
                " “PMC…” is a PubMed Central number: give the PubMed ID (PMID) shown beside "
                "it on PubMed, or put the article's address under URL."
                if self.pmid.upper().startswith("PMC")
                else ""
            )
            errors["pmid"] = [f"A PMID is digits only, such as 34111673.{hint}"]
        if "doi" not in skip and self.doi and not DOI.fullmatch(self.doi):
            errors["doi"] = [
                "A DOI starts with “10.” and holds a slash, such as 10.3390/nu10060730; "
                "without “https://doi.org/” before it, which the page adds."
            ]
        if errors:
            raise ValidationError(errors)

    @property
    def links(self) -> list[tuple[str, str]]:
        """Where a reader can open the source, most specific first. A plain address is
        named by its site ("ods.od.nih.gov"): a list of links read out of context (a screen
        reader's) would otherwise say "Link" again and again."""
        links = []
        if self.pmid:
            links.append(("PubMed", f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"))
        if self.doi:
            links.append(("DOI", f"https://doi.org/{self.doi}"))
        if self.url and self.url not in {url for _label, url in links}:
            site = urlsplit(self.url).hostname or "Link"
            links.append((site.removeprefix("www."), self.url))
        return links


def what_became_of(key: str) -> str:
    """For a cited key no reference has: what its saved versions (django-reversion) say
    became of the reference that had it, as a sentence to follow "Unknown citation key",
    or "" if none ever had it."""
    # Compared with "=", not `startswith`: SQLite's LIKE ignores capitals and PostgreSQL's
    # does not, so "[@KIRKLAND-2018]" was told the key of "kirkland-2018" on one only.
    prefix = f"{key}: "
    version = (
        Version.objects.get_for_model(Reference)
        .alias(prefix=Left("object_repr", len(prefix)))
        .filter(prefix=prefix)
        .order_by("-pk")
        .first()
    )
    if version is None:
        return ""
    if current := Reference.objects.filter(pk=version.object_id).first():
        return f" That reference's key is now [@{current.key}]: cite it so."
    title = version.field_dict.get("title") or key
    deleted = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Reference),
            object_id=version.object_id,
            action_flag=DELETION,
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    when = ""
    if deleted is not None:
        who = deleted.user.get_full_name() or deleted.user.get_username()
        when = f" on {zoned_time(deleted.action_time)} by {who}"
    return (
        f" Its reference (“{title}”) was deleted{when}: recover it under References "
        "(“Recover deleted references”), or cite another source."
    )
