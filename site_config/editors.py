"""The "Editors" group: exactly the permissions to write and publish content, nothing else.

A data migration creates it; `sync_editor_permissions` also runs after every migrate, so a
content model added later is covered without another hand-written migration.
"""

from __future__ import annotations

from django.apps import apps as global_apps

GROUP_NAME = "Editors"
# The apps whose models are content. Bookkeeping models in them are left out below.
# `feedback`: editors work the queue of readers' reports and can hide a change note.
CONTENT_APPS = ("articles", "comparisons", "evidence", "interactions", "feedback")
NOT_FOR_EDITORS = {"contentlink", "starterrecord", "contentversion"}
ACTIONS = ("add", "change", "delete", "view")


def editor_permission_codenames(apps=global_apps) -> dict[str, list[str]]:
    codenames: dict[str, list[str]] = {}
    for app_label in CONTENT_APPS:
        try:
            models = apps.get_app_config(app_label).get_models()
        except LookupError:
            continue
        for model in models:
            name = model._meta.model_name
            if name in NOT_FOR_EDITORS:
                continue
            codenames.setdefault(app_label, []).extend(f"{a}_{name}" for a in ACTIONS)
    return codenames


def sync_editor_permissions(apps=global_apps, using: str = "default") -> None:
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; a migration needs them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps, using=using)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _created = group_model.objects.using(using).get_or_create(name=GROUP_NAME)
    wanted = []
    for app_label, codenames in editor_permission_codenames(apps).items():
        wanted += list(
            permission_model.objects.using(using).filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )
    group.permissions.set(wanted)


def sync_after_migrate(sender, using="default", apps=global_apps, **kwargs) -> None:
    sync_editor_permissions(apps=apps, using=using)
