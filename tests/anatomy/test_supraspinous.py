"""The supraspinous ligament's shape: a strong rounded cord capping the tips of the spinous
processes, several mm deep in sagittal section, its deep fibres blending into the interspinous
ligament between the tips (Gray's; Bogduk, Clinical and Radiological Anatomy of the Lumbar Spine,
ch. 4). A flat strap ~2 mm thick read as the posterior longitudinal ligament (blind review s26)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
import trimesh
from scipy.sparse.csgraph import connected_components
from scipy.spatial import ConvexHull

from tests.anatomy.tissue_geometry import surface_distance
from viewer.anatomy import parameters as P
from viewer.anatomy import section_caps


def _tip(model) -> np.ndarray:
    """The rearmost point of L5 (the tip of its spinous process)."""
    v = model.mesh("l5_vertebra").vertices
    return v[np.argmin(v[:, 1])]


def _midline(v: np.ndarray, x: float, z: float, half: float = 0.75) -> np.ndarray:
    """The points of ``v`` in the mid-sagittal column at height ``z``."""
    return v[(np.abs(v[:, 0] - x) < half) & (np.abs(v[:, 2] - z) < half)]


def _border(model, half: float = 2.0) -> np.ndarray:
    """The posterior border of the L5 spinous process round its tip: its vertices within 1.5 mm
    of the tip's depth, within ``half`` mm of the midline."""
    tip = _tip(model)
    v = model.mesh("l5_vertebra").vertices
    return v[(v[:, 1] < tip[1] + 1.5) & (np.abs(v[:, 0] - tip[0]) < half)]


def test_supraspinous_ligament_is_a_cord_several_mm_deep_over_the_l5_tip(model):
    """In sagittal section over the L5 spinous tip it is a cord 3-5.5 mm deep (from the tip's
    back to its own back; SUPRASPINOUS_TIP_DEPTH modelled), not a strap 1-2 mm thick."""
    tip = _tip(model)
    ssl = model.mesh("supraspinous_ligament").vertices
    col = _midline(ssl, tip[0], tip[2])
    assert len(col), "nothing over the L5 tip"
    depth = float(tip[1] - col[:, 1].min())
    assert 3.0 <= depth <= 5.5, (
        f"{depth:.1f} mm deep behind the L5 tip ({P.SUPRASPINOUS_TIP_DEPTH})"
    )


def test_supraspinous_ligament_has_a_rounded_section_over_the_tip(model):
    """Over the tip its section is rounded: about as deep as wide (width / depth 1.0-2.0), its
    back face arched (its sides thinner than its middle), not a flat strap."""
    tip = _tip(model)
    v = model.mesh("supraspinous_ligament").vertices
    sl = v[np.abs(v[:, 2] - tip[2]) < 0.5]
    behind = sl[sl[:, 1] < tip[1]]  # the cord behind the tip (not its cap round the tip's sides)
    width = float(np.ptp(behind[:, 0]))
    depth = float(tip[1] - behind[:, 1].min())
    assert 1.0 <= width / depth <= 2.0, f"{width:.1f} wide, {depth:.1f} deep"
    # the arch: 1.5 mm off its middle, to each side, its back lies well in front of the middle's
    for side in (-1.0, 1.0):
        edge = behind[np.abs(behind[:, 0] - (tip[0] + side * 0.4 * width)) < 0.4]
        assert edge[:, 1].min() > behind[:, 1].min() + 0.5, "flat-backed: a strap, not a cord"


def test_supraspinous_ligament_lies_along_the_l5_tip_without_capping_it(model):
    """It lies on the tip's posterior border (every point of the border round the tip, within
    1.2 mm of the midline, within 1.5 mm of it: its deep face on the tip, running straight on
    where the border's lower corner curves away forward) but does not wrap it: at the tip's height none
    of it lies more than 1 mm in front of the tip's back (a cap moulded round the tip, an oval
    cup on its deep face, read as a spinous-process cap, not a ligament: blind review s27)."""
    ssl = model.mesh("supraspinous_ligament")
    border = _border(model, 1.2)
    gap = surface_distance(border, [ssl])
    assert gap.max() <= 1.5, f"the tip's back lies {gap.max():.1f} mm from the ligament"
    tip = _tip(model)
    for dz in (-3.0, 0.0, 3.0):
        sl = ssl.vertices[np.abs(ssl.vertices[:, 2] - (tip[2] + dz)) < 0.5]
        wrap = float(sl[:, 1].max() - tip[1])
        assert wrap <= 1.0, f"{dz:+.0f} mm: it reaches {wrap:.1f} mm round the tip's sides"


def _loops(mesh, z: float) -> list[np.ndarray]:
    """The closed loops of ``mesh``'s horizontal section at height ``z``: each its (x, y)
    points in order round its centre (the sections here are star-shaped about it)."""
    seg = trimesh.intersections.mesh_plane(mesh, (0.0, 0.0, 1.0), (0.0, 0.0, z))
    if len(seg) == 0:
        return []
    pts = seg.reshape(-1, 3)[:, :2]
    _, node = np.unique(np.round(pts, 5), axis=0, return_inverse=True)
    node = node.reshape(-1, 2)
    n = int(node.max()) + 1
    graph = sp.coo_matrix((np.ones(len(node)), (node[:, 0], node[:, 1])), shape=(n, n))
    count, label = connected_components(graph, directed=False)
    where = np.zeros((n, 2))
    where[node.ravel()] = pts
    loops = []
    for k in range(count):
        p = where[label == k]
        c = p.mean(axis=0)
        loops.append(p[np.argsort(np.arctan2(p[:, 1] - c[1], p[:, 0] - c[0]))])
    return loops


def _area(loop: np.ndarray) -> float:
    x, y = loop[:, 0], loop[:, 1]
    return 0.5 * abs(float(x @ np.roll(y, -1) - y @ np.roll(x, -1)))


def _sections(mesh, step: float = 1.0):
    """The horizontal sections of ``mesh`` every ``step`` mm (leaving 1.5 mm at each end):
    (height, loops) for each."""
    lo, hi = mesh.bounds[:, 2]
    return [(z, _loops(mesh, z)) for z in np.arange(lo + 1.5, hi - 1.5, step)]


def test_supraspinous_ligament_is_one_rounded_cord_all_along(model):
    """Along its whole length its horizontal section is one solid oval: a single piece, convex
    (area at least 0.93 of its convex hull: no cup, flange or tongue hanging off it) and rounded
    (area at most 0.86 of its bounding box: an ellipse fills pi/4 = 0.79 of it, the rectangular
    section of an extruded bar with sharp edges nearly all of it: blind review s27)."""
    ssl = model.mesh("supraspinous_ligament")
    for z, loops in _sections(ssl):
        assert len(loops) == 1, f"{len(loops)} pieces at z {z:.1f}"
        loop = loops[0]
        area = _area(loop)
        solid = area / ConvexHull(loop).volume
        fill = area / float(np.prod(np.ptp(loop, axis=0)))
        assert solid >= 0.93, f"z {z:.1f}: not convex ({solid:.2f} of its hull)"
        assert fill <= 0.86, f"z {z:.1f}: a square-edged bar ({fill:.2f} of its box)"


def test_supraspinous_ligament_ends_taper_to_rounded_tips(model):
    """It runs on up to L4 and fades out on the sacral crest; the model ends it in tapered,
    rounded tips, not square cut ends (blind review s27): no section cap, and the section within
    2.5 mm of each end under half its area over the L5 tip."""
    ssl = model.mesh("supraspinous_ligament")
    assert not section_caps.cut_flags(ssl).any(), "its ends are cut square"
    tip = _tip(model)
    secs = _sections(ssl, 0.5)
    full = max(sum(_area(lp) for lp in loops) for z, loops in secs if abs(z - tip[2]) < 1.0)
    for name, (_, loops) in (("upper", secs[-1]), ("lower", secs[0])):
        area = sum(_area(lp) for lp in loops)
        assert area < 0.5 * full, f"its {name} end: {area:.1f} mm² ({full:.1f} over the tip)"


def test_supraspinous_ligament_continues_into_the_interspinous_region(model):
    """Between the L5 tip and the S1 tubercle its deep fibres reach forward into the
    interspinous space (in front of the line joining the bones' backs) and blend with the
    interspinous ligament there (touching it over at least 5 mm of height)."""
    tip = _tip(model)
    ssl = model.mesh("supraspinous_ligament")
    isl = model.mesh("interspinous_ligament")
    low = float(_border(model)[:, 2].min())
    top = isl.vertices[:, 2].max()
    zs = np.arange(isl.vertices[:, 2].min() + 2.0, min(low, top) - 1.0, 1.0)
    assert len(zs) >= 4, "no gap between the tips"
    reach = np.array([np.ptp(_midline(ssl.vertices, tip[0], z)[:, 1]) for z in zs])
    # deeper than the cord alone between the tips (its gap thickness): the deep fibres
    assert np.median(reach) >= P.SUPRASPINOUS_GAP_SIZE[1] + 1.5, f"depth {reach.round(1)} mm"
    touch = isl.vertices[surface_distance(isl.vertices, [ssl]) <= 0.5]
    assert len(touch) and np.ptp(touch[:, 2]) >= 5.0, "does not blend with the interspinous lig."
