"""The admin's change forms of the comparisons, as a browser submits them unchanged (with
overrides): for tests that post to the admin without reading the page first."""

from comparisons.models import IntakeTable, MagnesiumCompound


def compound_change_data(compound: MagnesiumCompound, **overrides) -> dict:
    """The admin change form of a form of magnesium, as an editor would submit it."""
    when = compound.published_at
    data = {
        "name": compound.name,
        "slug": compound.slug,
        "other_names": compound.other_names,
        "route": compound.route,
        "summary": compound.summary,
        "uses": [topic.pk for topic in compound.uses.all()],
        **{
            name: [ref.pk for ref in getattr(compound, name).all()]
            for name in ("elemental_refs", "bioavailability_refs", "dose_refs", "cautions_refs")
        },
        "elemental_percent": str(compound.elemental_percent),
        "elemental_basis": compound.elemental_basis,
        "bioavailability": compound.bioavailability,
        "evidence": compound.evidence,
        "evidence_note": compound.evidence_note,
        "tolerance": compound.tolerance,
        "side_effects": compound.side_effects,
        "cautions": compound.cautions,
        "dose_basis": compound.dose_basis,
        "dose_low_mg": compound.dose_low_mg or "",
        "dose_high_mg": compound.dose_high_mg or "",
        "dose_note": compound.dose_note,
        "body": compound.body,
        "status": compound.status,
        "published_at_0": when.strftime("%Y-%m-%d") if when else "",
        "published_at_1": when.strftime("%H:%M:%S") if when else "",
        "reviewer": compound.reviewer,
        "last_reviewed": "",
        "next_review_due": "",
        "edit_token_seen": str(compound.edit_token),
        # The salts inline; these forms have no salts.
        "salts-TOTAL_FORMS": "0",
        "salts-INITIAL_FORMS": "0",
        "preparations-TOTAL_FORMS": "0",
        "preparations-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def intake_post(table: IntakeTable, **overrides) -> dict:
    """The admin's change form for a table, as the browser would submit it unchanged."""
    data = {
        "title": table.title,
        "slug": table.slug,
        "refs": [str(pk) for pk in table.refs.values_list("pk", flat=True)],
        "edit_token_seen": str(table.edit_token),
        # A change readers see asks for a change note (feedback/change_notes.py).
        "change_note": "",
        "minor_change": "on",
    }
    for prefix, rows, fields in [
        ("recommended", table.recommended.all(), IntakeTable.RECOMMENDED_FIELDS),
        ("upper_limits", table.upper_limits.all(), IntakeTable.UPPER_LIMIT_FIELDS),
    ]:
        rows = list(rows)
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": str(len(rows)),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = str(row.pk)
            data[f"{prefix}-{index}-table"] = str(table.pk)
            for name in fields:
                value = getattr(row, name)
                if name == "is_ai":
                    if value:
                        data[f"{prefix}-{index}-{name}"] = "on"
                    continue
                data[f"{prefix}-{index}-{name}"] = "" if value is None else str(value)
    data.update(overrides)
    return data
