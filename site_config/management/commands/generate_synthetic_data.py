"""Fill an empty, separate database with a large synthetic data set (see site_config/synthetic.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/magnesium_large \\
        python manage.py migrate && \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/magnesium_large \\
        python manage.py generate_synthetic_data --articles 10000 --forms 500

Two guards keep it away from real content: the database must be empty of content, and it
must be meant for this: its name contains "synthetic" or "large", or you say so with
--i-know-this-is-not-content.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from site_config.synthetic import Sizes, database_has_content, generate

DEDICATED_NAME_WORDS = ("synthetic", "large")


class Command(BaseCommand):
    help = "Generate a large synthetic (not content) data set into an empty, dedicated database."

    def add_arguments(self, parser):
        defaults = Sizes()
        for name in Sizes.__dataclass_fields__:
            parser.add_argument(
                f"--{name.replace('_', '-')}",
                type=int,
                default=getattr(defaults, name),
                help=f"default {getattr(defaults, name)}",
            )
        parser.add_argument(
            "--i-know-this-is-not-content",
            action="store_true",
            dest="confirmed",
            help="Allow a database whose name does not say it is synthetic (it must still "
            "be empty of content).",
        )

    def handle(self, *args, **options):
        name = str(connection.settings_dict["NAME"])
        dedicated = any(word in name.lower() for word in DEDICATED_NAME_WORDS)
        if not (dedicated or options["confirmed"]):
            raise CommandError(
                f"Refusing to write synthetic data into database {name!r}: its name does not "
                f"contain {' or '.join(DEDICATED_NAME_WORDS)!r}. Point DATABASE_URL at a "
                "separate database (e.g. magnesium_large), or pass "
                "--i-know-this-is-not-content for an empty scratch database."
            )
        if database_has_content():
            raise CommandError(
                f"Refusing to write synthetic data into database {name!r}: it already holds "
                "articles, topics, references, forms or foods. Use a new, migrated database."
            )
        sizes = Sizes(**{field: options[field] for field in Sizes.__dataclass_fields__})
        if sizes.articles < 1 or sizes.forms < 1 or sizes.references < 1:
            raise CommandError("--articles, --forms and --references must be at least 1.")
        if min(sizes.__dict__.values()) < 0:
            raise CommandError("Sizes cannot be negative.")
        started = time.monotonic()
        counts = generate(sizes)
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        self.stdout.write(f"Wrote synthetic data (not content) in {elapsed:.1f} s: {summary}.")
