"""Stored names compared the new way (interactions.models.normalise): hyphens and other
punctuation read as spaces. An alias whose new form another alias already has keeps its old
one, so nothing an editor wrote is lost or refused; it still matches as typed."""

import re
import unicodedata

from django.db import migrations

PUNCTUATION = re.compile(r"[\W_]+")


def normalise(name: str) -> str:
    # A copy as of this migration: later changes to the app's rule must not change it.
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(PUNCTUATION.sub(" ", plain.casefold()).split())


def renormalise(apps, schema_editor):
    Medicine = apps.get_model("interactions", "Medicine")
    MedicineAlias = apps.get_model("interactions", "MedicineAlias")
    for medicine in Medicine.objects.all():
        if new := normalise(medicine.name):
            Medicine.objects.filter(pk=medicine.pk).update(normalised_name=new)
    taken = set(MedicineAlias.objects.values_list("normalised", flat=True))
    for alias in MedicineAlias.objects.order_by("pk"):
        new = normalise(alias.name)
        if new and new != alias.normalised and new not in taken:
            taken.discard(alias.normalised)
            taken.add(new)
            MedicineAlias.objects.filter(pk=alias.pk).update(normalised=new)


class Migration(migrations.Migration):
    dependencies = [("interactions", "0001_initial")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
