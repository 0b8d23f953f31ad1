"""Pins and notes: a short text attached to a point of a structure's surface (no Qt, no VTK).

A pin is stored on the surface, never in space: the structure's id, one triangle of its mesh and
the point's barycentric weights in that triangle. Its place is worked out from the mesh as it is
now (:func:`pin_position`), so a pin follows its structure when the structure's shape changes
(a condition shape), and it is shown exactly when its structure is.

:class:`PinBoard` holds the scene's pins; each change emits one event on ``board.events``
(``pins``, carrying the pin ids changed; ``any`` after it).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import numpy as np

from .events import EmitterGroup, EventEmitter

#: a pin's text is a short note, not an essay (characters)
MAX_PIN_TEXT = 200

Barycentric = tuple[float, float, float]


@dataclass(frozen=True)
class Pin:
    """A note on a structure's surface: triangle ``face`` of ``structure``'s mesh, at the point
    whose weights on the triangle's corners are ``barycentric`` (summing to 1)."""

    id: str
    structure: str
    face: int
    barycentric: Barycentric
    text: str = ""

    def with_text(self, text: str) -> Pin:
        return replace(self, text=clean_text(text))


def clean_text(text: str) -> str:
    """A pin's text: one line, no control characters, at most :data:`MAX_PIN_TEXT` characters."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in str(text)).split())
    return flat[:MAX_PIN_TEXT]


def barycentric_of(point, corners) -> Barycentric:
    """The weights of ``point``'s projection on the triangle ``corners`` (3x3), clamped into the
    triangle and summing to 1."""
    a, b, c = (np.asarray(p, dtype=float) for p in corners)
    p = np.asarray(point, dtype=float)
    v0, v1, v2 = b - a, c - a, p - a
    d00, d01, d11 = v0 @ v0, v0 @ v1, v1 @ v1
    d20, d21 = v2 @ v0, v2 @ v1
    den = d00 * d11 - d01 * d01
    if abs(den) < 1e-18:  # a degenerate triangle: its first corner
        return (1.0, 0.0, 0.0)
    v = (d11 * d20 - d01 * d21) / den
    w = (d00 * d21 - d01 * d20) / den
    weights = np.clip(np.array([1.0 - v - w, v, w]), 0.0, 1.0)
    weights /= weights.sum()
    x, y, z = (float(t) for t in weights)
    return (x, y, z)


def pin_position(pin: Pin, points: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Where ``pin`` sits on a mesh with vertices ``points`` (N, 3) and triangles ``faces`` (M, 3)
    as the mesh is now."""
    corners = np.asarray(points, dtype=float)[np.asarray(faces)[pin.face]]
    return np.asarray(pin.barycentric, dtype=float) @ corners


class PinEvents(EmitterGroup):
    pins: EventEmitter

    def __init__(self) -> None:
        super().__init__("pins")


class PinBoard:
    """The scene's pins, in the order they were placed."""

    def __init__(self) -> None:
        self.events = PinEvents()
        self._pins: dict[str, Pin] = {}
        self._serial = itertools.count(1)

    def __iter__(self) -> Iterator[Pin]:
        return iter(list(self._pins.values()))

    def __len__(self) -> int:
        return len(self._pins)

    def __contains__(self, pin_id: object) -> bool:
        return pin_id in self._pins

    def get(self, pin_id: str) -> Pin:
        return self._pins[pin_id]

    @property
    def pins(self) -> list[Pin]:
        return list(self._pins.values())

    def new_id(self) -> str:
        """An id no pin on the board has."""
        while True:
            pid = f"pin{next(self._serial)}"
            if pid not in self._pins:
                return pid

    def put(self, pin: Pin) -> None:
        """Add ``pin``, or replace the pin with its id (an edit or a move)."""
        pin = replace(pin, text=clean_text(pin.text))
        if self._pins.get(pin.id) == pin:
            return
        self._pins[pin.id] = pin
        self.events.pins(pin, ids=frozenset([pin.id]))

    def remove(self, pin_id: str) -> None:
        if self._pins.pop(pin_id, None) is not None:
            self.events.pins(None, ids=frozenset([pin_id]))

    def replace_all(self, pins: Iterable[Pin]) -> None:
        """The board holds exactly ``pins`` (opening a scene)."""
        new = {p.id: replace(p, text=clean_text(p.text)) for p in pins}
        if new == self._pins:
            return
        changed = frozenset(new) | frozenset(self._pins)
        self._pins = new
        self.events.pins(None, ids=changed)
