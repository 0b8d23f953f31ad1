"""The L5 vertebra's shape: a parametric implicit model in the L5 frame.

No package ships an L5 mesh, so the bone is modelled from the published L5 measurements and the
shape of the Clouthier 2023 mean L5 (``parameters.L5Shape``): a kidney-shaped, waisted, wedged
body with rimmed endplates; broad pedicles; thick cone-shaped transverse processes rooted on the
pedicle and the side of the body; laminae; a hatchet-shaped spinous plate with a thickened
posterior border; superior articular processes shaped as broad plates whose concave facets
face back and in, inferior articular processes with flat facets facing forward and out (made
convex where they are trimmed to S1's concave facets, ``vertebra.py``); and the triangular
vertebral canal they enclose. The processes are superquadrics (:mod:`.superquadrics`): flat
faces meeting in rounded borders, as bone is, where ellipsoids and elliptic cones read as
balloons and sausages.

The *L5 frame*: origin at the centre of the inferior endplate, +z along the body axis, +y
anterior, +x right. :mod:`viewer.anatomy.vertebra` places the bone on S1 and finds its landmarks.
"""

from __future__ import annotations

import numpy as np

from . import implicit as imp
from . import meshing
from . import parameters as P
from .superquadrics import superellipsoid, superellipsoid_rounded_across, superelliptic_cone


# ---------------------------------------------------------------- shape (L5 frame)
def body_outline(s: P.L5Shape):
    """Axial outline of the body: (x, y) -> signed distance, at a relative height t in [0, 1]."""
    a = s.body_width / 2.0
    yc = s.body_front_y - s.body_depth / 2.0
    yw = yc + s.body_widest_y
    b_front = s.body_front_y - yw
    b_back = yw - (s.body_front_y - s.body_depth)
    back_y = s.body_front_y - s.body_depth
    notch_r = 0.45 * s.body_width

    def f(x, y, t):
        squeeze = 1.0 - (s.waist / a) * 4.0 * t * (1.0 - t)
        # the sides (not the front and back) are hollowed further: concave seen from the front;
        # fading out behind the widest part, before the pedicles' roots
        behind = np.clip((y - back_y - 7.0) / (yw - back_y - 7.0), 0.0, 1.0)
        fade = behind * behind * (3.0 - 2.0 * behind)
        sides = 1.0 - (s.waist_lateral / a) * 4.0 * t * (1.0 - t) * fade
        u = x / (squeeze * sides)
        v = (y - yw) / squeeze
        b = np.where(v > 0, b_front, b_back)
        k0 = np.sqrt((u / a) ** 2 + (v / b) ** 2)
        k1 = np.sqrt((u / a**2) ** 2 + (v / b**2) ** 2)
        d = np.where(k1 > 1e-9, k0 * (k0 - 1.0) / np.maximum(k1, 1e-9), -b_back) * squeeze
        # the kidney's posterior notch: a wide shallow bite out of the back wall
        notch = notch_r - np.hypot(x, y - (back_y - notch_r + s.posterior_concavity))
        return -imp.smooth_min(-d, -notch, 3.0)

    return f


def top_height(s: P.L5Shape, y):
    """Height of the superior endplate rim above the inferior one at AP position y (the wedge)."""
    back_y = s.body_front_y - s.body_depth
    slope = (s.height_anterior - s.height_posterior) / s.body_depth
    return s.height_posterior + slope * (y - back_y)


def waist_height(s: P.L5Shape, t):
    """The relative height to give :func:`body_outline` so its waist follows the profile
    ``1 - |2t - 1| ** waist_profile_power`` instead of ``4t(1 - t)`` (the same at power 2)."""
    return 0.5 * (1.0 - np.abs(2.0 * t - 1.0) ** (0.5 * s.waist_profile_power))


def body_sdf(s: P.L5Shape) -> imp.SDF:
    profile = body_outline(s)
    back_y = s.body_front_y - s.body_depth
    notch_r = s.posterior_flat_radius
    slope = (s.height_anterior - s.height_posterior) / s.body_depth
    yc = s.body_front_y - s.body_depth / 2.0
    k = s.rim_rounding

    def block(p):
        x, y, z = p[:, 0], p[:, 1], p[:, 2]
        # relative height between the two rims where the point stands (the wedge taken in),
        # turned into the outline's parabolic waist 4t(1-t) = 1 - |2t - 1|**power: a higher
        # power keeps the middle hollow and turns the wall out steeply just under each rim
        t = np.clip(z / top_height(s, y), 0.0, 1.0)
        # a band next to each rim keeps the rim's outline (the ring apophysis's lip) before the
        # wall turns in to the waist: a spool seen from the side
        band = s.rim_lip_band
        th = waist_height(s, np.clip((t - band) / (1.0 - 2.0 * band), 0.0, 1.0))
        side = profile(x, y, th)
        # the front, too, is hollowed between its rims (concave seen from the side)
        front = np.clip((y - yc) / (s.body_front_y - yc), 0.0, 1.0)
        side = side + s.waist_anterior * 4.0 * th * (1.0 - th) * front * front
        # the kidney's back wall: concave towards the canal, more so going up (none at the
        # inferior endplate, whose outline the disc is built on)
        rise = np.clip((t - 0.15) / 0.85, 0.0, 1.0)
        dip = -4.0 + (4.0 + s.posterior_concavity_top) * rise * rise * (3.0 - 2.0 * rise)
        notch = notch_r - np.hypot(x, y - (back_y - notch_r + dip))
        side = -imp.smooth_min(-side, -notch, 3.0)
        bottom = -z
        top = (z - top_height(s, y)) / np.hypot(1.0, slope)
        d = -imp.smooth_min(-side, -bottom, k)
        return -imp.smooth_min(-d, -top, k)

    # rimmed endplates: both faces dished in the middle, leaving a raised ring (ring apophysis)
    # ``ring_apophysis_width`` wide all round
    a_dish = (
        s.body_width / 2.0 - s.ring_apophysis_width,
        s.body_depth / 2.0 - s.ring_apophysis_width,
    )
    dish_inf = imp.ellipsoid((0.0, yc - 1.0, 0.0), (*a_dish, s.endplate_dish_inferior))
    y_sup = yc - 1.0 + s.superior_dish_forward
    top_c = (0.0, y_sup, float(top_height(s, y_sup)))
    tilt = np.arctan(slope)  # the superior dish lies in the tilted (wedged) superior endplate
    rot = np.array(
        [[1.0, 0.0, 0.0], [0.0, np.cos(tilt), -np.sin(tilt)], [0.0, np.sin(tilt), np.cos(tilt)]]
    )
    dish_sup = imp.ellipsoid(top_c, (*a_dish, s.endplate_dish_superior), rotation=rot)
    # inside the ring, the endplate lies ``ring_apophysis_height`` below the rim all over (a
    # flat floor with a steep inner edge), deepening to the dish in the middle
    up = rot[:, 2]
    h = s.ring_apophysis_height
    h_sup = s.ring_apophysis_height_superior
    inside_ring_inf = imp.ellipsoid((0.0, yc - 1.0, 0.0), (*a_dish, 500.0))
    inside_ring_sup = imp.ellipsoid(top_c, (*a_dish, 500.0), rotation=rot)
    floor_inf = imp.intersection(inside_ring_inf, imp.halfspace((0.0, 0.0, h), (0.0, 0.0, 1.0)))
    floor_sup = imp.intersection(
        inside_ring_sup, imp.halfspace(np.asarray(top_c) - h_sup * up, -up)
    )
    dish_inf = imp.union(dish_inf, floor_inf)
    dish_sup = imp.union(dish_sup, floor_sup)
    inferior = imp.smooth_subtract(s.ring_edge_rounding, block, dish_inf)
    return imp.smooth_subtract(s.ring_edge_rounding_superior, inferior, dish_sup)


def facet_normal(angle_deg: float, anterolateral: bool) -> np.ndarray:
    """Unit normal of a right-side facet whose plane makes ``angle_deg`` with the sagittal plane:
    facing anterolaterally (an inferior facet) or posteromedially (a superior facet)."""
    a = np.radians(angle_deg)
    n = np.array([np.cos(a), np.sin(a), 0.0])
    return n if anterolateral else -n


def pedicle_axis(s: P.L5Shape):
    length = s.pedicle_y_front - s.pedicle_y_back
    dx = np.tan(np.radians(s.pedicle_convergence)) * length / 2.0
    front = np.array([s.pedicle_x - dx, s.pedicle_y_front, s.pedicle_z])
    back = np.array([s.pedicle_x + dx, s.pedicle_y_back, s.pedicle_z])
    return front, back


def facet_axes(facet_normal) -> np.ndarray:
    """Columns: the facet's normal, the horizontal direction within it, vertical."""
    n = np.asarray(facet_normal, float)
    up = np.array([0.0, 0.0, 1.0])
    return np.column_stack([n, np.cross(up, n), up])


def _normal_radius(radii, facet_normal, in_facet_frame: bool) -> float:
    """The process's radius along the facet normal."""
    if in_facet_frame:
        return float(radii[0])
    return float(np.linalg.norm(np.asarray(radii) * facet_normal))


def articular_process(
    center,
    radii,
    facet_normal,
    cut: float,
    edge: float = 1.0,
    cup: tuple | None = None,
    in_facet_frame: bool = False,
    power: float = 2.0,
    margin: float | None = None,
) -> imp.SDF:
    """An articular process: an ellipsoid whose facet side is cut by a plane ``cut`` of its
    radius out from the centre along the facet normal, with a fillet of ``edge`` mm where the
    joint surface meets the process. ``cup`` = (radius, depth) makes the surface concave: a
    vertical cylinder of that radius, ``depth`` deep at the surface's middle, is taken out.
    ``radii`` lie along the L5 frame's axes, or with ``in_facet_frame`` along the facet's
    (:func:`facet_axes`: across the facet, along it horizontally, vertical): a plate whose
    broad face is the facet. ``power`` > 2 squares the process off (a superellipsoid: a pillar
    with flat sides and rounded edges, not an egg). ``margin`` (a share of the oval where the
    cut plane meets the process) bounds the joint surface by an oval wall square to it, so the
    surface ends at a distinct margin instead of rolling round into the process's side."""
    rot = facet_axes(facet_normal) if in_facet_frame else None
    if power == 2.0:
        body = imp.ellipsoid(center, radii, rotation=rot)
    else:
        body = superellipsoid(center, radii, power, rotation=rot)
    r_n = _normal_radius(radii, facet_normal, in_facet_frame)
    n_vec = np.asarray(facet_normal, float)
    surface = np.asarray(center) + cut * r_n * n_vec
    plane = imp.halfspace(surface, facet_normal)
    shape = imp.smooth_intersection(edge, body, plane)
    if margin is not None:
        outline = _facet_outline(center, radii, facet_normal, cut, in_facet_frame, margin)
        # only the layer next to the joint surface is bounded: behind it the process is whole
        behind = imp.halfspace(surface - FACET_MARGIN_DEPTH * n_vec, n_vec)
        shape = imp.smooth_intersection(
            edge, shape, imp.smooth_union(FACET_MARGIN_BLEND, outline, behind)
        )
    if cup is None:
        return shape
    radius, depth = cup
    axis = surface + (radius - depth) * np.asarray(facet_normal, float)

    def cylinder(p):
        return np.hypot(p[:, 0] - axis[0], p[:, 1] - axis[1]) - radius

    return imp.smooth_subtract(edge, shape, cylinder)


def _facet_outline(center, radii, facet_normal, cut: float, in_facet_frame: bool, margin: float):
    """An elliptic cylinder along the facet normal through the process's centre: its section is
    ``margin`` times the oval in which the cut plane meets the process (half-sizes along the
    facet's horizontal direction and vertically)."""
    axes = facet_axes(facet_normal)
    r = np.asarray(radii, float)
    if in_facet_frame:
        along, up = r[1], r[2]
    else:  # the ellipsoid's radius in the facet's horizontal direction and vertically
        along = 1.0 / float(np.linalg.norm(axes[:, 1] / r))
        up = r[2]
    shrink = margin * np.sqrt(max(1.0 - cut * cut, 0.0))
    a, b = along * shrink, up * shrink
    c = np.asarray(center, float)

    def f(p):
        q = (p - c) @ axes
        u, w = q[:, 1], q[:, 2]
        k0 = np.sqrt((u / a) ** 2 + (w / b) ** 2)
        k1 = np.sqrt((u / a**2) ** 2 + (w / b**2) ** 2)
        return np.where(k1 > 1e-9, k0 * (k0 - 1.0) / np.maximum(k1, 1e-9), -min(a, b))

    return f


def facet_geometry(s: P.L5Shape = P.L5_SHAPE):
    """(centre, normal) of the right inferior and superior facet surfaces, L5 frame."""
    out = {}
    for name, center, radii, angle, antero in (
        ("inferior", s.iap_center, s.iap_radii, s.iap_facet_angle, True),
        ("superior", s.sap_center, s.sap_radii, s.sap_facet_angle, False),
    ):
        n = facet_normal(angle, antero)
        r_n = _normal_radius(radii, n, not antero)
        out[name] = (np.asarray(center, float) + FACET_CUT * r_n * n, n)
    return out


FACET_MARGIN_DEPTH = 2.0  # [constructed] depth of the rim bounding a joint surface, mm
FACET_MARGIN_BLEND = 1.0  # [constructed] its fillet onto the rest of the process, mm
FACET_CUT = 0.45  # [constructed] share of the process's radius left in front of the facet plane


def spinous_sdf(s: P.L5Shape) -> imp.SDF:
    """The spinous process: a sagittal quadrilateral plate, ``sp_root_height`` tall at its root
    and ``sp_height`` at its posterior border, which is a thickened, rounded club."""
    yb, zb = s.sp_base
    yt, zt = s.sp_tip
    hb, ht = s.sp_root_height / 2.0, s.sp_height / 2.0
    r = s.sp_border_radius
    flat = imp.polygon_plate(
        [(0.0, yb, zb + hb), (0.0, yb, zb - hb), (0.0, yt, zt - ht), (0.0, yt, zt + ht)],
        s.sp_thickness,
    )

    def plate(p):
        # thinner towards its upper and lower borders than along its middle: a blade, not a
        # uniformly thick bar (seen from above, a thin edge)
        u = np.clip((p[:, 1] - yb) / (yt - yb), 0.0, 1.0)
        rel = np.clip((p[:, 2] - (zb + u * (zt - zb))) / (hb + u * (ht - hb)), -1.0, 1.0)
        q = np.array(p, float, copy=True)
        # (none at the root, where the laminae and the ligamenta flava meet it, and none at the
        # free end, whose thickened border is as thick at its top and bottom as in its middle:
        # an oblong seen from behind, not a lens)
        q[:, 0] = q[:, 0] / (1.0 - s.sp_edge_thinning * 4.0 * u * (1.0 - u) * rel * rel)
        return flat(q)

    # the posterior border: a club, thickest and lowest at its middle (convex backwards, so the
    # tip is one point), reaching a little below the plate (the slightly down-turned tip)
    rb = s.sp_border_radii
    # (an oblong seen from behind and from the side, rounded across seen from above: the
    # supraspinous ligament is moulded round it)
    border = superellipsoid_rounded_across(
        (0.0, yt + rb[1] - r, zt - s.sp_border_drop), rb, s.sp_border_power
    )
    return imp.smooth_union(2.5, plate, border)


def posterior_sdf_right(s: P.L5Shape) -> imp.SDF:
    """Pedicle, transverse process, lamina, half the spinous process and both articular processes
    of the right side (x > 0; the spinous half reaches just past the midline)."""
    front, back = pedicle_axis(s)
    axis = (back - front) / np.linalg.norm(back - front)
    across = np.cross(axis, (0.0, 0.0, 1.0))
    rot = np.column_stack([across / np.linalg.norm(across), axis, (0.0, 0.0, 1.0)])
    pedicle = imp.box(
        0.5 * (front + back),
        (
            P.L5_PEDICLE_WIDTH.value / 2.0,
            0.5 * float(np.linalg.norm(back - front)),
            P.L5_PEDICLE_HEIGHT.value / 2.0,
        ),
        rotation=rot,
        rounding=s.pedicle_rounding,
    )
    # flat-faced cones (a rounded-rectangle section and a blunt end), not sausages
    tp_pedicle_root = superelliptic_cone(
        s.tp_base,
        s.tp_tip,
        (s.tp_base_radii[1], s.tp_tip_radii[1]),
        (s.tp_base_radii[0], s.tp_tip_radii[0]),
        s.tp_section_power,
    )
    tp_body_root = superelliptic_cone(
        s.tp_body_root,
        s.tp_tip,
        (s.tp_body_root_radii[1], s.tp_tip_radii[1]),
        (s.tp_body_root_radii[0], s.tp_tip_radii[0]),
        s.tp_section_power,
    )
    # the web between the two roots and the tip: seen from above (and from the front) the
    # process is a broad-based triangle whose root runs along the pedicle onto the body
    web = imp.polygon_plate((s.tp_web_front, s.tp_web_back, s.tp_tip), s.tp_web_thickness)
    tp = imp.smooth_union(3.0, tp_pedicle_root, tp_body_root, web)
    lamina = imp.polygon_plate(s.lamina_corners, s.lamina_thickness)
    spinous = spinous_sdf(s)
    sap = articular_process(
        s.sap_center,
        s.sap_radii,
        facet_normal(s.sap_facet_angle, False),
        FACET_CUT,
        s.facet_edge_rounding,
        (s.sap_concavity_radius, s.sap_concavity_depth),
        in_facet_frame=True,
        power=s.sap_power,
        margin=s.facet_margin_superior,
    )
    iap = articular_process(
        s.iap_center,
        s.iap_radii,
        facet_normal(s.iap_facet_angle, True),
        FACET_CUT,
        s.facet_edge_rounding,
        power=s.articular_power,
        margin=s.facet_margin_inferior,
    )
    accessory = imp.ellipsoid(s.accessory_center, s.accessory_radii)
    mammillary = imp.ellipsoid(s.mammillary_center, s.mammillary_radii)
    arch = imp.smooth_union(3.0, lamina, spinous)
    pillar = imp.smooth_union(2.5, arch, sap, iap)
    pars_notch = imp.ellipsoid(s.pars_notch_center, s.pars_notch_radii)
    side = imp.smooth_subtract(2.0, imp.smooth_union(3.0, pedicle, tp, pillar), pars_notch)
    # the mammillary process with a small fillet: a distinct tubercle on the process's back edge
    # and the accessory process likewise, a small tubercle on the back of the transverse
    # process's root, below and lateral to the mammillary one
    return imp.smooth_union(
        s.mammillary_rounding, imp.smooth_union(s.accessory_rounding, side, accessory), mammillary
    )


def l5_local_sdf(s: P.L5Shape = P.L5_SHAPE) -> imp.SDF:
    body = body_sdf(s)
    post = imp.mirrored_x(posterior_sdf_right(s))
    return imp.smooth_union(2.5, body, post)


def local_bounds(s: P.L5Shape = P.L5_SHAPE):
    half_span = abs(s.tp_tip[0]) + max(s.tp_tip_radii) + 3.0
    lo = (
        -half_span,
        s.sp_tip[0] - s.sp_border_radius - 5.0,
        min(s.iap_center[2] - s.iap_radii[2], s.sp_tip[1] - s.sp_height) - 3.0,
    )
    hi = (
        half_span,
        s.body_front_y + 4.0,
        max(s.height_anterior, s.sap_center[2] + s.sap_radii[2]) + 3.0,
    )
    return lo, hi


def mesh_local(s: P.L5Shape = P.L5_SHAPE, f: imp.SDF | None = None):
    """The L5 surface in the L5 frame (of ``f``, by default the uncut shape)."""
    return meshing.mesh_sdf_banded(
        l5_local_sdf(s) if f is None else f,
        local_bounds(s),
        voxel=s.voxel,
        target_faces=s.max_triangles,
        smooth_iterations=12,
    )
