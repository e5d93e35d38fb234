from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = "Evidence matrix"

    def ready(self) -> None:
        # `articles` and `comparisons` lie below this app and must not import it, so this app
        # registers with them: how to resolve `[[evidence:<outcome>]]` links, that its saves
        # change content, the forms table's `outcome` and `grade` filters and column, and
        # the grades a reference is the only source of (kept from deletion).
        from articles.reference_uses import register_reference_use
        from articles.signals import track_content_of
        from comparisons.filters.extensions import register_forms_table_extension
        from evidence.forms_table import OutcomeEvidence
        from evidence.links import register

        register()
        track_content_of(self.label)
        register_forms_table_extension(OutcomeEvidence())
        register_reference_use(public_grades_sourced_only_by, "is the only source of")


def public_grades_sourced_only_by(reference) -> list:
    from articles.reference_uses import use_of
    from evidence.models import EvidenceCell

    cells = EvidenceCell.objects.public().sourced_only_by(reference)
    return [use_of(cell) for cell in cells.select_related("outcome", "compound")]
