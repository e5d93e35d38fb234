from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "interactions"
    verbose_name = "Medicines and magnesium"

    def ready(self) -> None:
        # The renderer lives in `articles` and must not import this app, so this app tells
        # it how to resolve `[[medicine:<slug>]]` links, that its saves change content, and
        # the rules a reference is the only source of (kept from deletion).
        from articles.reference_uses import register_reference_use
        from articles.signals import track_content_of
        from interactions.links import register

        register()
        track_content_of(self.label)
        register_reference_use(published_rules_sourced_only_by, "is the only source of")


def published_rules_sourced_only_by(reference) -> list:
    """Rules readers see, or will once their date comes."""
    from articles.models import PublishStatus
    from articles.reference_uses import use_of
    from interactions.models import Medicine

    rules = Medicine.objects.filter(status=PublishStatus.PUBLISHED).sourced_only_by(reference)
    return [use_of(medicine) for medicine in rules]
