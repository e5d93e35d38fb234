from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.defaultfilters import pluralize

from site_config.editors import GROUP_NAME
from site_config.invitations import link_days, password_link

DEFAULT_SITE = "http://127.0.0.1:8000"  # where `make run` serves


class Command(BaseCommand):
    help = (
        "Give a user the Editors group (and staff status, so they can log in to /admin/). "
        "With --create, create the user first; with --create or --link, print the link at "
        "which they choose their own password."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--create",
            action="store_true",
            help="Create a new user with this name, with no password until they choose one.",
        )
        parser.add_argument(
            "--link",
            action="store_true",
            help="Print a new password link for an existing user (one used or expired).",
        )
        parser.add_argument(
            "--site",
            default=DEFAULT_SITE,
            help=f"The site's address, for the link (default: {DEFAULT_SITE}).",
        )

    def handle(self, *args, username, create, link, site, **options):
        users = get_user_model()
        exists = users.objects.filter(username=username).exists()
        if create and exists:
            raise CommandError(
                f"A user called {username!r} already exists. Leave out --create to make "
                "them an editor (with --link, to print a link to choose a password), or "
                "choose another name."
            )
        if not create and not exists:
            raise CommandError(
                f"No user called {username!r}. To create them as an editor in one step: "
                f"manage.py add_editor {username} --create"
            )
        try:
            group = Group.objects.get(name=GROUP_NAME)
        except Group.DoesNotExist:
            raise CommandError(
                f"There is no {GROUP_NAME} group yet: run manage.py migrate first."
            ) from None
        with transaction.atomic():
            if create:
                user = self.new_user(users, username)
            else:
                user = users.objects.get(username=username)
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(group)
        done = f"Created the editor {username!r}." if create else f"{username} is now an editor."
        if not (create or link):
            self.stdout.write(self.style.SUCCESS(done))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{done} Send them this link, where they choose their password and are "
                f"logged in:\n{password_link(user, site)}\nIt works once, for {link_days()} "
                f"day{pluralize(link_days())}. Run this command again with --link for a new one."
            )
        )

    def new_user(self, users, username: str):
        """A user with this name, if the name is one Django accepts (letters, digits and
        @.+-_, up to its length), with no usable password until they choose one."""
        try:
            users._meta.get_field(users.USERNAME_FIELD).clean(username, None)
        except ValidationError as error:
            reason = " ".join(error.messages)
            raise CommandError(f"{username!r} cannot be a user name: {reason}") from None
        return users.objects.create_user(username, password=None)
