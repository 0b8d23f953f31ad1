"""A scene file's view put on a :class:`~viewer.render.assembly.ModelScene` at once, without the
window: what ``--screenshot`` with a scene (or a tour's step) draws (no Qt)."""

from __future__ import annotations

from collections.abc import Collection

from ..scene.article import article_focus, section_structures, topic_structures
from ..scene.camera import frame
from ..scene.scene_file import ReadScene, SceneDocument, restrict
from .assembly import ModelScene


def known_in(scene: ModelScene, read: ReadScene) -> ReadScene:
    """``read`` without the ids ``scene`` does not know (listed in ``left_out``)."""
    c = scene.content
    keys: dict[str, Collection[str]] = {
        "story": c.stories,
        "path": c.paths,
        "section": [s.id for s in c.sections],
        "topic": c.topics,
    }
    faces = {sid: m.n_cells for sid, m in scene.meshes.items()}
    return restrict(read, scene.state.ids, keys, faces)


def apply_document(scene: ModelScene, doc: SceneDocument) -> None:
    """Show ``doc`` on ``scene``: focus, visibility, fading, X-ray, labels, voice, text size,
    selection, pins and camera (ids must be known: see :func:`known_in`)."""
    st = scene.state
    pose = None
    focus = doc.focus
    if focus is None:
        st.set_focus(None)
    elif focus.kind == "story":
        pose = scene.focus_story(focus.key, focus.side)
    elif focus.kind == "path":
        pose = scene.focus_path(focus.key)
    else:
        ids = (section_structures if focus.kind == "section" else topic_structures)(
            scene.content, focus.key
        )
        made = article_focus(focus.kind, focus.key, ids, st.ids)
        st.set_focus(made)
        if made.lit:
            r = scene.renderer
            pose = frame(r.camera_pose(), r.bounds(sorted(made.lit)))
    st.set_visible(doc.visible if doc.visible is not None else st.default_visible())
    st.set_faded(doc.faded)
    st.set_xray(doc.xray)
    st.set_labels(doc.labels)
    st.set_voice(doc.voice)
    scene.labels.set_text_scale(doc.text_scale)
    st.select(doc.selected if doc.selected is None or st.is_shown(doc.selected) else None)
    scene.pins.replace_all(doc.pins)
    pose = doc.camera or pose
    if pose is not None:
        scene.renderer.set_camera_pose(pose)
