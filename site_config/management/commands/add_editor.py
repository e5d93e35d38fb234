import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from site_config.editors import GROUP_NAME


class Command(BaseCommand):
    help = (
        "Give a user the Editors group (and staff status, so they can log in to /admin/). "
        "With --create, create the user first, with a one-time password shown once."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--create",
            action="store_true",
            help="Create a new user with this name and print a one-time password for them.",
        )

    def handle(self, *args, username, create, **options):
        users = get_user_model()
        exists = users.objects.filter(username=username).exists()
        if create and exists:
            raise CommandError(
                f"A user called {username!r} already exists. Leave out --create to make "
                "them an editor, or choose another name."
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
        password = secrets.token_urlsafe(12) if create else None
        with transaction.atomic():
            if create:
                user = self.new_user(users, username, password)
            else:
                user = users.objects.get(username=username)
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(group)
        if password is None:
            self.stdout.write(self.style.SUCCESS(f"{username} is now an editor."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the editor {username!r}. They log in at /admin/ with the one-time "
                f"password: {password}\n(It is shown only now. Once logged in, they choose "
                "their own under 'Change password'.)"
            )
        )

    def new_user(self, users, username: str, password: str):
        """A user with this name, if the name is one Django accepts (letters, digits and
        @.+-_, up to its length)."""
        try:
            users._meta.get_field(users.USERNAME_FIELD).clean(username, None)
        except ValidationError as error:
            reason = " ".join(error.messages)
            raise CommandError(f"{username!r} cannot be a user name: {reason}") from None
        return users.objects.create_user(username, password=password)
