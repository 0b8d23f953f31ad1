"""A tiny event system in the napari style: ``state.events.selection.connect(callback)``.

Each state change emits one :class:`Event` naming what changed; callbacks run synchronously in
the order they were connected. No Qt, no VTK.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    type: str
    value: Any = None
    #: the structure ids whose appearance may have changed (empty: none; None: all of them)
    ids: frozenset[str] | None = field(default=None)


class EventEmitter:
    def __init__(self, name: str):
        self.name = name
        self._callbacks: list[Callable[[Event], Any]] = []
        self.blocked = False

    def connect(self, callback: Callable[[Event], Any]) -> Callable[[Event], Any]:
        if callback not in self._callbacks:
            self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callable[[Event], Any] | None = None) -> None:
        if callback is None:
            self._callbacks.clear()
        elif callback in self._callbacks:
            self._callbacks.remove(callback)

    def __call__(self, value: Any = None, ids: frozenset[str] | None = None) -> Event:
        event = Event(self.name, value, ids)
        self.fire(event)
        return event

    def fire(self, event: Event) -> None:
        if not self.blocked:
            for cb in list(self._callbacks):
                cb(event)


class EmitterGroup:
    """Named emitters plus ``any``, which fires after each of them."""

    def __init__(self, *names: str):
        self.any = EventEmitter("any")
        self._names = names
        for n in names:
            setattr(self, n, EventEmitter(n))
            getattr(self, n).connect(self.any.fire)

    def disconnect_all(self) -> None:
        for n in (*self._names, "any"):
            getattr(self, n).disconnect()
        for n in self._names:
            getattr(self, n).connect(self.any.fire)
