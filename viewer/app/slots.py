"""Qt slots that never raise: an exception escaping a slot into Qt ends the process, so every
slot the app connects reports it instead (the status bar, the log, and a list tests can read)."""

from __future__ import annotations

import functools
import inspect
import logging
import traceback
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


class SlotErrors:
    """Where the exceptions of slots go: ``errors`` (for tests), the log, and ``show`` (a status
    bar's ``showMessage``)."""

    def __init__(self, show: Callable[[str, int], None] | None = None):
        self.errors: list[BaseException] = []
        self.show = show

    def report(self, where: str, exc: BaseException) -> None:
        self.errors.append(exc)
        log.error("%s failed:\n%s", where, traceback.format_exc())
        if self.show is not None:
            try:
                self.show(f"Error: {exc}", 8000)
            except RuntimeError:  # the status bar is gone (the window is closing)
                pass

    def guard(self, fn: Callable[..., Any], where: str | None = None) -> Callable[..., None]:
        """``fn`` as a slot that reports an exception instead of raising it into Qt. The slot
        passes on as many of a signal's arguments as ``fn`` takes (``triggered(bool)`` reaches a
        function of none without its flag)."""
        name = where or str(getattr(fn, "__qualname__", repr(fn)))
        n = _positional_count(fn)

        def slot(*args: Any) -> None:
            try:
                fn(*args[:n])
            except Exception as exc:  # noqa: BLE001 - a slot must never raise into Qt
                self.report(name, exc)

        return slot


def _positional_count(fn: Callable[..., Any]) -> int:
    """How many positional arguments ``fn`` needs (those with a default are left to it; any
    number: a large one)."""
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):  # a builtin without a signature: pass everything on
        return 1 << 16
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in params):
        return 1 << 16
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return sum(p.kind in positional and p.default is inspect.Parameter.empty for p in params)


class HasSlotErrors(Protocol):
    slot_errors: SlotErrors


S = TypeVar("S", bound=HasSlotErrors)


def reported(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R | None]:
    """A method connected as a Qt slot: an exception is reported to ``self.slot_errors``."""

    @functools.wraps(method)
    def slot(self: S, *args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a slot must never raise into Qt
            self.slot_errors.report(str(getattr(method, "__qualname__", "a slot")), exc)
            return None

    return slot
