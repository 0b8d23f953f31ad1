"""The scene's state: what is shown, selected, faded, lit; no Qt, no VTK.

Every change emits one event on ``state.events`` (``visibility``, ``selection``, ``opacity``,
``xray``, ``focus``) carrying the ids whose appearance may have changed; the renderer listens and
maps :meth:`SceneState.appearance` onto actor properties.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .events import EmitterGroup

#: groups hidden until asked for (the skin covers everything; condition shapes belong to stories)
HIDDEN_BY_DEFAULT = ("skin", "conditions")

FADED_OPACITY = 0.25
DIMMED_OPACITY = 0.18
#: X-ray: bones (and the muscles over the roots) become see-through
XRAY_OPACITY = {"bones": 0.16, "muscles": 0.3}
#: below this a surface is looked through, not clicked
PICKABLE_OPACITY = 0.5
BASE_OPACITY = {"skin": 0.22}
#: pain areas are paint on the skin: half see-through, so the nerve beneath shows
PAIN_AREA_OPACITY = 0.55


@dataclass(frozen=True)
class Structure:
    id: str
    group: str
    side: str | None = None


@dataclass(frozen=True)
class Focus:
    """A teaching focus (a condition story or the S1 path): ``lit`` structures glow, ``shown``
    ones appear for as long as the focus lasts, everything else is dimmed."""

    kind: str  # "story" or "path"
    key: str
    lit: frozenset[str] = frozenset()
    shown: frozenset[str] = frozenset()
    #: structures left as they are (neither lit nor dimmed); everything else is dimmed
    kept: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Appearance:
    visible: bool
    opacity: float
    selected: bool = False
    lit: bool = False
    dimmed: bool = False

    @property
    def pickable(self) -> bool:
        return self.visible and self.opacity >= PICKABLE_OPACITY


@dataclass(frozen=True)
class Snapshot:
    """What undo/redo restores: visibility, selection and fading."""

    visible: frozenset[str]
    selected: str | None
    faded: frozenset[str] = field(default_factory=frozenset)


class SceneState:
    def __init__(self, structures: Iterable[Structure]):
        self.structures: dict[str, Structure] = {s.id: s for s in structures}
        self.events = EmitterGroup("visibility", "selection", "opacity", "xray", "focus")
        self._visible = self.default_visible()
        self._selected: str | None = None
        self._faded: frozenset[str] = frozenset()
        self._xray = False
        self._focus: Focus | None = None

    # -- queries -------------------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        return list(self.structures)

    def ids_in(self, group: str) -> list[str]:
        return [i for i, s in self.structures.items() if s.group == group]

    def default_visible(self) -> frozenset[str]:
        return frozenset(i for i, s in self.structures.items() if s.group not in HIDDEN_BY_DEFAULT)

    @property
    def visible(self) -> frozenset[str]:
        """What the user has switched on (a focus may show more; see :meth:`is_shown`)."""
        return self._visible

    @property
    def selected(self) -> str | None:
        return self._selected

    @property
    def faded(self) -> frozenset[str]:
        return self._faded

    @property
    def xray(self) -> bool:
        return self._xray

    @property
    def focus(self) -> Focus | None:
        return self._focus

    def is_shown(self, sid: str) -> bool:
        return sid in self._visible or (self._focus is not None and sid in self._focus.shown)

    def appearance(self, sid: str) -> Appearance:
        s = self.structures[sid]
        opacity = BASE_OPACITY.get(s.group, 1.0)
        if s.group == "conditions" and "pain_area" in sid:
            opacity = PAIN_AREA_OPACITY
        if sid in self._faded:
            opacity = min(opacity, FADED_OPACITY)
        if self._xray and s.group in XRAY_OPACITY:
            opacity = min(opacity, XRAY_OPACITY[s.group])
        lit = dimmed = False
        if self._focus is not None:
            lit = sid in self._focus.lit
            dimmed = not lit and sid not in self._focus.shown and sid not in self._focus.kept
            if dimmed:
                opacity = min(opacity, DIMMED_OPACITY)
        return Appearance(self.is_shown(sid), opacity, sid == self._selected, lit, dimmed)

    def snapshot(self) -> Snapshot:
        return Snapshot(self._visible, self._selected, self._faded)

    # -- changes -------------------------------------------------------------------------------
    def _known(self, ids: Iterable[str]) -> frozenset[str]:
        ids = frozenset(ids)
        unknown = ids - self.structures.keys()
        if unknown:
            raise KeyError(f"unknown structures: {sorted(unknown)}")
        return ids

    def set_visible(self, ids: Iterable[str]) -> None:
        """Show exactly ``ids``."""
        new = self._known(ids)
        changed = new ^ self._visible
        if not changed:
            return
        self._visible = new
        self.events.visibility(new, ids=changed)
        if self._selected is not None and not self.is_shown(self._selected):
            self.select(None)

    def show(self, ids: Iterable[str]) -> None:
        self.set_visible(self._visible | self._known(ids))

    def hide(self, ids: Iterable[str]) -> None:
        self.set_visible(self._visible - self._known(ids))

    def isolate(self, ids: Iterable[str]) -> None:
        self.set_visible(self._known(ids))

    def show_all(self) -> None:
        """Every structure except the skin and the condition shapes; fading is undone too."""
        self.set_faded(())
        self.set_visible(self.default_visible())

    def select(self, sid: str | None) -> None:
        if sid is not None:
            self._known([sid])
        old = self._selected
        if sid == old:
            return
        self._selected = sid
        self.events.selection((old, sid), ids=frozenset(i for i in (old, sid) if i))

    def set_faded(self, ids: Iterable[str]) -> None:
        new = self._known(ids)
        changed = new ^ self._faded
        if not changed:
            return
        self._faded = new
        self.events.opacity(new, ids=changed)

    def toggle_fade(self, sid: str) -> None:
        self.set_faded(self._faded ^ {sid})

    def set_xray(self, on: bool) -> None:
        if bool(on) == self._xray:
            return
        self._xray = bool(on)
        affected = frozenset(i for i, s in self.structures.items() if s.group in XRAY_OPACITY)
        self.events.xray(self._xray, ids=affected)

    def set_focus(self, focus: Focus | None) -> None:
        if focus == self._focus:
            return
        if focus is not None:
            self._known(focus.lit | focus.shown)
        self._focus = focus
        self.events.focus(focus, ids=None)
        if self._selected is not None and not self.is_shown(self._selected):
            self.select(None)

    def restore(self, snap: Snapshot) -> None:
        self.set_faded(snap.faded)
        self.set_visible(snap.visible)
        self.select(
            snap.selected if snap.selected is None or self.is_shown(snap.selected) else None
        )
