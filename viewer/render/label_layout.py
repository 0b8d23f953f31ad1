"""Where the label boxes go on screen: in a column either side of the model, never over the
model's footprint, never over each other, never past the view's edge. Pure numpy, in display
pixels (origin bottom-left).

A label that finds no room on its side tries the other; one that finds room on neither is left
out, the least important first (the caller lists the labels most important first).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

ColumnSide = Literal["left", "right"]


@dataclass(frozen=True)
class Footprint:
    """The model's silhouette on screen, row by row: in each row of ``cell`` pixels, the leftmost
    and rightmost covered x (inf and -inf where the row is empty)."""

    cell: float
    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def of_points(
        cls, xy: np.ndarray, height: float, cell: float = 4.0, grow: float = 8.0
    ) -> Footprint:
        """The footprint of points drawn at ``xy`` (n x 2), each grown by ``grow`` pixels (the
        gaps between sampled surface points)."""
        rows = max(1, int(np.ceil(height / cell)))
        lo = np.full(rows, np.inf)
        hi = np.full(rows, -np.inf)
        if len(xy):
            r = np.floor(xy[:, 1] / cell).astype(int)
            keep = (r >= 0) & (r < rows)
            np.minimum.at(lo, r[keep], xy[keep, 0])
            np.maximum.at(hi, r[keep], xy[keep, 0])
            # grow: each row takes the extremes of its neighbours within ``grow``
            k = int(np.ceil(grow / cell))
            lo0, hi0 = lo.copy(), hi.copy()
            for s in range(1, k + 1):
                lo[s:] = np.minimum(lo[s:], lo0[:-s])
                lo[:-s] = np.minimum(lo[:-s], lo0[s:])
                hi[s:] = np.maximum(hi[s:], hi0[:-s])
                hi[:-s] = np.maximum(hi[:-s], hi0[s:])
            lo = np.where(np.isfinite(lo), lo - grow, lo)
            hi = np.where(np.isfinite(hi), hi + grow, hi)
        return cls(cell, lo, hi)

    def span(self, y0: float, y1: float) -> tuple[float, float]:
        """The leftmost and rightmost covered x in the rows from ``y0`` to ``y1`` (inf, -inf
        when none is covered)."""
        r0 = max(0, int(np.floor(y0 / self.cell)))
        r1 = min(len(self.lo) - 1, int(np.floor(y1 / self.cell)))
        if r1 < r0:
            return float("inf"), float("-inf")
        return float(self.lo[r0 : r1 + 1].min()), float(self.hi[r0 : r1 + 1].max())

    @property
    def centre_x(self) -> float | None:
        """Half-way between the leftmost and rightmost covered x (None: nothing covered)."""
        lo, hi = self.lo[np.isfinite(self.lo)], self.hi[np.isfinite(self.hi)]
        if not len(lo):
            return None
        return float(0.5 * (lo.min() + hi.max()))

    def covers(self, x: float, y: float) -> bool:
        lo, hi = self.span(y, y)
        return lo <= x <= hi


@dataclass(frozen=True)
class LabelBox:
    """A label to place: its structure, the leader's end (display pixels) and its box's size
    (width, height) in each form it can take: on one line, then wrapped (narrower, taller)."""

    sid: str
    anchor: tuple[float, float]
    sizes: tuple[tuple[float, float], ...]

    @property
    def width(self) -> float:
        return self.sizes[0][0]

    @property
    def height(self) -> float:
        return self.sizes[0][1]


@dataclass(frozen=True)
class Placed:
    """A placed label: its box (x0, y0, x1, y1), the column it sits in and the form it takes
    (an index into its :class:`LabelBox`'s sizes)."""

    sid: str
    anchor: tuple[float, float]
    box: tuple[float, float, float, float]
    side: ColumnSide
    form: int = 0

    @property
    def centre(self) -> tuple[float, float]:
        x0, y0, x1, y1 = self.box
        return 0.5 * (x0 + x1), 0.5 * (y0 + y1)

    @property
    def leader_start(self) -> tuple[float, float]:
        """Where the leader leaves the box: the middle of its edge facing the model."""
        x0, y0, x1, y1 = self.box
        return (x0 if self.side == "right" else x1), 0.5 * (y0 + y1)


def _stack(
    items: list[tuple[LabelBox, float]], bottom: float, top: float, spacing: float
) -> list[float] | None:
    """Box centres (y) for ``items`` ((label, box height), sorted top to bottom), each as near
    its anchor's height as the others allow, none overlapping, all between ``bottom`` and
    ``top``; None if they do not fit."""
    if not items:
        return []
    heights = [h for _b, h in items]
    if sum(heights) + spacing * (len(items) - 1) > top - bottom:
        return None
    ys = [min(max(b.anchor[1], bottom + h / 2), top - h / 2) for b, h in items]
    for k in range(1, len(items)):  # downwards: no box above its upper neighbour's bottom
        ys[k] = min(ys[k], ys[k - 1] - heights[k - 1] / 2 - spacing - heights[k] / 2)
    last = len(items) - 1
    ys[last] = max(ys[last], bottom + heights[last] / 2)
    for k in range(last - 1, -1, -1):  # upwards: none below the view's bottom
        ys[k] = max(ys[k], ys[k + 1] + heights[k + 1] / 2 + spacing + heights[k] / 2)
    return ys


def layout(
    labels: Sequence[LabelBox],
    footprint: Footprint,
    size: tuple[float, float],
    margin: float,
    gap: float,
    spacing: float,
) -> list[Placed]:
    """Place ``labels`` (most important first) in columns beside ``footprint`` in a view of
    ``size`` (width, height): ``gap`` pixels clear of the model, ``spacing`` between boxes,
    ``margin`` from the view's edges. A label that does not fit tries, in turn, its other forms
    on its side, then the other side; the labels left out are those that fit nowhere, the least
    important first."""
    width, height = size
    centre = footprint.centre_x
    if centre is None:
        centre = width / 2
    rank = {b.sid: n for n, b in enumerate(labels)}
    # each label's ways to be placed, tried in order: (side, form)
    tries: dict[str, list[tuple[ColumnSide, int]]] = {}
    for b in labels:
        near: ColumnSide = "right" if b.anchor[0] >= centre else "left"
        far: ColumnSide = "left" if near == "right" else "right"
        shapes = range(len(b.sizes))
        tries[b.sid] = [(near, f) for f in shapes] + [(far, f) for f in shapes]
    stage = {b.sid: 0 for b in labels}
    active = [b for b in labels if margin <= b.anchor[0] <= width - margin]
    for _round in range(sum(len(t) for t in tries.values()) + 1):
        placed: list[Placed] = []
        misfits: list[LabelBox] = []
        for column in ("left", "right"):
            items = sorted(
                (b for b in active if tries[b.sid][stage[b.sid]][0] == column),
                key=lambda b: -b.anchor[1],
            )
            forms = [tries[b.sid][stage[b.sid]][1] for b in items]
            ys = _stack(
                [(b, b.sizes[f][1]) for b, f in zip(items, forms, strict=True)],
                margin,
                height - margin,
                spacing,
            )
            if ys is None:  # too many for the column: its least important one is a misfit
                misfits.append(max(items, key=lambda b: rank[b.sid]))
                continue
            for b, f, y in zip(items, forms, ys, strict=True):
                w, h = b.sizes[f]
                y0, y1 = y - h / 2, y + h / 2
                lo, hi = footprint.span(y0 - spacing, y1 + spacing)
                if column == "right":
                    x0 = max(hi, b.anchor[0]) + gap
                    box = (x0, y0, x0 + w, y1)
                    fits = box[2] <= width - margin
                else:
                    x1 = min(lo, b.anchor[0]) - gap
                    box = (x1 - w, y0, x1, y1)
                    fits = box[0] >= margin
                if fits:
                    placed.append(Placed(b.sid, b.anchor, box, column, f))
                else:
                    misfits.append(b)
        if not misfits:
            return placed
        # the least important misfit tries its next way, or is left out
        worst = max(misfits, key=lambda b: rank[b.sid])
        stage[worst.sid] += 1
        if stage[worst.sid] >= len(tries[worst.sid]):
            active.remove(worst)
    return placed
