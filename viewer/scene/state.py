"""The scene's state, the one source of truth: what is shown, selected, faded, see-through,
labelled, which story, path or article entry is in focus, and in whose words (the voice: the
student's or the patient's) the texts and labels speak; no Qt, no VTK.

Every change emits one event on ``state.events`` (``visibility``, ``selection``, ``opacity``,
``xray``, ``focus``, ``labels``, ``voice``; ``any`` after each) carrying the ids whose appearance
may have changed. The renderer, the widgets and the label layer listen; the renderer copies
:meth:`SceneState.appearance` onto the actors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import get_args

from ..anatomy.structures import StructureSpec
from ..content.lookups import Voice
from ..vocabulary import (
    FADED_AT_START,
    HIDDEN_AT_START,
    HIDDEN_BY_DEFAULT,
    Group,
    Side,
    StructureKind,
)
from .appearance import (
    BASE_OPACITY,
    DIM_SHARE,
    DIM_TINT,
    DIMMED,
    DIMMED_OPACITY,
    FADED_OPACITY,
    GLOW_SHARE,
    GLOW_TINT,
    LABELLED_OPACITY,
    LIT,
    PAIN_AREA_OPACITY,
    PAIN_OVER_ROUTE_OPACITY,
    PICKABLE_OPACITY,
    PLAIN,
    SELECT_SHARE,
    SELECT_TINT,
    SELECTED,
    XRAY_OPACITY,
    Appearance,
)
from .events import EmitterGroup, EventEmitter
from .focus import Focus
from .pain_painting import PainPainting

__all__ = [
    "VOICES",
    "Appearance",
    "Focus",
    "SceneEvents",
    "SceneState",
    "SceneStructure",
    "Snapshot",
    "Voice",
]

#: the voices texts and labels speak in: the student's words and the patient's
VOICES: tuple[Voice, ...] = get_args(Voice)


@dataclass(frozen=True)
class SceneStructure:
    """A structure as the scene knows it: its id, group, side and kind (no geometry, no text)."""

    id: str
    group: Group
    side: Side | None = None
    kind: StructureKind = StructureKind.ANATOMY

    @classmethod
    def from_spec(cls, spec: StructureSpec) -> SceneStructure:
        return cls(spec.id, spec.group, spec.side, spec.kind)


@dataclass(frozen=True)
class Snapshot:
    """What undo/redo restores: visibility, selection and fading."""

    visible: frozenset[str]
    selected: str | None
    faded: frozenset[str] = field(default_factory=frozenset)


class SceneEvents(EmitterGroup):
    """The state's emitters, one per kind of change."""

    visibility: EventEmitter
    selection: EventEmitter
    opacity: EventEmitter
    xray: EventEmitter
    focus: EventEmitter
    labels: EventEmitter
    voice: EventEmitter

    def __init__(self) -> None:
        super().__init__("visibility", "selection", "opacity", "xray", "focus", "labels", "voice")


class SceneState:
    def __init__(self, structures: Iterable[SceneStructure]):
        self.structures: dict[str, SceneStructure] = {s.id: s for s in structures}
        self.events = SceneEvents()
        self._visible = self.default_visible()
        self._selected: str | None = None
        self._faded: frozenset[str] = frozenset()
        self._xray = False
        self._labels = True
        self._focus: Focus | None = None
        self._voice: Voice = "student"
        #: the patient's painted pain map (patient data: kept here only, never in settings)
        self.pain_painting = PainPainting()

    # -- queries -------------------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        return list(self.structures)

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
    def labels(self) -> bool:
        """Whether leader-line labels are drawn."""
        return self._labels

    @property
    def voice(self) -> Voice:
        """In whose words texts, headings and labels speak: ``"student"`` or ``"patient"``."""
        return self._voice

    @property
    def focus(self) -> Focus | None:
        return self._focus

    def is_shown(self, sid: str) -> bool:
        return sid in self._visible or (self._focus is not None and sid in self._focus.shown)

    def route_lit(self) -> bool:
        """Whether the focus lights a nerve."""
        focus = self._focus
        return focus is not None and any(
            self.structures[i].group == "nerves" for i in focus.lit if i in self.structures
        )

    def appearance(self, sid: str) -> Appearance:
        """How ``sid`` is drawn now: every rule of the scene's look is here."""
        s = self.structures[sid]
        opacity = BASE_OPACITY.get(s.group, 1.0)
        if s.kind is StructureKind.PAIN_AREA:
            opacity = PAIN_OVER_ROUTE_OPACITY if self.route_lit() else PAIN_AREA_OPACITY
        if sid in self._faded:
            opacity = min(opacity, FADED_OPACITY)
        if self._xray and s.group in XRAY_OPACITY:
            opacity = min(opacity, XRAY_OPACITY[s.group])
        focus = self._focus
        lit = focus is not None and sid in focus.lit
        dimmed = focus is not None and focus.is_dimmed(sid)
        if dimmed:
            opacity = min(opacity, DIMMED_OPACITY)
        visible = self.is_shown(sid)
        selected = sid == self._selected
        if selected:
            tint, share, light = SELECT_TINT, SELECT_SHARE, SELECTED
        elif lit:
            tint, share, light = GLOW_TINT, GLOW_SHARE, LIT
        elif dimmed:
            tint, share, light = DIM_TINT, DIM_SHARE, DIMMED
        else:
            tint, share, light = None, 0.0, PLAIN
        return Appearance(
            visible=visible,
            opacity=opacity,
            pickable=visible and opacity >= PICKABLE_OPACITY,
            tint=tint,
            tint_share=share,
            lighting=light,
            selected=selected,
            lit=lit,
            dimmed=dimmed,
            ghost=visible and s.kind is StructureKind.CONDITION_SHAPE,
            labelled=visible and not dimmed and opacity >= LABELLED_OPACITY,
        )

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
        """Every structure except the groups hidden by default; fading is undone too."""
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

    def open_as_the_app_starts(self) -> None:
        """The opening scene: the back muscles over S1 faded and the erector spinae switched off
        (:data:`~viewer.vocabulary.FADED_AT_START`, :data:`~viewer.vocabulary.HIDDEN_AT_START`),
        so S1, L5 and the dural sac show from behind; everything else as by default."""
        self.set_visible(self.default_visible() - set(HIDDEN_AT_START))
        self.set_faded([i for i in FADED_AT_START if i in self.structures])

    def toggle_fade(self, sid: str) -> None:
        self.set_faded(self._faded ^ {sid})

    def set_xray(self, on: bool) -> None:
        if bool(on) == self._xray:
            return
        self._xray = bool(on)
        affected = frozenset(i for i, s in self.structures.items() if s.group in XRAY_OPACITY)
        self.events.xray(self._xray, ids=affected)

    def set_labels(self, on: bool) -> None:
        if bool(on) == self._labels:
            return
        self._labels = bool(on)
        self.events.labels(self._labels, ids=frozenset())

    def set_voice(self, voice: Voice) -> None:
        """Speak in ``voice`` (``"student"`` or ``"patient"``); emits ``voice`` with the new one.

        No structure's appearance changes (``ids`` is empty); labels and texts follow."""
        if voice not in VOICES:
            raise ValueError(f"voice is one of {VOICES}, not {voice!r}")
        if voice == self._voice:
            return
        self._voice = voice
        self.events.voice(voice, ids=frozenset())

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
