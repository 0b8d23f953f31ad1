"""The pain a patient or physiotherapist painted: zones x sides x pain types (no Qt, no VTK).

A :class:`PainPainting` holds, for each painted zone on each side, how strongly each pain type
(ache, sharp, pins and needles, numbness) was painted there (0..1). The brush adds one pain type
to a zone, the eraser takes one type (or all of them) away; every change emits one event on
``painting.events.painting``.

Privacy: a painting is patient data. It lives only here, in the scene state, for as long as the
app runs. It is never written to settings or logs; it leaves the machine only inside a scene
file or a handout that the user chooses to save (:meth:`to_dict` / :meth:`from_dict`, a small
versioned dictionary for the scene file's ``"pain_map"`` key).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ..vocabulary import SIDES, Side
from .events import EmitterGroup, EventEmitter
from .pain_ranking import combine
from .pain_zones import ZoneKey

#: the pain types, in the order the explorer offers them
PAIN_TYPES: tuple[str, ...] = ("ache", "sharp", "pins_and_needles", "numbness")
PAIN_TYPE_NAMES: dict[str, str] = {
    "ache": "Ache",
    "sharp": "Sharp",
    "pins_and_needles": "Pins and needles",
    "numbness": "Numbness",
}
#: the version of :meth:`PainPainting.to_dict`'s format
FORMAT_VERSION = 1
_ZONE_ID = re.compile(r"^[a-z0-9_]{1,64}$")
#: the most marks a saved painting may hold (zones x sides x types, with room to spare)
MAX_MARKS = 2000


class PaintingEvents(EmitterGroup):
    painting: EventEmitter

    def __init__(self) -> None:
        super().__init__("painting")


class PainPainting:
    """Painted zones: ``(zone, side) -> {pain type: amount}`` (see the module)."""

    def __init__(self) -> None:
        self.events = PaintingEvents()
        self._marks: dict[ZoneKey, dict[str, float]] = {}

    # -- queries -------------------------------------------------------------------------------
    @property
    def empty(self) -> bool:
        return not self._marks

    def marks(self) -> dict[ZoneKey, dict[str, float]]:
        """A copy of every mark."""
        return {k: dict(v) for k, v in self._marks.items()}

    def types_at(self, key: ZoneKey) -> dict[str, float]:
        return dict(self._marks.get(key, {}))

    def sides(self) -> list[Side]:
        """The sides with paint on them, left first."""
        return [s for s in SIDES if any(k.side == s for k in self._marks)]

    def painted(self, side: Side, pain_type: str | None = None) -> dict[str, float]:
        """``zone -> amount`` on ``side``: one pain type's, or every type combined (a zone counts
        as much as its most painted type)."""
        maps = [
            {k.zone: (v.get(pain_type, 0.0) if pain_type else max(v.values()))}
            for k, v in self._marks.items()
            if k.side == side
        ]
        return combine(maps)

    # -- brush and eraser ----------------------------------------------------------------------
    def brush(self, key: ZoneKey, pain_type: str, amount: float = 1.0) -> bool:
        """Paint ``pain_type`` on a zone (the stronger of the old and new amount stays); True
        when something changed."""
        _check_type(pain_type)
        amount = min(1.0, max(0.0, float(amount)))
        if amount <= 0.0 or self._marks.get(key, {}).get(pain_type, 0.0) >= amount:
            return False
        self._marks.setdefault(key, {})[pain_type] = amount
        self.events.painting(key)
        return True

    def erase(self, key: ZoneKey, pain_type: str | None = None) -> bool:
        """Take one pain type (None: all of them) off a zone; True when something changed."""
        marks = self._marks.get(key)
        if not marks:
            return False
        if pain_type is None:
            del self._marks[key]
        else:
            _check_type(pain_type)
            if marks.pop(pain_type, None) is None:
                return False
            if not marks:
                del self._marks[key]
        self.events.painting(key)
        return True

    def clear(self) -> None:
        if self._marks:
            self._marks.clear()
            self.events.painting(None)

    def replace(self, other: PainPainting) -> None:
        """Take ``other``'s marks (a painting read from a scene file)."""
        self._marks = other.marks()
        self.events.painting(None)

    # -- scene files ---------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """``{"version": 1, "marks": [{"zone", "side", "type", "amount"}, ...]}``, sorted."""
        marks = [
            {"zone": k.zone, "side": k.side, "type": t, "amount": round(a, 3)}
            for k, types in self._marks.items()
            for t, a in types.items()
        ]
        marks.sort(key=lambda m: (m["zone"], m["side"], PAIN_TYPES.index(m["type"])))
        return {"version": FORMAT_VERSION, "marks": marks}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], zones: set[str] | None = None) -> PainPainting:
        """A painting from :meth:`to_dict`'s dictionary; a ValueError names what is wrong
        (another version, an unknown zone when ``zones`` is given, side or type, an amount
        outside 0..1)."""
        if not isinstance(data, Mapping) or data.get("version") != FORMAT_VERSION:
            raise ValueError(f"pain_map: version {FORMAT_VERSION} expected")
        marks = data.get("marks")
        if not isinstance(marks, list) or len(marks) > MAX_MARKS:
            raise ValueError(f"pain_map: 'marks' is a list of at most {MAX_MARKS}")
        out = cls()
        for n, m in enumerate(marks):
            where = f"pain_map.marks[{n}]"
            if not isinstance(m, Mapping) or set(m) != {"zone", "side", "type", "amount"}:
                raise ValueError(f"{where}: needs exactly zone, side, type and amount")
            zone, side, kind, amount = m["zone"], m["side"], m["type"], m["amount"]
            if not isinstance(zone, str) or not _ZONE_ID.match(zone):
                raise ValueError(f"{where}: bad zone id")
            if zones is not None and zone not in zones:
                raise ValueError(f"{where}: unknown zone {zone!r}")
            if side not in SIDES:
                raise ValueError(f"{where}: side is one of {SIDES}")
            if kind not in PAIN_TYPES:
                raise ValueError(f"{where}: type is one of {PAIN_TYPES}")
            if isinstance(amount, bool) or not isinstance(amount, int | float):
                raise ValueError(f"{where}: amount is a number")
            if not 0.0 < float(amount) <= 1.0:
                raise ValueError(f"{where}: amount is in (0, 1]")
            out._marks.setdefault(ZoneKey(zone, side), {})[kind] = float(amount)
        return out


def _check_type(pain_type: str) -> None:
    if pain_type not in PAIN_TYPES:
        raise ValueError(f"pain type is one of {PAIN_TYPES}, not {pain_type!r}")


def scene_file_hook(
    painting: PainPainting, zones: set[str] | None = None
) -> tuple[Callable[[], dict[str, Any] | None], Callable[[dict[str, Any] | None], None]]:
    """How a scene file carries ``painting`` (its optional ``pain_map``): a function giving what
    to save (None for an empty painting, so a scene without pain stays without) and one taking
    what a file holds (None clears the painting; a malformed map clears it too and raises the
    ValueError that says what was wrong, for the file's "left out" message)."""

    def to_save() -> dict[str, Any] | None:
        return None if painting.empty else painting.to_dict()

    def on_open(data: dict[str, Any] | None) -> None:
        if data is None:
            painting.clear()
            return
        try:
            read = PainPainting.from_dict(data, zones)
        except ValueError:
            painting.clear()
            raise
        painting.replace(read)

    return to_save, on_open
