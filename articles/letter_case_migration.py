"""The data side of the migrations that add the capitals rules (articles/models/letter_case.py):
articles 0020, comparisons 0022, evidence 0004, interactions 0009. A site saved before them
may hold "Sleep" beside "sleep"; the constraints cannot be added over such rows, and a
migration that stopped there would leave the site half upgraded. So each migration first
changes the rows that break a rule, as little as it can, and prints each change for the
editors to check (docs/deploy.md, "Release steps"):

- a slug or key with capitals is lower-cased ("Sleep" -> "sleep"), with "-2", "-3"... if
  another record has that already; a page's old address then leads to it (a MovedPage, as
  when an editor changes a slug), so links from elsewhere keep working;
- of two names or titles that differ only in capitals, the older record (the lower id)
  keeps its own and the other gets " (2)", " (3)"... after it.

It reads historical models only (`apps`), and must keep doing what it does now: a later
change of rule belongs in a new module.
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.functions import Lower


def lower_case(apps, label: str, field: str, address: str | None = None) -> list[str]:
    """Lower-case every `field` of model `label` ("app.Model") that has capitals; `address`
    ("/evidence/%s/") is the page's path, whose old form then leads to the new one."""
    model = apps.get_model(label)
    limit = model._meta.get_field(field).max_length
    rows = model._base_manager.annotate(lowered=Lower(field))
    taken = set(model._base_manager.values_list(field, flat=True))
    changes = []
    for pk, old, lowered in (
        rows.filter(~Q(**{field: Lower(field)})).order_by("pk").values_list("pk", field, "lowered")
    ):
        new, number = lowered, 1
        while new in taken:
            number += 1
            new = f"{lowered[: limit - len(str(number)) - 1]}-{number}"
        taken.discard(old)
        taken.add(new)
        model._base_manager.filter(pk=pk).update(**{field: new})
        if address:
            _moved(apps, model, pk, address % old, address % new)
        changes.append(f"{model._meta.verbose_name} {field} “{old}” is now “{new}”")
    return changes


def unique_in_any_case(apps, label: str, field: str) -> list[str]:
    """Give each `field` of model `label` that another record has in other capitals a
    number after it, the oldest record keeping its own."""
    model = apps.get_model(label)
    limit = model._meta.get_field(field).max_length
    rows = model._base_manager.annotate(folded=Lower(field)).order_by("pk")
    # Every name as it stands, so a number given is no later row's name ("Sleep (2)" kept
    # by a record the loop has not reached); `kept`, the names a record keeps.
    taken = set(rows.values_list("folded", flat=True))
    kept = set()
    changes = []
    for pk, value, folded in rows.values_list("pk", field, "folded"):
        if folded not in kept:
            kept.add(folded)
            continue
        number = 1
        while True:
            number += 1
            suffix = f" ({number})"
            new = value[: limit - len(suffix)] + suffix
            if f"{folded[: limit - len(suffix)]}{suffix}" not in taken:
                break
        taken.add(f"{folded[: limit - len(suffix)]}{suffix}")
        model._base_manager.filter(pk=pk).update(**{field: new})
        changes.append(
            f"{model._meta.verbose_name} {field} “{value}” is now “{new}”: another had it "
            "in other capitals"
        )
    return changes


def _moved(apps, model, pk: int, old_path: str, new_path: str) -> None:
    """As MovedPage.record: the old address leads to the page, the new one is no one's old."""
    content_type = apps.get_model("contenttypes", "ContentType").objects.get_for_model(model)
    moved = apps.get_model("articles", "MovedPage")._base_manager
    moved.update_or_create(
        old_path=old_path, defaults={"content_type": content_type, "object_id": pk}
    )
    moved.filter(old_path=new_path).delete()


def report(changes: list[str]) -> None:
    """What the migration changed, for the editors to check: links and citations written
    with the old slug or key, and names given a number."""
    if changes:
        print(
            "\n  Changed so that no two differ only in capitals (check each, and the links "
            "and citations that name the old one):\n    " + "\n    ".join(changes)
        )
