from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = "Evidence matrix"

    def ready(self) -> None:
        # `articles` and `comparisons` lie below this app and must not import it, so this app
        # registers with them: how to resolve `[[evidence:<outcome>]]` links, that its saves
        # change content, and the forms table's `outcome` and `grade` filters and column.
        from articles.signals import track_content_of
        from comparisons.filters.extensions import register_forms_table_extension
        from evidence.forms_table import OutcomeEvidence
        from evidence.links import register

        register()
        track_content_of(self.label)
        register_forms_table_extension(OutcomeEvidence())
