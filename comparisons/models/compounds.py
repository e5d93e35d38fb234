"""Forms of magnesium: the compounds readers filter, sort and compare.

A supplement form is a chemical compound, so the model is `MagnesiumCompound` (Django already
has "forms"); URLs and pages say "forms", as readers do.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, Prefetch, Q, Value, When
from django.db.models.functions import Lower
from django.urls import reverse

from articles.models import (
    Article,
    ConstraintsBesideFields,
    ContentLink,
    Publishable,
    PublishableQuerySet,
    PublishStatus,
    Reference,
    RenderedMarkdownModel,
    Topic,
    UniqueInAnyCase,
    lower_case_check,
    lower_case_only,
    unique_in_any_case,
)
from comparisons.models.doses import StatedDose
from comparisons.models.ratings import (
    Bioavailability,
    DoseBasis,
    Evidence,
    Route,
    Tolerance,
    choice_rank,
)

# The US Daily Value for magnesium on food and supplement labels: 420 mg for adults and children
# aged 4 and over (FDA, 21 CFR 101.9(c)(8)(iv); quoted in the NIH ODS fact sheet,
# reference key `ods-magnesium-hp`). Older labels used 400 mg.
DAILY_VALUE_MG = 420
DAILY_VALUE_REFERENCE_KEY = "ods-magnesium-hp"


class MagnesiumCompoundQuerySet(PublishableQuerySet):
    def alphabetical(self) -> MagnesiumCompoundQuerySet:
        """By name as a reader reads a list: "Magnesium L-threonate" among the l's, not before
        "Magnesium aspartate" as a case-sensitive order (the model's default) puts it."""
        return self.order_by(Lower("name"))

    def with_ranks(self) -> MagnesiumCompoundQuerySet:
        return self.annotate(
            bioavailability_rank=choice_rank("bioavailability", Bioavailability),
            evidence_rank=choice_rank("evidence", Evidence),
            tolerance_rank=choice_rank("tolerance", Tolerance),
        )

    def by_absorption(self, route: str = "") -> MagnesiumCompoundQuerySet:
        """Best absorbed first, then by name. With a route, by absorption that way: a form
        rated for another route (chloride, by mouth, on a hub about the skin) has no rating
        here, so it comes after those rated for it, by name, never ranked by the other
        route's rating."""
        ranked = self.with_ranks()
        if not route:
            return ranked.order_by("-bioavailability_rank", Lower("name"))
        rank_here = Case(When(route=route, then=F("bioavailability_rank")), default=Value(-1))
        return ranked.alias(rank_here=rank_here).order_by("-rank_here", Lower("name"))

    def for_table(self) -> MagnesiumCompoundQuerySet:
        """What the forms table and its exports show, in a fixed number of queries. Each
        form's uses come as a plain list, `table_uses` (a related manager per row costs more
        than the rest of the row), with only their names and slugs: a topic's body is long."""
        from comparisons.models.preparations import Preparation

        return self.defer("body", "body_html", "citations").prefetch_related(
            Prefetch("uses", queryset=Topic.objects.only("name", "slug"), to_attr="table_uses"),
            Prefetch(
                "preparations",
                queryset=Preparation.objects.only("compound", "route").order_by(),
                to_attr="table_preparations",
            ),
        )

    def with_sources(self) -> MagnesiumCompoundQuerySet:
        """Everything a profile or a side-by-side comparison shows, with the figures' sources."""
        return self.prefetch_related(
            "uses",
            "elemental_refs",
            "bioavailability_refs",
            "dose_refs",
            "cautions_refs",
            "preparations__refs",
        )

    def for_calculator(self) -> MagnesiumCompoundQuerySet:
        """What the calculator needs of every form: its figure, its salts (each with its own
        figure), its absorption rating and their sources, and the ways it is taken."""
        return (
            self.only(
                "name",
                "slug",
                "route",
                "elemental_percent",
                "elemental_basis",
                "bioavailability",
                "evidence",
            )
            .prefetch_related(
                "elemental_refs", "bioavailability_refs", "salts__refs", "preparations"
            )
            .order_by(Lower("name"))
        )

    def for_routes(self, routes: list[str]) -> MagnesiumCompoundQuerySet:
        """Forms taken any of these ways: as their main route or as any preparation. One
        row per form, however many of its preparations match."""
        from comparisons.models.preparations import Preparation

        preparations = Preparation.objects.filter(route__in=routes)
        return self.filter(Q(route__in=routes) | Q(pk__in=preparations.values("compound_id")))

    def for_uses(self, slugs: list[str]) -> MagnesiumCompoundQuerySet:
        """Forms recommended for any of these topics."""
        through = MagnesiumCompound.uses.through.objects.filter(topic__slug__in=slugs)
        return self.filter(pk__in=through.values("magnesiumcompound_id"))

    def search(self, text: str) -> MagnesiumCompoundQuerySet:
        """Forms where every word appears in the name or other names. A word no published
        form's names hold ("sleep", "laxative") is looked for in what each form's page says of
        it in brief too: its summary, its side effects and its uses. So "oxide" does not list
        the forms whose summaries compare them with oxide, and "laxative" lists citrate and
        sulfate, whose side effects say they are used or act as one."""
        queryset = self
        for word in text.split():
            named = Q(name__icontains=word) | Q(other_names__icontains=word)
            in_uses = MagnesiumCompound.uses.through.objects.filter(topic__name__icontains=word)
            said = (
                Q(summary__icontains=word)
                | Q(side_effects__icontains=word)
                | Q(pk__in=in_uses.values("magnesiumcompound_id"))
            )
            no_form_named = ~Exists(MagnesiumCompound.objects.published().filter(named))
            queryset = queryset.filter(named | (no_form_named & said))
        return queryset


class MagnesiumCompound(
    UniqueInAnyCase, StatedDose, ConstraintsBesideFields, RenderedMarkdownModel, Publishable
):
    """One form of magnesium (glycinate, citrate, Epsom salt...) and the figures readers
    compare, each backed by the references that support it. Published like an article:
    readers see only `published()` forms, wherever forms are listed, linked or offered."""

    Route = Route
    Bioavailability = Bioavailability
    Evidence = Evidence
    Tolerance = Tolerance
    DoseBasis = DoseBasis

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        "end of the web address", max_length=100, unique=True, validators=[lower_case_only]
    )
    other_names = models.TextField(
        blank=True, help_text="One name per line, e.g. magnesium bisglycinate."
    )
    route = models.CharField(max_length=10, choices=Route)
    summary = models.CharField(max_length=400, help_text="One or two sentences.")

    elemental_percent = models.DecimalField(
        "elemental magnesium (% by weight)",
        max_digits=5,
        decimal_places=2,
        help_text="Magnesium as a share of the compound's weight, more than 0 and at most 100.",
    )
    elemental_basis = models.TextField(
        blank=True,
        help_text="Which salt or hydrate the figure is for, with formula and molar mass.",
    )
    elemental_refs = models.ManyToManyField(
        Reference,
        related_name="elemental_figure_for",
        blank=True,
        verbose_name="sources for the magnesium share",
    )

    bioavailability = models.CharField(max_length=10, choices=Bioavailability)
    evidence = models.CharField(
        "absorption data behind the bioavailability rating", max_length=10, choices=Evidence
    )
    evidence_note = models.TextField(blank=True)
    bioavailability_refs = models.ManyToManyField(
        Reference,
        related_name="bioavailability_figure_for",
        blank=True,
        verbose_name="sources for the bioavailability rating",
    )

    tolerance = models.CharField(
        "digestive tolerance",
        max_length=10,
        choices=Tolerance,
        help_text="Not on NIH diarrhoea list: the NIH fact sheet does not name the form among "
        "those most often reported to cause diarrhoea (not proof it is gentle). Loose stools "
        "at high doses: citrate. Often linked to diarrhoea: carbonate, chloride, gluconate "
        "and oxide (the NIH list), hydroxide and sulfate (sold as laxatives).",
    )
    uses = models.ManyToManyField(
        Topic,
        related_name="compounds",
        blank=True,
        # Readers see these as "Often taken for", never as a proven benefit (issue 20).
        help_text="What people commonly take this form for, not what it is proven to do.",
    )
    side_effects = models.TextField(blank=True)

    dose_low_mg = models.PositiveSmallIntegerField(
        # Named as the history's change messages name it: "typical dose to (...)" read as
        # "Changed Typical dose to (mg elemental/day)", as if that were the new value.
        "lowest typical dose (mg elemental/day)",
        null=True,
        blank=True,
        help_text="Leave both dose fields empty when no dose applies; say why in the dose note.",
    )
    dose_high_mg = models.PositiveSmallIntegerField(
        "highest typical dose (mg elemental/day)", null=True, blank=True
    )
    dose_basis = models.CharField(
        "what the dose is",
        max_length=10,
        choices=DoseBasis,
        default=DoseBasis.TYPICAL,
        help_text="Typical dose: the range trials of general supplementation use. Maker's "
        "suggested amount: the maker's figure, not a dose established by trials; every page "
        "showing the dose says so.",
    )
    dose_note = models.TextField(blank=True)
    dose_refs = models.ManyToManyField(
        Reference,
        related_name="dose_figure_for",
        blank=True,
        verbose_name="sources for the typical dose",
    )

    cautions = models.TextField(blank=True)
    cautions_refs = models.ManyToManyField(
        Reference,
        related_name="cautions_for",
        blank=True,
        verbose_name="sources for the cautions",
        help_text="The sources of the cautions' figures and warnings (spacing of medicines, "
        "kidney disease, the conditions labels warn about).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MagnesiumCompoundQuerySet.as_manager()

    LINK_KIND: ClassVar[str | None] = "form"
    UNIQUE_IN_ANY_CASE = ("name",)

    CONSTRAINT_FIELDS = {
        "compound_elemental_percent_range": "elemental_percent",
        "compound_dose_range": "dose_high_mg",
    }

    class Meta:
        ordering = [Lower("name")]  # as the forms table sorts: "L-threonate" after "aspartate"
        verbose_name = "form of magnesium"
        verbose_name_plural = "forms of magnesium"
        constraints = [
            *Publishable.Meta.constraints,
            lower_case_check("slug", "compound_slug_lower_case"),
            unique_in_any_case("name", "compound_name_unique_in_any_case"),
            models.CheckConstraint(
                condition=Q(elemental_percent__gt=0, elemental_percent__lte=100),
                name="compound_elemental_percent_range",
                # "%%": Django formats the message with the constraint's name.
                violation_error_message="Elemental magnesium must be over 0 and at most 100%%.",
            ),
            models.CheckConstraint(
                condition=Q(route__in=Route.values), name="compound_route_valid"
            ),
            models.CheckConstraint(
                condition=Q(bioavailability__in=Bioavailability.values),
                name="compound_bioavailability_valid",
            ),
            models.CheckConstraint(
                condition=Q(evidence__in=Evidence.values), name="compound_evidence_valid"
            ),
            models.CheckConstraint(
                condition=Q(tolerance__in=Tolerance.values), name="compound_tolerance_valid"
            ),
            models.CheckConstraint(
                condition=Q(dose_basis__in=DoseBasis.values), name="compound_dose_basis_valid"
            ),
            models.CheckConstraint(
                # Both or neither; spelled out because a comparison with NULL is not false.
                condition=Q(dose_low_mg__isnull=True, dose_high_mg__isnull=True)
                | Q(
                    dose_low_mg__isnull=False,
                    dose_high_mg__isnull=False,
                    dose_low_mg__gt=0,
                    dose_low_mg__lte=F("dose_high_mg"),
                ),
                name="compound_dose_range",
                violation_error_message=(
                    "Give the typical dose as a range from a lower to a higher number of mg "
                    "(the same number twice for a single dose), or leave both empty."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name_in_sentence(self) -> str:
        """'Magnesium L-threonate' inside a sentence: 'magnesium L-threonate'."""
        return self.name[:1].lower() + self.name[1:]

    def clean(self) -> None:
        """Beside the body's checks: a published form says who should not take it. Emptied,
        the kidney and antibiotic cautions vanished from its page, their sources left."""
        errors: dict = {}
        if self.status == PublishStatus.PUBLISHED and not (self.cautions or "").strip():
            errors["cautions"] = [
                "Readers of a published form are told who should not take it and what to keep "
                "it apart from: write its cautions, or save the form as a draft until you can."
            ]
        low, high = self.dose_low_mg, self.dose_high_mg
        if low is not None and high is not None and 0 < high < low:
            errors["dose_high_mg"] = [
                f"The higher figure ({high} mg) is below the lower one ({low} mg): swap them, "
                "or give the same number twice for a single dose."
            ]
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("comparisons:form_detail", kwargs={"slug": self.slug})

    @property
    def other_names_list(self) -> list[str]:
        return [line.strip() for line in self.other_names.splitlines() if line.strip()]

    def routes(self) -> list[str]:
        """Every way the form is taken: its main route and its preparations' routes, in the
        order of Route (oral, topical). Uses the preparations prefetched by `for_table` or
        `with_sources` when there are any."""
        preparations = getattr(self, "table_preparations", None)
        if preparations is None:
            preparations = self.preparations.all()
        found = {self.route, *(preparation.route for preparation in preparations)}
        return [route for route in Route.values if route in found]

    @property
    def absorbed_poorly_by_mouth(self) -> bool:
        """Taken by mouth and rated low for absorption (oxide, hydroxide): a sum of what is
        swallowed says more than the body takes up."""
        return self.route == Route.ORAL and self.bioavailability == Bioavailability.LOW

    def other_routes(self) -> list[str]:
        """The ways it is taken besides its main route, in words: "topical" for chloride,
        shown as "Oral (also topical)" wherever the route is."""
        return [Route(route).label.lower() for route in self.routes() if route != self.route]

    def articles_mentioning(self):
        """Published articles whose body links here with [[form:slug]] (stored backlinks)."""
        links = ContentLink.objects.to(self.LINK_KIND, self.slug).from_model(Article)
        return Article.objects.published().filter(pk__in=links.values("source_id"))
