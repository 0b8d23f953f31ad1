"""Every text and every name the patient voice shows (used by the plain-language tests)."""

from __future__ import annotations

from viewer.content import Annotations


def patient_texts(content: Annotations, safety: bool = True) -> list[tuple[str, str]]:
    """(where, text) for every patient-voice text: panels, list items, captions, stages, pain
    maps and their regions, and (with ``safety``) the red-flag box."""
    texts = [(s.id, s.patient) for s in content.structures.values()]
    for t in content.topics.values():
        texts.append((t.id, t.patient))
        texts += [(f"{t.id}.{it.id}", it.patient) for it in t.items if it.patient]
    texts += [(f"{s.id}.caption", s.caption.patient) for s in content.stories.values()]
    for p in content.paths.values():
        texts += [(f"{p.id}.{st.id}", st.patient) for st in p.stages]
    for pattern in content.pain_patterns.values():
        texts.append((pattern.id, pattern.patient))
        texts += [(f"{pattern.id}.{r.name}", r.patient) for r in pattern.body_regions]
    if safety:
        for name in ("emergency", "serious"):
            group = getattr(content.red_flags, name)
            texts.append((f"red_flags.{name}.action", group.action.patient))
            texts += [(f"red_flags.{name}.{s.id}", s.patient) for s in group.signs]
    return texts


def patient_labels(content: Annotations) -> list[tuple[str, str]]:
    """(where, name) for every name shown in the patient voice: 3D labels, headings, stage and
    list names, story titles, pain-map names, the red-flag headings."""
    labels = [(s.id, s.patient_name) for s in content.structures.values()]
    for t in content.topics.values():
        labels.append((t.id, t.patient_title))
        labels += [(f"{t.id}.{it.id}", it.patient_name) for it in t.items]
    labels += [(s.id, s.patient_title) for s in content.stories.values()]
    for p in content.paths.values():
        labels += [(f"{p.id}.{st.id}", st.patient_name) for st in p.stages]
    labels += [(p.id, p.patient_name) for p in content.pain_patterns.values()]
    labels.append(("red_flags", content.red_flags.title.patient))
    labels += [
        (f"red_flags.{n}", getattr(content.red_flags, n).title.patient)
        for n in ("emergency", "serious")
    ]
    return labels
