"""Another machine's floating point, simulated: tiny seeded noise on what the build computes.

The same build run on two processors, or against two builds of numpy or BLAS, gives results that
differ in the last bits. Marching cubes, decimation and the routing then make discrete choices
that may differ, so a rebuild elsewhere is the same shape in other triangles. To check that the
build is robust to that (every structure still closed, one piece, and the same shape within the
rebuild tolerance) without a second machine, a :class:`Perturbation` made active by
:func:`perturbed` adds relative noise of about ``relative`` (1e-9 by default) to

* every grid point at which a shape's signed distance is sampled for meshing
  (:func:`points`, called by :mod:`viewer.anatomy.meshing`), and
* everything each builder hands on to the next: mesh vertices, centrelines and landmarks
  (:func:`built`, called by :func:`viewer.anatomy.build.build_all`).

Outside :func:`perturbed` every function here returns its input unchanged, so a normal build is
untouched and byte-for-byte reproducible on one machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from itertools import count

import numpy as np


@dataclass
class Perturbation:
    """Seeded relative noise; each call draws from its own stream (seed, call number)."""

    relative: float = 1e-9
    seed: int = 0
    _calls: Iterator[int] = field(default_factory=count, repr=False)

    def noisy(self, values: np.ndarray) -> np.ndarray:
        """A copy of ``values`` (floats) times ``1 + relative * N(0, 1)``, element by element."""
        v = np.asarray(values, dtype=np.float64)
        rng = np.random.default_rng([self.seed, next(self._calls)])
        return v * (1.0 + self.relative * rng.standard_normal(v.shape))


_ACTIVE: ContextVar[Perturbation | None] = ContextVar("perturbation", default=None)


def active() -> Perturbation | None:
    """The perturbation in force, or None (a normal build)."""
    return _ACTIVE.get()


@contextmanager
def perturbed(relative: float = 1e-9, seed: int = 0) -> Iterator[Perturbation]:
    """Within this block, the build runs as if on another machine (see the module's notes)."""
    token = _ACTIVE.set(Perturbation(relative, seed))
    try:
        p = _ACTIVE.get()
        assert p is not None
        yield p
    finally:
        _ACTIVE.reset(token)


def points(p: np.ndarray) -> np.ndarray:
    """Sample points, perturbed when a perturbation is active (else ``p`` itself)."""
    current = _ACTIVE.get()
    return p if current is None else current.noisy(p)


def array(values: np.ndarray) -> np.ndarray:
    """A float array handed from one builder to the next, perturbed when one is active."""
    current = _ACTIVE.get()
    a = np.asarray(values)
    if current is None or not np.issubdtype(a.dtype, np.floating):
        return a
    return current.noisy(a)
