from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "Forms, comparisons and foods"

    def ready(self) -> None:
        # The renderer lives in `articles` and must not import this app, so this app tells
        # it how to resolve the link kinds it owns, that its saves change content, and the
        # figures a reference is the only source of (kept from deletion); and `interactions`,
        # below it too, how to tell a form of magnesium typed as a medicine ("milk of magnesia").
        from articles.reference_uses import register_reference_use
        from articles.signals import track_content_of
        from comparisons.links import register
        from comparisons.magnesium_names import forms_named_as_medicines
        from comparisons.sources_needed import figures_sourced_only_by
        from interactions.magnesium_names import register_magnesium_finder

        register()
        track_content_of(self.label)
        register_reference_use(figures_sourced_only_by, "is the only source of the figures of")
        register_magnesium_finder(forms_named_as_medicines)
