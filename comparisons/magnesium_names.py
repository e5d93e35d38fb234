"""Forms of magnesium found by a name typed where a medicine goes (interactions.magnesium_names):
"milk of magnesia", "Magnesium Oxide 400 mg", "epsom salt" are magnesium itself.

Matched as the medicine finder matches its names (`interactions.lookup.keys_for`: case,
accents and spacing ignored, a strength and the words a box adds after the name left out),
against every published form's name and other names that say magnesium, magnesia or Epsom,
or are its formula ("MgO"; not "bath salts"), each also without a note in brackets
("Magnesium sulfate (Epsom salt)" is also "magnesium sulfate"). One query, whatever the
number of names or forms.
"""

from __future__ import annotations

import re

from comparisons.models import MagnesiumCompound
from interactions.lookup import keys_for
from interactions.magnesium_names import MagnesiumForm
from interactions.models import normalise

_NOTE = re.compile(r"\s*\(.*?\)")
# Only a name that says it is magnesium: "bath salts", an other name of Epsom salt, is also
# sold made of other salts (and is a street drug's name); "Magtein" names a brand.
_SAYS_MAGNESIUM = re.compile(r"magnesi|epsom|^mg", re.IGNORECASE)


def _names_of_forms() -> dict[str, MagnesiumForm]:
    """Every published form's names, normalised -> the form; a name two forms share is the
    first form's (by name), as the table lists them."""
    names: dict[str, MagnesiumForm] = {}
    forms = MagnesiumCompound.objects.published().order_by("name")
    for compound in forms.only("name", "slug", "other_names"):
        form = MagnesiumForm(compound.name, compound.slug, compound.get_absolute_url())
        for name in [compound.name, *compound.other_names_list]:
            if not _SAYS_MAGNESIUM.search(name.strip()):
                continue
            for each in (name, _NOTE.sub(" ", name)):
                if key := normalise(each):
                    names.setdefault(key, form)
    return names


def forms_named_as_medicines(typed: list[str]) -> dict[str, MagnesiumForm]:
    """Each typed name that is a published form's name or other name, with that form."""
    names = _names_of_forms()
    found = {}
    for each in typed:
        if form := next((names[key] for key in keys_for(each) if key in names), None):
            found[each] = form
    return found
