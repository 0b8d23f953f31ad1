"""The off-screen scene as a test finds it: nothing selected, lit or see-through, labels on."""

from __future__ import annotations

from viewer.render.assembly import ModelScene


def reset(scene: ModelScene) -> ModelScene:
    """Undo what an earlier test left on the shared ``scene``: focus, selection, isolation,
    X-ray; labels back on."""
    state = scene.state
    state.set_focus(None)
    state.select(None)
    state.show_all()
    state.set_xray(False)
    state.set_labels(True)
    return scene
