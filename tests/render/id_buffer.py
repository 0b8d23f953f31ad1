"""An id buffer: which structure each pixel of the view shows, rendered by the GPU (or Mesa), the
way the picture itself is drawn, independently of the viewer's ray casting.

Every structure a click can land on (visible and not see-through) is drawn flat in a colour that
encodes its index; everything else (see-through surfaces, overlays, labels, glows) is left out
for that one render, and then all is put back as it was.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

#: the index of the background in an id buffer
BACKGROUND = -1


def _colour(index: int) -> tuple[float, float, float]:
    """Index -> a colour whose red and green say the index in steps of 16 (robust to rounding)."""
    return ((index % 16) * 16 + 8) / 255.0, ((index // 16) * 16 + 8) / 255.0, 0.0


def _renderers(plotter) -> list:
    coll = plotter.render_window.GetRenderers()
    return [coll.GetItemAsObject(i) for i in range(coll.GetNumberOfItems())]


def id_buffer(scene, also: Iterable[str] = ()) -> tuple[np.ndarray, list[str]]:
    """(H x W array of indices into the returned ids, BACKGROUND where nothing is; row 0 at the
    bottom, as VTK counts display pixels) for ``scene`` (a ModelScene) as it stands; the
    see-through structures ``also`` are drawn too, as if they were solid."""
    plotter = scene.plotter
    ren = plotter.renderer
    actors = scene.renderer.actors
    ids = list(actors)
    pickable = {sid for sid in ids if scene.state.appearance(sid).pickable} | set(also)
    props = ren.GetViewProps()
    saved_props = []
    for i in range(props.GetNumberOfItems()):
        prop = props.GetItemAsObject(i)
        saved_props.append((prop, prop.GetVisibility()))
        prop.SetVisibility(False)
    saved_looks = []
    for n, sid in enumerate(ids):
        actor = actors[sid]
        p = actor.GetProperty()
        saved_looks.append(
            (
                actor,
                p.GetColor(),
                p.GetOpacity(),
                p.GetLighting(),
                (p.GetAmbient(), p.GetDiffuse(), p.GetSpecular()),
                actor.GetForceTranslucent(),
            )
        )
        if sid in pickable:
            actor.SetVisibility(True)
            p.SetColor(*_colour(n))
            p.SetOpacity(1.0)
            p.LightingOff()  # flat: the colour times (ambient + diffuse)
            p.SetAmbient(0.0)
            p.SetDiffuse(1.0)
            p.SetSpecular(0.0)
            actor.SetForceTranslucent(False)
    background = ren.GetBackground(), ren.GetBackground2(), ren.GetGradientBackground()
    fxaa = ren.GetUseFXAA()
    others = [r for r in _renderers(plotter) if r is not ren]
    drawn = [r.GetDraw() for r in others]
    labels, placed = scene.labels.enabled, list(scene.labels.placed)
    scene.labels.enabled = False  # the label layer must not place labels for this render
    try:
        for r in others:
            r.SetDraw(False)
        ren.SetBackground(1.0, 1.0, 1.0)
        ren.GradientBackgroundOff()
        ren.SetUseFXAA(False)
        plotter.render()
        img = np.asarray(plotter.screenshot(None, return_img=True))[::-1].astype(int)
    finally:
        for r, d in zip(others, drawn, strict=True):
            r.SetDraw(d)
        scene.labels.enabled, scene.labels.placed = labels, placed
        ren.SetUseFXAA(fxaa)
        ren.SetBackground(*background[0])
        ren.SetBackground2(*background[1])
        ren.SetGradientBackground(background[2])
        for actor, colour, opacity, lighting, (a, d, sp), translucent in saved_looks:
            p = actor.GetProperty()
            p.SetColor(*colour)
            p.SetOpacity(opacity)
            p.SetLighting(lighting)
            p.SetAmbient(a)
            p.SetDiffuse(d)
            p.SetSpecular(sp)
            actor.SetForceTranslucent(translucent)
        for prop, visible in saved_props:
            prop.SetVisibility(visible)
    code = img[..., 0] // 16 + 16 * (img[..., 1] // 16)
    # white background, and the blends along edges (multisampling): neither is a code
    off_grid = (np.abs(img[..., 0] % 16 - 8) > 2) | (np.abs(img[..., 1] % 16 - 8) > 2)
    code[off_grid | (img[..., 2] > 3)] = BACKGROUND
    code[(code < 0) | (code >= len(ids))] = BACKGROUND
    return code, ids


def shown_at(buffer: np.ndarray, ids: list[str], x: float, y: float) -> str | None:
    """The structure an id buffer shows at display point (x, y), or None."""
    xi, yi = int(np.floor(x)), int(np.floor(y))
    if not (0 <= yi < buffer.shape[0] and 0 <= xi < buffer.shape[1]):
        return None
    k = int(buffer[yi, xi])
    return None if k == BACKGROUND else ids[k]


def share_of(buffer: np.ndarray, ids: list[str], sid: str) -> float:
    """The share of the view's pixels that show ``sid``."""
    return float(np.mean(buffer == ids.index(sid)))
