from importlib import import_module

import reversion
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from articles.loader import StarterContentError, StarterLoader, rerender_all
from articles.models import batched_content_changes


class Command(BaseCommand):
    help = (
        "Load the starter content shipped in the repository. Creates what is missing, refreshes "
        "records nobody has edited, and never overwrites a record an editor changed or deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--recreate-deleted",
            action="store_true",
            help="Also recreate starter records that an editor deleted.",
        )

    def handle(self, *args, **options):
        loader = StarterLoader(recreate_deleted=options["recreate_deleted"])
        try:
            # All or nothing: a bad starter file leaves the database as it was.
            with transaction.atomic(), reversion.create_revision(), batched_content_changes():
                reversion.set_comment("Loaded starter content")
                # Each app with a `loader` module loads its own content, lowest floor first
                # (INSTALLED_APPS order), so the arrow between the apps still points down.
                for app_config in apps.get_app_configs():
                    if module_has_submodule(app_config.module, "loader"):
                        import_module(f"{app_config.name}.loader").load(loader)
                if loader.written:
                    # Only the records written now must be clean: an editor's work in
                    # progress never stops the loader, nor does a starter page an editor
                    # unpublished (links to it stay plain text until it is published).
                    problems = rerender_all(unpublished_ok=True)
                    if mine := [p for key in loader.written for p in problems.get(key, [])]:
                        raise StarterContentError("\n".join(mine))
        except StarterContentError as error:
            raise CommandError(
                f"Starter content not loaded; nothing was changed.\n{error}"
            ) from error
        self.stdout.write(
            self.style.SUCCESS(f"Starter content: {loader.summary() or 'nothing to do'}.")
        )
