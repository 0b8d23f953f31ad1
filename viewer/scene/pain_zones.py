"""The finer pain zones where the pain explorer paints (buttock, groin, outer foot...): where each
lies on the body chart and on the 3D skin, for either side (no Qt, no VTK).

The zones are content (``pain_zones`` in ``annotations.json``), told for the patient's left. On
the chart each zone is one or more *patches*: the part of one of anatomapa's regions inside a
box given as fractions of the region's width (from its midline side) and height. Here those
become polygons in the figure's own coordinates (anatomapa's regions are polygons), mirrored for
the right side, so that the chart can draw them and find the zone under a point. On the skin a
zone is a set of MakeHuman base.obj vertex indices per side; :func:`skin_vertex_zones` gives each
vertex of the built skin its zone through the skin's own base.obj index
(``meshes/skin.base_index.npy``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..content.sides import mirror_region
from ..vocabulary import CHART_VIEWS, SIDES, ChartView, Side

Polygon = tuple[tuple[float, float], ...]
#: a skin vertex without a base.obj index takes the zone of the nearest indexed vertex within
#: this distance (mm; three in four such vertices have one within 19 mm, the median 13 mm)
SKIN_REACH_MM = 30.0


@dataclass(frozen=True)
class ZoneKey:
    """One zone on one side: what a stroke paints."""

    zone: str
    side: Side


@dataclass(frozen=True)
class ZonePatch:
    """One painted shape on the chart: a zone's part of an anatomapa region, on one side."""

    key: ZoneKey
    chart_view: ChartView
    chart_region: str
    #: outlines in the figure's coordinates (one per piece of the region)
    polygons: tuple[Polygon, ...]


@cache
def figure_svg(chart_view: ChartView) -> str:
    """anatomapa's unshaded figure for ``chart_view`` (the one the body chart draws)."""
    import anatomapa

    fig = anatomapa.heatmap(
        {}, view=chart_view, lang="en", background="transparent", on_unknown="skip"
    )
    raster = getattr(fig, "_svg_for_raster", None)
    return str(raster() if callable(raster) else fig.to_svg())


def _centre_x(polys: tuple[Polygon, ...]) -> float:
    xs = [x for p in polys for x, _ in p]
    return (min(xs) + max(xs)) / 2


def drawn_left_of_midline(chart_view: ChartView, chart_region: str) -> bool:
    """Whether a sided region is drawn left of its twin (a midline region: False)."""
    twin = region_polygons(chart_view, mirror_region(chart_region))
    own = region_polygons(chart_view, chart_region)
    return bool(own and twin) and _centre_x(own) < _centre_x(twin)


def _element_id(region: str) -> str:
    for side in SIDES:
        if region.endswith(f"_{side}"):
            return f"{region[: -len(side) - 1]}-{side}"
    return region


def parse_polygons(path_data: str) -> tuple[Polygon, ...]:
    """The polygons of an SVG path made of ``M``, ``L`` and ``Z`` (anatomapa's regions)."""
    out: list[Polygon] = []
    for piece in re.split(r"(?=M)", path_data.strip()):
        nums = [float(n) for n in re.findall(r"-?[0-9]*\.?[0-9]+", piece)]
        points = tuple(zip(nums[0::2], nums[1::2], strict=False))
        if len(points) >= 3:
            out.append(points)
    return tuple(out)


@cache
def region_polygons(chart_view: ChartView, chart_region: str) -> tuple[Polygon, ...]:
    """The outline of anatomapa's ``chart_region`` on ``chart_view`` (empty: no such region)."""
    rid = re.escape(_element_id(chart_region))
    m = re.search(rf'<path id="{rid}" class="region" d="([^"]+)"', figure_svg(chart_view))
    return parse_polygons(m.group(1)) if m else ()


def _clip(poly: Polygon, axis: int, limit: float, keep_above: bool) -> Polygon:
    """Sutherland-Hodgman: the part of ``poly`` on one side of a vertical or horizontal line."""

    def inside(p: tuple[float, float]) -> bool:
        return p[axis] >= limit if keep_above else p[axis] <= limit

    out: list[tuple[float, float]] = []
    for i, cur in enumerate(poly):
        prev = poly[i - 1]
        if inside(cur) != inside(prev):
            t = (limit - prev[axis]) / (cur[axis] - prev[axis])
            out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
        if inside(cur):
            out.append(cur)
    return tuple(out)


def clip_to_box(poly: Polygon, x0: float, x1: float, y0: float, y1: float) -> Polygon:
    """The part of ``poly`` inside the box (empty tuple when none)."""
    for axis, limit, above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        poly = _clip(poly, axis, limit, above)
        if len(poly) < 3:
            return ()
    return poly


def patch_polygons(
    chart_view: ChartView, chart_region: str, across: tuple[float, float], down: tuple[float, float]
) -> tuple[Polygon, ...]:
    """The part of a region inside its ``across`` x ``down`` box (fractions of its bounding box;
    ``across`` from the side nearer the figure's midline)."""
    polys = region_polygons(chart_view, chart_region)
    if not polys:
        return ()
    xs = [x for p in polys for x, _ in p]
    ys = [y for p in polys for _, y in p]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    width, height = right - left, bottom - top
    if drawn_left_of_midline(chart_view, chart_region):  # outer side: the left
        x0, x1 = right - across[1] * width, right - across[0] * width
    else:
        x0, x1 = left + across[0] * width, left + across[1] * width
    y0, y1 = top + down[0] * height, top + down[1] * height
    clipped = (clip_to_box(p, x0, x1, y0, y1) for p in polys)
    return tuple(p for p in clipped if p)


def point_in_polygon(x: float, y: float, poly: Polygon) -> bool:
    """Even-odd rule."""
    inside = False
    for i, (x1, y1) in enumerate(poly):
        x0, y0 = poly[i - 1]
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


class ZoneMap:
    """The content's pain zones on both sides: chart patches, names and the zone under a point.

    Parameters
    ----------
    content
        :class:`viewer.content.Annotations` (its ``doc.pain_zones``).
    """

    def __init__(self, content) -> None:
        self.zones = dict(content.doc.pain_zones)
        patches: list[ZonePatch] = []
        for zone_id, zone in self.zones.items():
            for side in SIDES:
                for p in zone.chart:
                    region = p.chart_region if side == "left" else mirror_region(p.chart_region)
                    polys = patch_polygons(p.chart_view, region, p.across, p.down)
                    if polys:
                        patches.append(
                            ZonePatch(ZoneKey(zone_id, side), p.chart_view, region, polys)
                        )
        self.patches = tuple(patches)

    def patches_on(self, chart_view: ChartView) -> list[ZonePatch]:
        return [p for p in self.patches if p.chart_view == chart_view]

    def zone_at(self, chart_view: ChartView, x: float, y: float) -> ZoneKey | None:
        """The zone under the figure point (x, y) (the first listed where two regions touch)."""
        for patch in self.patches_on(chart_view):
            if any(point_in_polygon(x, y, poly) for poly in patch.polygons):
                return patch.key
        return None

    def centre(self, key: ZoneKey, chart_view: ChartView) -> tuple[float, float] | None:
        """A point inside the zone's largest patch on ``chart_view`` (for tests and scripts)."""
        best: Polygon = ()
        for patch in self.patches_on(chart_view):
            if patch.key == key:
                best = max((best, *patch.polygons), key=_area)
        if not best:
            return None
        xs = sorted(x for x, _ in best)
        y = sum(y for _, y in best) / len(best)
        crossings = sorted(_crossings(best, y))
        if len(crossings) >= 2:
            return ((crossings[0] + crossings[1]) / 2, y)
        return (xs[len(xs) // 2], y)

    def name(self, zone: str, voice: str) -> str:
        z = self.zones[zone]
        return z.patient_name if voice == "patient" else z.name

    def views_of(self, zone: str) -> set[ChartView]:
        return {p.chart_view for p in self.zones[zone].chart if p.chart_view in CHART_VIEWS}


def _area(poly: Polygon) -> float:
    following = poly[1:] + poly[:1]
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(poly, following, strict=True)))


def _crossings(poly: Polygon, y: float) -> Iterable[float]:
    for i, (x1, y1) in enumerate(poly):
        x0, y0 = poly[i - 1]
        if (y0 > y) != (y1 > y):
            yield x0 + (y - y0) * (x1 - x0) / (y1 - y0)


def skin_vertex_zones(
    content, vertices: np.ndarray, base_index: np.ndarray, outside: np.ndarray | None = None
) -> list[ZoneKey | None]:
    """Each skin vertex's zone (None: in no zone), from the zones' base.obj indices; a vertex
    without an index (made by subdivision or a cut) takes the zone of the nearest indexed vertex
    within :data:`SKIN_REACH_MM`; those ``outside`` (a mask: the section caps) take none."""
    by_index: dict[int, ZoneKey] = {}
    for zone_id, zone in content.doc.pain_zones.items():
        for side, indices in zone.skin_vertices.items():
            for i in indices:
                by_index[int(i)] = ZoneKey(zone_id, side)
    base_index = np.asarray(base_index)
    own: list[ZoneKey | None] = [by_index.get(int(i)) for i in base_index]
    indexed = np.flatnonzero(base_index >= 0)
    if len(indexed) == 0:
        return own
    from scipy.spatial import cKDTree  # here, not at the top: pictures never need it

    vertices = np.asarray(vertices, float)
    dist, nearest = cKDTree(vertices[indexed]).query(vertices)
    far = dist > SKIN_REACH_MM
    if outside is not None:
        far |= np.asarray(outside, bool)
    out: list[ZoneKey | None] = []
    for key, i, f, n, x in zip(own, base_index, far, nearest, vertices[:, 0], strict=True):
        borrowed = own[indexed[n]] if i < 0 and not f else None
        if borrowed is not None:  # on its own side of the midline (RAS: left is -x)
            borrowed = ZoneKey(borrowed.zone, "left" if x < 0 else "right")
        out.append(key if i >= 0 else borrowed)
    return out
