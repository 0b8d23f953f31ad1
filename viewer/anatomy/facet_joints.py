"""The L5-S1 facet (zygapophysial) joints: the articular cartilages and the fibrous capsule.

The joint space is found on the bones: where L5's inferior facet faces S1's superior one across
``parameters.FACET_JOINT_SPACE``. Each facet carries a plate of articular cartilage about 1 mm
thick (``FACET_CARTILAGE_*``) over the articular patch, the two plates separated by the joint
cavity: two plates on the joint's middle surface, taken from the bones (:func:`joint_surface`:
midway between the two facets, so the plates bend as the facets do, the S1 facet concave, facing
back and in, round L5's: a C/J in axial section where it is cupped). Round it (Bogduk,
*Clinical and Radiological Anatomy of the Lumbar Spine*, ch. 3) the capsule is a fibrous
sleeve, a bag-like cuff attached ``FACET_CAPSULE_ATTACHMENT`` beyond the articular margins of
both processes: thickest behind (``FACET_CAPSULE_THICKNESS_POSTERIOR``), thinner over the
poles, where it is loose (the superior and inferior subcapsular recesses, ``FACET_RECESS_*``),
and thinnest in front (``FACET_CAPSULE_THICKNESS_ANTERIOR``), where the ligamentum flavum
reaches in and forms the joint's anterior capsule. It reaches ``FACET_CUFF_HALF_LENGTH`` onto
each process (the bone ends lie within it), narrowing towards its lips, and joins the
cartilages along the joint's back: one body. Seen alone, a hood over the joint's back and
poles, open in front, the two plates the floor of its bore (its inner face curving onto their
backs; their front edges a little proud of its mouth).

It needs the placed L5 (``vertebra``) and the S1 segment (``pelvis``). Landmarks published (model
frame): ``facet_joint_center_left``/``_right`` (middle of the joint space) and
``facet_joint_normal_left``/``_right`` (unit normal of the joint plane, pointing from the L5
facet towards S1's, i.e. anterolaterally).
"""

from __future__ import annotations

import numpy as np

from ..vocabulary import SIDES
from . import implicit as imp
from . import meshing, vertebra
from . import parameters as P
from .build import BuildContext, Built
from .facet_capsule_wall import (
    cuff_length,
    pole_share,
    recess_floor,
    recess_pouches,
)
from .facet_surface import (
    BONE_REACH,
    PATCH_REACH,
    articular_margins,
    bone_distance_near,
    joint_frame,
    joint_geometry,
    joint_surface,
    on_lattice,
    s1_distance_near,
)

#: (mm) the capsule's surface lies this far within the band where the bones' distances are taken
#: (:func:`_bone_where_it_counts`): beyond the mesher's fine band (2 coarse voxels, 1.5 mm) and
#: its blur; elsewhere the bone is taken as far off (its distance clamped there, as beyond the
#: crop round the joint)
_BONE_BAND = 2.0
#: (mm) how much further down than up the meshed box round each joint reaches (the inferior
#: recess the larger)
_RECESS_ROOM = 2.0
#: (mm) the lattice's spacing on which the bones' distances are taken there
_BONE_LATTICE = 1.5


def _rounded_max(a, b, r):
    """The intersection of two distances with its edge rounded at radius ``r`` (an array or a
    number): exact at the edge's arc, where a sharp maximum would leave a corner."""
    return np.minimum(np.maximum(a, b), -r) + np.hypot(
        np.maximum(a + r, 0.0), np.maximum(b + r, 0.0)
    )


def _fillet(a, b, ra, rb):
    """The fillet alone in the corner between two solids whose distances are ``a`` and ``b`` (a
    distance, negative inside): the concave web of an elliptic quarter section, ``ra`` (an array
    or a number) out along ``b``'s face from the corner and ``rb`` along ``a``'s, that a rounded
    union of the two adds where their faces meet, reaching 0.3 mm into each of them."""
    u, v = a / ra, b / rb
    rounded = rb * (
        np.maximum(1.0, np.minimum(u, v))
        - np.hypot(np.maximum(1.0 - u, 0.0), np.maximum(1.0 - v, 0.0))
    )
    corner = np.maximum(np.maximum(-a, -b) - 0.3, np.maximum(a - ra, b - rb) - 0.3)
    return np.maximum(rounded, corner)


def _bone_where_it_counts(bone_at, sleeve_in, ungathered, thick, gathered_by) -> np.ndarray:
    """The nearer bone's distance (mm) where it moves the capsule's surface, from ``bone_at``
    (given the points' indices), ``BONE_REACH`` elsewhere (as if far from the bone).

    The bone holds the sleeve's inner face out between its gathered (``sleeve_in``, a distance
    out from it) and its ungathered place (``ungathered``), blended over ``gathered_by``: the
    inner face's distance lies between ``ungathered - gathered_by / 4`` and ``sleeve_in``, so
    where the latter is ``_BONE_BAND`` inside the bore, or the former as far beyond the wall's
    outer face (``thick`` out), or the sleeve is not gathered, the bone cannot move the surface
    (the capsule's distance there stays beyond ``_BONE_BAND``, wider than the mesher's band and
    its blur): its distance is taken only in a band round the gathered lips (a few per cent of
    the samples: the mesh distances at every sample cost the builder five times its time)."""
    counts = (
        (gathered_by > 2e-3)
        & (sleeve_in > -_BONE_BAND)
        & (ungathered - gathered_by / 4.0 < thick + _BONE_BAND)
    )
    bone = np.full(len(sleeve_in), BONE_REACH)
    where = np.flatnonzero(counts)
    if len(where):
        bone[where] = bone_at(where)
    return bone


def _backwards(R) -> float:
    """+1 or -1: the sign that turns the joint's horizontal axis (``R``'s third column, L5 frame)
    towards the back, i.e. towards the joint's posterolateral margin."""
    return -1.0 if R[1, 2] > 0 else 1.0


def capsule_sdf(l5: imp.SDF, s1: imp.SDF, centre, R, bones: imp.SDF, margins_at) -> imp.SDF:
    """The capsule of one joint (L5 frame): a thin hood round the joint's back and poles, open in
    front, with the two articular cartilages filling it (``l5``: L5's shape as placed; ``s1``:
    the distance to the built S1 round the joint; ``bones``: to the nearer of the built L5 and
    S1 there, where the capsule's lips meet them; ``margins_at``: the articular margins below
    and above, mm along the joint's craniocaudal axis from ``centre``, from
    :func:`~viewer.anatomy.facet_surface.articular_margins`).

    In the joint's coordinates, bent so that the joint's middle surface (:func:`joint_surface`,
    concave towards L5) is straight, the capsule is a sleeve whose inner face lies
    ``FACET_CAPSULE_ATTACHMENT`` beyond the articular margins (the patch's 2 SD ellipse),
    reaching ``FACET_CUFF_HALF_LENGTH`` onto each process and narrowing by ``FACET_CUFF_TAPER``
    towards its lips (a bag gathered onto the processes) and gathered in by up to
    ``FACET_CUFF_GATHER`` more until it meets the bone (its lips on the processes; less at the
    poles, ``FACET_CUFF_GATHER_POLE_FADE``); its L5 half ``FACET_JOINT_LINE_STEP`` higher and
    its S1 half as much lower; at its poles, placed from the joint's own articular margins,
    rounded pouches blended into the sleeve (soft swellings, no neck), the inferior the larger
    (the recesses, ``FACET_RECESS_*``: :func:`recess_pouches`); taut between its attachments (no
    ridge along its lips, no scallops: its face smooth from one process to the other), creased
    and grooved along the joint line (``FACET_JOINT_LINE_*``: the articular cleft a seam round
    its outer face). Its wall is
    ``FACET_CAPSULE_THICKNESS_POSTERIOR`` thick over the posterolateral margin, thinning to
    ``FACET_CAPSULE_THICKNESS`` at the poles and towards ``FACET_CAPSULE_THICKNESS_ANTERIOR``
    at its front edge: anteromedially (in front of ``FACET_CAPSULE_OPEN`` of the half-width) it is
    absent, the ligamentum flavum forming the joint's anterior capsule (Bogduk ch. 3), its
    free edges rolled. Inside, each facet carries its cartilage (``FACET_CARTILAGE_*``): a curved
    plate on the joint line's curve reaching out into the sleeve's wall all round; beyond the
    sleeve, in the recesses (which lie beyond the articular margins), each plate's layer goes
    on as the pouch's floor, rising away from the joint line into the pouch's end
    (``FACET_RECESS_FLOOR_*``): each pouch a hollow of the joint's cavity, walled off from the
    processes; the sleeve's inner face
    curving onto each plate's back in a concave fillet (``FACET_CARTILAGE_FILLET``: the
    cartilage the floor of the sleeve's bore); the two plates separated by the joint cavity,
    which opens in front as the joint line, the plates' front edges
    ``FACET_CARTILAGE_BEYOND_HOOD`` beyond the hood's.
    """
    mid, sd, surface = joint_surface(l5, s1, centre, R)
    # (the articular margins below and above the joint's middle, mm: the recesses' poles)
    margins = (mid[1] - margins_at[0], margins_at[1] - mid[1])
    attach = P.FACET_CAPSULE_ATTACHMENT
    # (the sleeve laid out for a wall FACET_CAPSULE_WALL_REFERENCE thick behind: a thicker one
    # stands out beyond it there)
    t_ref = P.FACET_CAPSULE_WALL_REFERENCE
    grow = attach + t_ref
    radii = (2.0 * sd[1] + grow, 2.0 * P.FACET_CAPSULE_WIDTH_SHARE * sd[2] + grow)
    # the capsule's own: reaching further up and down
    hood = (radii[0] + P.FACET_CAPSULE_POLE_REACH, radii[1])
    size = np.sqrt(radii[0] * radii[1])
    back = _backwards(R)
    t_front, t_pole, t_back = (
        P.FACET_CAPSULE_THICKNESS_ANTERIOR,
        P.FACET_CAPSULE_THICKNESS,
        P.FACET_CAPSULE_THICKNESS_POSTERIOR,
    )
    plate_half = P.FACET_CARTILAGE_THICKNESS / 2.0
    # each plate's middle surface: this far from the joint line (across the cavity's half-width)
    plate_mid = P.FACET_CARTILAGE_CAVITY / 2.0 + plate_half
    # the hood's front edge: this far in front of the joint's middle (horizontally, mm)
    open_at = P.FACET_CAPSULE_OPEN * hood[1]

    def parts(q, bone_at):
        """The hood's wall and the cartilages (distances) at ``q`` (bent joint coordinates;
        ``bone_at``: the nearer bone's distance at those of the points it is given, by index)."""
        x, up = q[:, 0], q[:, 1] - mid[1]
        k = np.hypot(up / hood[0], (q[:, 2] - mid[2]) / hood[1])
        # about the distance out from the sleeve's outer face (``sleeve``), and with the recesses'
        # pouches joined on at its poles (``radial``; ``pushed``: how far they push it out)
        sleeve = (k - 1.0) * size
        radial, pushed = recess_pouches(sleeve, up, _backwards(R) * (q[:, 2] - mid[2]), x, margins)
        # cosine of the angle round the rim from its posterolateral point (1) to the front (-1)
        c = back * (q[:, 2] - mid[2]) / hood[1] / np.maximum(k, 1e-9)
        w = 0.5 * (1.0 + c)
        thick = np.where(c >= 0.0, t_pole + (t_back - t_pole) * c, t_pole + (t_pole - t_front) * c)
        thick = np.maximum(thick, t_front)
        # (thinner over the pouches, where the capsule is loose)
        thick = thick * (1.0 - P.FACET_RECESS_THINNING * np.clip(pushed / 1.5, 0.0, 1.0))
        # the sleeve reaches further onto the processes behind than in front
        length = cuff_length(c)
        # (reaching further over the recesses, whose ends it closes: cut by its lips, they opened)
        length = length + P.FACET_RECESS_LIP_REACH * np.clip(pushed / P.FACET_RECESS_FULL, 0.0, 1.0)
        # the wall's middle (out from the sleeve's face) and its slope along x (d/dx)
        u = x / length
        plate_wall = -t_ref + thick / 2.0
        # (its edges rounded as the wall's full thickness: the thinned lips fold at sharper ones)
        rolled = P.FACET_CUFF_LIP_ROUNDING * thick
        # (its lips' ends, where it meets the bone, less rounded: a clean edge, not a rolled rim)
        lip_end = P.FACET_CUFF_RIM_ROUNDING * thick
        # thinning towards its lips (it blends into the periosteum: no rolled rim)
        thick = thick * (1.0 - P.FACET_CUFF_LIP_THINNING * np.minimum(u * u, 1.0) ** 2)
        # (how far towards a recess's crest, 0-1)
        recess = pole_share(q, mid, hood)
        # (the crease fading over the recesses at the poles, which balloon across the joint line)
        line = (
            P.FACET_JOINT_LINE_DEPTH
            * (P.FACET_JOINT_LINE_FRONT + (1.0 - P.FACET_JOINT_LINE_FRONT) * np.sqrt(w))
            * (1.0 - P.FACET_JOINT_LINE_POLE_FADE * recess)
            * np.exp(-((x / P.FACET_JOINT_LINE_WIDTH) ** 2))
        )
        # (and its outer face grooved over the joint line, all round: the articular cleft seen
        # through the thin capsule as a seam, its inner face left where it meets the plates)
        thick = thick * (
            1.0
            - P.FACET_JOINT_LINE_GROOVE
            * (1.0 - P.FACET_JOINT_LINE_POLE_FADE * recess)
            * np.exp(-((x / P.FACET_JOINT_LINE_WIDTH) ** 2))
        )
        # (gathered less at the poles, where the recesses balloon out: the lip swept in there
        # both as the recess fades and as it is gathered curled over into a fin)
        gathered = P.FACET_CUFF_GATHER * (1.0 - P.FACET_CUFF_GATHER_POLE_FADE * recess)
        gather = P.FACET_CUFF_TAPER * u**2 + gathered * np.minimum(u * u, 1.0) ** 2
        wall_mid = plate_wall - gather - line
        slope_ungathered = (
            -2.0 * P.FACET_CUFF_TAPER * u / length + 2.0 * line * x / P.FACET_JOINT_LINE_WIDTH**2
        )
        slope = slope_ungathered - 4.0 * gathered * np.minimum(u * u, 1.0) * u / length
        # (a distance across the wall where it slants: its thickness kept where it flares out,
        # and where it is gathered in, as thick across as where it is not)
        stretch = np.sqrt(1.0 + slope**2)
        thick_across = thick / np.sqrt(1.0 + slope_ungathered**2)
        # the wall's inner face: the sleeve's, gathered in towards its lips until it meets the
        # bone (its lips on the processes round the articular margins, sunk
        # FACET_CAPSULE_BONE_INSET into them), never further out than the sleeve's own
        sleeve_in = (radial - wall_mid) / stretch + thick_across / 2.0
        ungathered = sleeve_in - gather / stretch
        blend = P.FACET_CAPSULE_BONE_BLEND
        gathered_by = np.clip(gather / stretch, 1e-3, blend)
        bone = _bone_where_it_counts(bone_at, sleeve_in, ungathered, thick_across, gathered_by)
        held = -imp.smooth_min(-(bone + P.FACET_CAPSULE_BONE_INSET), -ungathered, blend)
        # (blended over no more than the gather: where a process stands out beyond the sleeve it
        # is not blown out beyond its own inner face)
        inner = imp.smooth_min(sleeve_in, held, gathered_by)
        wall = np.maximum(inner - thick_across, -inner)
        ends = np.abs(x) - length
        # open in front: the hood's free edge a plane across the joint, its lips rolled
        # (its outline an arc, receding towards the poles: no corners where it meets them)
        towards_pole = np.clip(np.abs(up) / hood[0], 0.0, 1.0) ** 2

        # (and from the joint line out onto the processes: its lips there do not curl round the
        # hollow they grip in front)
        def hood_front(scale):
            """The plane of the hood's free front edge (a distance), its height and its reach
            towards the poles measured in units of ``scale`` (1: the hood's own; the plates' rim
            share: that edge carried in to the wall)."""
            pole = np.clip(np.abs(up) / scale / hood[0], 0.0, 1.0) ** 2
            return (
                -back * (q[:, 2] - mid[2]) / scale
                - open_at * (1.0 - P.FACET_CAPSULE_OPEN_ARC * pole)
                + P.FACET_CAPSULE_OPEN_RECEDE * u**2
            )

        front = hood_front(1.0)
        capsule = _rounded_max(_rounded_max(wall, ends, lip_end), front, rolled)
        # two curved plates either side of the cavity, on the joint line's curve (L5's across < 0),
        # reaching out into the wall's middle all round, out into the recesses at the poles (s34's
        # rims stood free in them), their front edges a little beyond the hood's (rounded like the
        # capsule's edges)
        # (each thickest over the joint's middle, thinning to its rim: a lens, not a flat plate)
        dome = 1.0 + P.FACET_CARTILAGE_DOME * (1.0 - 2.0 * np.minimum(k, 1.0) ** 2)
        half = plate_half * dome
        # (beyond the sleeve, in the recesses, the plates go on as the pouches' floors, rising
        # away from the joint line: the recess a hollow of the joint's cavity, closed off from the
        # processes beyond; s40's plates, ending at the sleeve, left the pouches open: tunnels)
        rise, floor_slope = recess_floor(sleeve - plate_wall)
        # (the two plates, L5's at x < 0 and S1's, either side of the cavity: |x| from it)
        a = np.abs(np.abs(x) - rise - plate_mid + plate_half - half) - half
        a = a / np.sqrt(1.0 + floor_slope**2)
        r = P.FACET_CARTILAGE_RIM_ROUNDING
        plates = _rounded_max(
            _rounded_max(a, inner - thick_across / 2.0, r),
            front - P.FACET_CARTILAGE_BEYOND_HOOD * (1.0 - towards_pole),
            r,
        )
        # the sleeve's inner face curving onto each plate's back (over its rim, where the plate is
        # thinnest): the cartilage the floor of the sleeve's bore, not a loose plate inside it;
        # narrowing towards the hood's free edge, where it ends with the wall
        inward = (wall_mid - thick / 2.0 - radial) / np.sqrt(1.0 + slope**2)
        beyond = (
            np.abs(x)
            - rise
            - (plate_mid - plate_half + 2.0 * plate_half * (1.0 - P.FACET_CARTILAGE_DOME))
        )
        narrowing = np.clip((c + 0.7) / 0.6, 0.0, 1.0)
        narrowing = 0.2 + 0.8 * narrowing * narrowing * (3.0 - 2.0 * narrowing)
        # (and eased where the recesses' pouches push the wall out: their bore is tighter than
        # the fillet's reach, which met itself on the pouch's axis in a knob, blind review s39)
        narrowing = narrowing * (
            1.0
            - P.FACET_CARTILAGE_FILLET_POUCH_EASE
            * np.clip(
                (pushed - P.FACET_RECESS_EASE_FROM) / P.FACET_CARTILAGE_FILLET_EASE_OVER, 0, 1
            )
        )
        # (and over the poles, where the recesses open off the bore: the fillet, reaching for a
        # wall the pouch has carried away, stood free on the plates' backs in a knob)
        narrowing = narrowing * (1.0 - P.FACET_CARTILAGE_FILLET_POLE_EASE * recess)
        kk = np.maximum(k, 0.3)
        front_at_wall = hood_front(kk)
        fillet = _rounded_max(
            np.maximum(
                _fillet(
                    inward,
                    beyond,
                    P.FACET_CARTILAGE_FILLET * narrowing,
                    P.FACET_CARTILAGE_FILLET_RISE * narrowing,
                ),
                ends,
            ),
            front_at_wall,
            rolled,
        )
        return np.minimum(capsule, fillet), plates

    def f(p):
        q = (p - centre) @ R
        q[:, 0] -= mid[0]
        # straighten the curved joint: across is measured from the joint line's curve
        bent = q.copy()
        bent[:, 0] = q[:, 0] + mid[0] - surface(q[:, 1], q[:, 2])
        # L5's half (across < 0) a little higher, S1's a little lower: a step at the poles
        bent[:, 1] += P.FACET_JOINT_LINE_STEP * np.tanh(bent[:, 0] / 0.8)
        capsule, plates = parts(bent, lambda i: bones(p[i]))
        return imp.smooth_min(capsule, plates, P.FACET_CARTILAGE_BLEND)

    return f


def build(ctx: BuildContext) -> dict[str, Built]:
    T = np.asarray(ctx.landmarks["l5_frame"], float)
    l5 = vertebra.placed_local_sdf(ctx, T)
    out = {}
    for side in SIDES:
        centre, normal = joint_geometry(ctx, side)
        R = joint_frame(normal)
        # (room for the recesses above and below)
        reach = np.array([PATCH_REACH, PATCH_REACH, PATCH_REACH + 3.0]) + 2.0
        # (the box reaching further down, round the larger inferior recess)
        low = centre - reach - np.array([0.0, 0.0, _RECESS_ROOM])
        s1 = s1_distance_near(ctx, T, centre)
        l5_built = bone_distance_near(ctx, "l5_vertebra", T, centre)
        # (the bones' blurred distances, smooth: from a lattice round the lips, where they count)
        bones = on_lattice(
            imp.union(l5_built, s1),
            low - 2.0,
            centre + reach + 2.0,
            _BONE_LATTICE,
        )
        margins = articular_margins(ctx, side, centre, R)
        shape = capsule_sdf(l5, s1, centre, R, bones, margins)
        m = meshing.mesh_sdf_banded(
            shape,
            (low, centre + reach),
            voxel=P.FACET_VOXEL,
            target_faces=P.FACET_MAX_TRIANGLES,
            smooth_iterations=P.FACET_SMOOTHING,
            coarse_factor=3,
            blur=P.FACET_BLUR,
        )
        m.apply_transform(T)
        out[f"facet_joint_{side}"] = Built(m)
        ctx.landmarks[f"facet_joint_center_{side}"] = T[:3, :3] @ centre + T[:3, 3]
        ctx.landmarks[f"facet_joint_normal_{side}"] = T[:3, :3] @ normal
    return out
