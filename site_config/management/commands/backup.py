from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from site_config.backup import create_backup


class Command(BaseCommand):
    help = "Write all content, its history and the uploaded images to a portable .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="Where to write (default backups/<time>.tar.gz)"
        )

    def handle(self, *args, path=None, **options):
        target = Path(path or f"backups/magnesium-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        target.parent.mkdir(parents=True, exist_ok=True)
        counts = create_backup(target)
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {target}: {sum(counts.values())} rows.")
        )
