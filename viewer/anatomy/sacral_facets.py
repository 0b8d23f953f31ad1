"""The S1 superior articular processes: large processes with concave facets facing back and in.

The LLP26 mean sacrum's superior articular processes are small, rounded nubs (blind review s21).
Each is rebuilt here as a solid added to the (uncarved) sacrum: a broad, tall plate (an
ellipsoid in the facet's own axes: across, along horizontally, vertical) whose posteromedial
face is cut flat and cupped by a vertical cylinder into a concave facet (the J of a lumbosacral
superior facet in axial section: Bogduk, *Clinical and Radiological Anatomy of the Lumbar Spine*
ch. 3; Masharawi Y et al., Spine 2004;29:1755), its lower half sunk into the sacrum.

The facet is set congruent with L5's inferior facet: facing it (the opposite of its normal),
``S1_FACET_BEYOND_L5`` out from it along that normal (L5's inferior process is then moved
``FACET_IAP_SHIFT`` towards S1 and trimmed to lie ``FACET_JOINT_SPACE`` off, by
:mod:`viewer.anatomy.vertebra`), so the two facets meet across an even joint space. Both are
set in the L5 frame, where the L5 will be placed on this sacrum (:func:`vertebra.l5_pose`, from
the S1 endplate alone), and mirrored across the midline: the processes are symmetric.
"""

from __future__ import annotations

import manifold3d
import numpy as np

from . import implicit as imp
from . import meshing
from . import parameters as P
from .build import BuildContext
from .geometry import to_manifold
from .vertebra import l5_pose
from .vertebra_shape import FACET_CUT, articular_process, facet_axes, facet_geometry


def _facet(s: P.L5Shape):
    """The right S1 facet's middle and outward normal (facing back and in), L5 frame."""
    c_iap, n_iap = facet_geometry(s)["inferior"]
    surface = np.asarray(c_iap, float) + P.S1_FACET_BEYOND_L5 * np.asarray(n_iap, float)
    surface[2] = P.S1_SAP_FACET_HEIGHT
    return surface, -np.asarray(n_iap, float)


def process_sdf(s: P.L5Shape = P.L5_SHAPE) -> imp.SDF:
    """The right S1 superior articular process (L5 frame; signed distance, mm)."""
    surface, n = _facet(s)
    radii = np.asarray(P.S1_SAP_RADII, float)
    centre = surface - FACET_CUT * radii[0] * n
    centre[2] = P.S1_SAP_FACET_HEIGHT - P.S1_SAP_SUNK
    return articular_process(
        centre,
        radii,
        n,
        FACET_CUT,
        s.facet_edge_rounding,
        (P.S1_SAP_CONCAVITY_RADIUS, P.S1_SAP_CONCAVITY_DEPTH),
        in_facet_frame=True,
    )


def clearance_sdf(s: P.L5Shape = P.L5_SHAPE) -> imp.SDF:
    """What of the mean sacrum's own (small, rounded) process stands in front of the new facet,
    in the joint and L5's inferior process's place: a lens ``S1_SAP_CLEARANCE`` deep out from
    the facet (posteromedially), as wide and tall as the process, less the process itself."""
    surface, n = _facet(s)
    radii = np.asarray(P.S1_SAP_RADII, float)
    depth = P.S1_SAP_CLEARANCE
    centre = surface + 0.5 * depth * n
    # over the facet's upper part (below, behind the process's root, lies the lamina)
    lens = imp.ellipsoid(
        centre, (0.5 * depth + 0.5, radii[1], P.S1_SAP_CLEARANCE_HEIGHT), facet_axes(n)
    )
    # (and a little of the process's inside, so the sacrum's cut faces end up under its surface)
    return imp.subtract(lens, imp.offset(process_sdf(s), -P.S1_SAP_CLEARANCE_OVERLAP))


def process_bounds(s: P.L5Shape = P.L5_SHAPE):
    """A box (L5 frame) holding the right process."""
    c_iap = facet_geometry(s)["inferior"][0]
    r = max(P.S1_SAP_RADII) + 4.0
    z = P.S1_SAP_FACET_HEIGHT - P.S1_SAP_SUNK
    return (c_iap[0] - r, c_iap[1] - r, z - r), (c_iap[0] + r, c_iap[1] + r, z + r)


def superior_articular_processes(
    sacrum: manifold3d.Manifold, endplate_centre: np.ndarray, endplate_normal: np.ndarray
) -> manifold3d.Manifold:
    """The placed ``sacrum`` (whose S1 endplate has this centre and upward normal) with its
    superior articular processes rebuilt (model frame)."""
    ctx = BuildContext()
    ctx.landmarks["s1_endplate_center"] = np.asarray(endplate_centre, float)
    ctx.landmarks["s1_endplate_normal"] = np.asarray(endplate_normal, float)
    T = l5_pose(ctx)
    (x0, y0, z0), (x1, y1, z1) = process_bounds()
    out = sacrum
    for sign, bounds in (
        (1.0, ((x0, y0, z0), (x1, y1, z1))),
        (-1.0, ((-x1, y0, z0), (-x0, y1, z1))),
    ):
        parts = []
        for f in (process_sdf(), clearance_sdf()):
            g = f if sign > 0 else imp.mirrored_x(f)
            mesh = meshing.mesh_sdf_banded(
                g,
                bounds,
                voxel=P.S1_SAP_VOXEL,
                target_faces=P.S1_SAP_MAX_TRIANGLES,
                smooth_iterations=8,
                transform=T,
            )
            parts.append(to_manifold(mesh))
        out = out - parts[1] + parts[0]
    return out
