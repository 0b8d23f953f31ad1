"""Multifidus and erector spinae, laid on the back of L5, the sacrum and the posterior ilium.

Both are height fields over the dorsal bone surface (:mod:`viewer.anatomy.dorsal_map`): a solid
from the bone up to a smooth dorsal surface, within an outline, with shapes swept along it.

* ``multifidus_<side>``: a bed filling the gutter beside the L5 spinous process and lying over
  the dorsal sacrum and its posterior foramina, from the L5 spinous process and lamina down to
  the lower sacrum and the medial PSIS; on it, fascicles fanning from the spinous process and
  lamina (and bands from the levels above, cut with the bed above L5 by a section cap) down and
  out to the sacrum and the PSIS, each standing out of the bed as a ridge.
* ``erector_spinae_<side>``: its aponeurosis, a tendinous sheet lying over the sacrum and the
  multifidus from the median crest out over the PSIS and along the iliac crest, and rising from
  its upper part and from the crest the longissimus (medial) and iliocostalis (lateral) columns,
  each drawn as bundles, up to a section cap above L5.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from ..vocabulary import SIDES
from . import implicit, meshing, perturbation, routing, section_caps
from . import parameters as P
from .build import BuildContext, Built
from .dorsal_map import DorsalMap, depth, dorsal_map, layer, on_top, outline, smooth_max
from .frame import ANTERIOR, RIGHT, SUPERIOR, side_sign, unit

#: how far from its cutting plane a section cap's vertex may lie after smoothing, mm
CAP_TOLERANCE = 0.9
#: near-field of the bone distance that trims the muscles: values deeper inside bone than this are
#: not read (the depth map already keeps the muscle out there, and far from a surface a mesh
#: distance may carry the wrong sign), mm
TRIM_TRUST = 4.0
#: rounding of the outlines' edges and corners, mm
ROUNDING = 4.0
#: multifidus's rounded edge reaches this far beyond its outline, mm
MF_EDGE = 1.0


def _bones(side: str) -> tuple[str, ...]:
    return ("l5_vertebra", "s1_segment", "sacrum_lower", f"hip_bone_{side}")


class _Back:
    """The back muscles of one side."""

    def __init__(self, ctx: BuildContext, side: str):
        self.ctx, self.side = ctx, side
        self.sign = side_sign(side)
        self.map: DorsalMap = dorsal_map(ctx, self.sign, _bones(side))
        # the floor without the bone's finer relief, which multifidus's lateral face rounds onto
        smooth = ndimage.gaussian_filter(
            self.map.floor, P.MULTIFIDUS_BASE_SMOOTHING, mode="nearest"
        )
        self.smooth_floor = DorsalMap(self.sign, self.map.xs, self.map.zs, smooth)
        self.bones = routing.Obstacles(ctx, _bones(side))
        lms = ctx.landmarks

        def lm(name: str) -> np.ndarray:
            return np.asarray(lms.get(f"{name}_{side}", lms.get(name)), float).reshape(-1)[:3]

        self.lm = lm
        l5 = ctx.mesh("l5_vertebra").vertices
        tip = lm("l5_spinous_tip")
        # half-thickness of the spinous process (its vertices in its hinder half)
        behind = l5[l5[:, 1] < 0.5 * (lm("l5_spinous_base")[1] + tip[1])]
        self.spinous_half = float(np.percentile(np.abs(behind[:, 0]), 90))
        self.tip = np.array([self.spinous_half, depth(tip[None])[0], tip[2]])  # x', h, z
        psis = lm("psis")
        self.psis = np.array([self.sign * psis[0], depth(psis[None])[0], psis[2]])
        self.l5_top = float(l5[:, 2].max())
        s1p, s2p = lm("s1_posterior_foramen"), lm("s2_posterior_foramen")
        self.z_s2 = float(s2p[2])
        self.z_bottom = float(s2p[2] + P.MULTIFIDUS_CAUDAL_REACH * (s2p[2] - s1p[2]))
        self.z_cut = self.l5_top + P.MULTIFIDUS_ABOVE_L5

    # ---------------------------------------------------------------- shared
    def point(self, xl: float, h: float, z: float) -> np.ndarray:
        return np.array([self.sign * xl, -h, z])

    def trimmed(self, f: implicit.SDF) -> implicit.SDF:
        """``f`` kept the muscle margin clear of the bones, read only near their surfaces."""
        margin = P.MUSCLE_BONE_MARGIN

        def g(p: np.ndarray) -> np.ndarray:
            v = f(p)
            m = np.flatnonzero(v < 1.5)
            if len(m):
                d = self.bones(p[m], reach=margin + 2.0)
                near = d > -TRIM_TRUST
                v[m[near]] = np.maximum(v[m[near]], margin - d[near])
            return v

        return g

    def mesh(self, f: implicit.SDF, lo_hi: tuple[np.ndarray, np.ndarray], faces: int):
        """Mesh ``f`` inside the box ``lo_hi`` (model frame) as one closed surface."""
        for scale in meshing.VOXEL_RETRIES:
            size = P.BACK_MUSCLE_VOXEL * scale
            lo, axes = meshing.sample_grid(lo_hi, size)
            X, Y, Z = np.meshgrid(*axes, indexing="ij")
            pts = np.stack([X.ravel(), Y.ravel(), Z.ravel()], axis=1)
            vol = f(perturbation.points(pts)).reshape(X.shape)
            out = meshing.closed_mesh_from_volume(_without_fins(vol, size), lo, size, faces)
            if out is not None:
                return out
        raise meshing.MeshingError(f"back muscles ({self.side}): no closed mesh")

    def box(self, xl: tuple[float, float], h: tuple[float, float], z: tuple[float, float]):
        xs = sorted([self.sign * xl[0], self.sign * xl[1]])
        return np.array([xs[0], -h[1], z[0]]), np.array([xs[1], -h[0], z[1]])

    # ---------------------------------------------------------------- multifidus
    def multifidus_rows(self) -> list[tuple[float, float, float]]:
        """Its outline: (height, medial x', lateral x') from the lower sacrum to the cut."""
        med = self.spinous_half + 0.5
        xp, zp = self.psis[0], self.psis[2]
        return [
            (self.z_bottom, med, med + 10.0),
            (self.z_s2, med, xp - P.MULTIFIDUS_PSIS_INSET - 3.0),
            (zp, med, xp - P.MULTIFIDUS_PSIS_INSET),
            (0.5 * (zp + self.tip[2]), med, P.MULTIFIDUS_LATERAL_AT_L5),
            (self.tip[2], med, P.MULTIFIDUS_LATERAL_AT_L5 - 3.0),
            (self.z_cut + 1.0, med, P.MULTIFIDUS_LATERAL_AT_CUT),
        ]

    def multifidus_top(self, tent: bool = False):
        """Depth of its dorsal surface at (x', z): the plane through the L5 spinous tip and the
        PSIS (each ``MULTIFIDUS_PROUD`` behind them), bulging at mid-length, and over its lateral
        part (``MULTIFIDUS_LATERAL_ROUNDING``) rounding down onto the bone in a quarter ellipse
        (a convex lateral face, its section a rounded triangle: flat against the spinous
        process, round toward the erector spinae), not standing on the bone as a wall.

        With ``tent`` the surface a sheet draped over it follows: falling only half-way, and
        more gently, toward its lateral border (never below the muscle: ``1 - s²/2`` lies above
        the quarter ellipse ``sqrt(1 - s²)``), so the sheet bridges its rounded edge."""
        (_, ht, zt), (_, hp, zp) = self.tip, self.psis
        slope = (hp - ht) / (zt - zp)
        rows = self.multifidus_rows()
        rz, rm, rl = (np.asarray(c) for c in zip(*rows, strict=True))
        base = self.smooth_floor
        rounding = P.MULTIFIDUS_LATERAL_ROUNDING
        sacral_least, sacral_from, sacral_ramp = P.MULTIFIDUS_SACRAL_THICKNESS
        z_from = self.z_s2 - sacral_from

        z_mid, half_span = 0.5 * (rz[0] + rz[-1]), 0.5 * (rz[-1] - rz[0])

        def top(xl, z):
            med, lat = np.interp(z, rz, rm), np.interp(z, rz, rl)
            u = np.clip((xl - med) / (lat - med), 0.0, 1.0)
            w = np.clip((z - z_mid) / half_span, -1.0, 1.0)
            plane = ht + P.MULTIFIDUS_PROUD + slope * (zt - z)
            crest = plane - P.MULTIFIDUS_LATERAL_FALL * u**2 + P.MULTIFIDUS_BULGE * (1.0 - w**2)
            floor = base(xl, z) + P.MUSCLE_BONE_MARGIN
            # below S2, where the plane (set by L5's spinous tip) nears the bone, the bed keeps a
            # least thickness down to its lower end instead of thinning out above it
            # (thinning again over its last ramp to nothing at its lower end)
            t = np.clip(np.minimum(z_from - z, z - rz[0]) / sacral_ramp, 0.0, 1.0)
            least = sacral_least * t * t * (3.0 - 2.0 * t) * (1.0 - u) ** 2  # thinning laterally
            crest = smooth_max(crest, floor + least, 2.0)
            width = np.minimum(rounding, 0.7 * (lat - med))
            s = np.clip((xl - (lat - width)) / width, 0.0, 1.0)
            fall = 1.0 - 0.5 * s * s if tent else np.sqrt(1.0 - s * s)
            return floor + (crest - floor) * fall

        return top

    def fascicles(self) -> list[np.ndarray]:
        """The fascicles' courses on the (x', z) plane, origin first: a fan from the L5 spinous
        process, its lamina and (through the cut) the levels above, each arising a little higher
        and diverging further laterally than the one before, from a nearly vertical one down to
        the lower sacrum beside the median crest to the one out to the PSIS (the fascicles from
        higher levels lie lateral: Macintosh & Bogduk 1986)."""
        m = self.spinous_half + 1.5
        zt, zc, zb, z2 = self.tip[2], self.z_cut, self.z_bottom, self.z_s2
        xp, zp = self.psis[0], self.psis[2]
        ends = [
            (m + 1.0, zb + 12.0),  # lower sacrum beside the median crest
            (m + 11.0, zb + 16.0),  # S3-S4
            (m + 20.0, z2 - 16.0),  # S3
            (m + 28.0, z2 - 6.0),  # S2-S3, lateral
            (xp - 6.0, z2 + 4.0),  # S1-S2, lateral
            (xp - 3.0, zp - 2.0),  # medial PSIS
            (xp - 7.0, zp + 11.0),  # above the PSIS, toward the crest
        ]
        n = len(ends)
        starts = [(m + 0.8 * k, zt - 2.0 + (zc + 2.0 - (zt - 2.0)) * k / (n - 1)) for k in range(n)]
        return [np.array([a, b]) for a, b in zip(starts, ends, strict=True)]

    def multifidus(self) -> tuple[Built, implicit.SDF]:
        top = self.multifidus_top()
        rows = self.multifidus_rows()
        margin = P.MUSCLE_BONE_MARGIN
        # its dorsal surface rounds over into its borders: a fleshy mass, not a cut slab
        bed = layer(self.map, top, rows, P.MULTIFIDUS_EDGE_ROUNDING, margin)
        hw, hd = P.MULTIFIDUS_FASCICLE
        below = hd - P.MULTIFIDUS_FASCICLE_PROUD
        parts = []
        for course in self.fascicles():
            xz = routing.resample(np.column_stack([course[:, 0], np.zeros(2), course[:, 1]]), 1.0)
            path = on_top(self.map, top, xz[:, [0, 2]], below)
            s = routing.arc_length(path) / routing.arc_length(path)[-1]
            taper = np.interp(s, [0.0, 0.15, 0.8, 1.0], [0.8, 1.0, 1.0, 0.7])
            parts.append(implicit.sweep(path, hw * taper, hd * taper, width_dirs=RIGHT))
        shape = implicit.smooth_union(1.0, bed, *parts)
        cut = self.z_cut

        def f(p: np.ndarray) -> np.ndarray:
            xl, z, h = self.map.lateral(p), p[:, 2], depth(p)
            v = shape(p)
            v = np.maximum(v, outline(xl, z, rows, ROUNDING) - MF_EDGE)
            v = np.maximum(v, self.map(xl, z) + margin - h)
            # a section across it, its rim rounded like a cut through a fleshy belly
            return smooth_max(v, z - cut, P.MULTIFIDUS_CAP_ROUNDING)

        f_trim = self.trimmed(f)
        zs = [r[0] for r in rows]
        lo_x = min(r[1] for r in rows) - 3.0
        hi_x = max(r[2] for r in rows) + 3.0
        xs = np.linspace(lo_x, hi_x, 20)
        grid_z = np.linspace(zs[0], zs[-1], 40)
        gx, gz = np.meshgrid(xs, grid_z)
        floor = self.map(gx.ravel(), gz.ravel())
        tops = top(gx.ravel(), gz.ravel())
        box = self.box(
            (lo_x, hi_x), (floor.min() - 2.0, tops.max() + 6.0), (zs[0] - 4.0, cut + 2.0)
        )
        built = self.mesh(f_trim, box, P.MULTIFIDUS_FACES)
        section_caps.tag_plane(built, (0.0, 0.0, cut), SUPERIOR, CAP_TOLERANCE)
        return Built(built), f

    # ---------------------------------------------------------------- erector spinae
    def aponeurosis_thinning(self, z_low: float):
        """Share of its full thickness the aponeurosis keeps at height ``z``: whole from just
        below the S2 foramen up, thinning to ``ERECTOR_SPINAE_APONEUROSIS_EDGE`` at its lower
        border (``z_low``), where it is a thin tendinous sheet on the sacrum."""
        zs = (z_low, self.z_s2 - P.ERECTOR_SPINAE_APONEUROSIS_TAPER_FROM)

        def share(z):
            t = np.clip((z - zs[0]) / (zs[1] - zs[0]), 0.0, 1.0)
            smooth = t * t * (3.0 - 2.0 * t)
            return (
                P.ERECTOR_SPINAE_APONEUROSIS_EDGE + (1 - P.ERECTOR_SPINAE_APONEUROSIS_EDGE) * smooth
            )

        return share

    def aponeurosis_fibres(self):
        """The aponeurosis's fibre relief at (x', z), mm: parallel ribs on its dorsal face along its
        fibres, which run down and medially from the columns to the median sacral crest."""
        amp, period, slant = P.ERECTOR_SPINAE_FIBRE_RELIEF
        across = np.array([1.0, -slant]) / np.hypot(1.0, slant)  # across the fibres (x', z)

        def relief(xl, z):
            # narrow crests over broad troughs (a squared raised cosine): steep enough flanks to
            # stand out as ribs where the sheet slopes down over multifidus's rounded edge
            c = 0.5 * (1.0 + np.cos(2.0 * np.pi * (across[0] * xl + across[1] * z) / period))
            return amp * (2.0 * c * c - 1.0)

        return relief

    def erector_spinae(self, multifidus: implicit.SDF) -> Built:
        mf_top, mf_tent = self.multifidus_top(), self.multifidus_top(tent=True)
        margin = P.MUSCLE_BONE_MARGIN
        half = 0.5 * P.ERECTOR_SPINAE_APONEUROSIS_THICKNESS
        lift = P.MULTIFIDUS_FASCICLE_PROUD + P.ERECTOR_SPINAE_APONEUROSIS_GAP + half
        xt, ht, zt = self.tip
        xp, hp, zp = self.psis
        z_cut = self.l5_top + P.ERECTOR_SPINAE_ABOVE_L5
        tilt = unit(SUPERIOR + P.ERECTOR_SPINAE_TOP_TILT * ANTERIOR)

        mf_rows = self.multifidus_rows()

        def sheet_centre(xl, z):
            # over multifidus, on its fascicles; beyond its outline draped down onto the bone
            over = mf_tent(xl, z) + lift
            bone = self.map(xl, z) + margin + half
            # (multifidus ends within MF_EDGE of its outline: the drape begins beyond it)
            beyond = outline(xl, z, mf_rows, ROUNDING) - MF_EDGE
            out = np.clip(beyond / P.ERECTOR_SPINAE_APONEUROSIS_DRAPE, 0.0, 1.0)
            cover = 1.0 - out * out * (3.0 - 2.0 * out)
            return smooth_max(bone + (over - bone) * cover, bone, 3.0)

        # the aponeurosis: over the sacrum from the median crest out over the PSIS, and up along
        # the iliac crest; above S1 its medial border draws off laterally into the columns
        rows = [
            (self.z_bottom - 16.0, 1.0, 16.0),
            (self.z_s2, 1.0, xp - 2.0),
            (zp, 1.0, xp + 8.0),
            (zp + 16.0, 16.0, xp + 16.0),
        ]

        thin = self.aponeurosis_thinning(rows[0][0])
        fibres = self.aponeurosis_fibres()

        def sheet(p):
            xl, z, h = self.map.lateral(p), p[:, 2], depth(p)
            # its deep face lies on multifidus and the bone; its dorsal face stands the sheet's
            # thickness (thinning toward its lower border) behind it, ribbed by its fibres
            c = sheet_centre(xl, z)
            deep = c - half
            share = thin(z)
            # (its ribs fading out toward its thin lower border)
            ribbed = (share - P.ERECTOR_SPINAE_APONEUROSIS_EDGE) / (
                1 - P.ERECTOR_SPINAE_APONEUROSIS_EDGE
            )
            back = deep + 2.0 * half * share + fibres(xl, z) * ribbed
            # its thickness measured across it, not along the ray: the height difference over
            # the slope of its centre surface
            e = 0.5
            gx = (sheet_centre(xl + e, z) - sheet_centre(xl - e, z)) / (2 * e)
            gz = (sheet_centre(xl, z + e) - sheet_centre(xl, z - e)) / (2 * e)
            mid, hh = 0.5 * (deep + back), 0.5 * (back - deep)
            across = (np.abs(h - mid) - hh) / np.sqrt(1.0 + gx**2 + gz**2)
            return smooth_max(across, outline(xl, z, rows, ROUNDING), 2.0)

        # the columns: paths of (x', z) with the depth of their centre and their half-sizes
        base_l = (xp - 12.0, zp - 6.0)
        base_i = (xp + 8.0, zp + 2.0)
        lw, ld = P.LONGISSIMUS_BELLY
        iw, idp = P.ILIOCOSTALIS_BELLY

        def at_sheet(xz: tuple[float, float]) -> float:
            return float(sheet_centre(np.array([xz[0]]), np.array([xz[1]]))[0])

        # each column swells from its tendinous base into a fleshy belly (widest and deepest a
        # little below the cut) and leans out as it rises, iliocostalis more than longissimus
        # (it runs up and laterally toward the ribs): not a vertical prism
        z_mid = 0.5 * (zt + z_cut)
        lean = P.ERECTOR_SPINAE_COLUMN_LEAN
        columns = [
            # x', z, centre depth, half-width, half-depth
            [
                (*base_l, at_sheet(base_l), 0.5 * lw, half),
                (xp - 12.0, zt - 6.0, ht - 4.0, 0.85 * lw, 0.75 * ld),
                (xp - 11.0 + 0.5 * lean, z_mid, ht - 8.0, 1.05 * lw, 1.0 * ld),
                (xp - 10.0 + lean, z_cut + 8.0, ht - 10.0, lw, ld),
            ],
            [
                (*base_i, at_sheet(base_i), 0.5 * iw, half),
                (xp + 10.0, zt - 2.0, ht - 10.0, 0.8 * iw, 0.75 * idp),
                (xp + 11.0 + lean, z_mid, ht - 12.0, 1.05 * iw, 1.0 * idp),
                (xp + 12.0 + 2.0 * lean, z_cut + 8.0, ht - 14.0, iw, idp),
            ],
        ]
        parts = [sheet]
        paths = []
        for col in columns:
            c = np.asarray(col, float)
            via = np.column_stack([self.sign * c[:, 0], -c[:, 2], c[:, 1]])
            path = routing.spline(via, 1.0)
            w = routing.along(path, via, c[:, 3])
            d = routing.along(path, via, c[:, 4])
            # kept behind multifidus: its deep half may lie against it, not sink into it
            xl, z = self.map.lateral(path), path[:, 2]
            h = np.maximum(depth(path), mf_top(xl, z) + 0.5 * d + P.MULTIFIDUS_FASCICLE_PROUD)
            path[:, 1] = -routing.smooth(h[:, None].repeat(3, axis=1), 8)[:, 0]
            n = P.ERECTOR_SPINAE_BUNDLES
            for k in range(n):
                off = (k - (n - 1) / 2) / n * 1.5  # -1/2, 0, 1/2 of the half-width
                bundle = path + np.outer(w * off, RIGHT * self.sign)
                # each bundle as deep as the column's oval is there: a rounded, fleshy section
                # with the bundles as ridges on it, not a flat-backed block
                deep = np.sqrt(1.0 - (P.ERECTOR_SPINAE_SECTION_ROUNDING * off) ** 2)
                parts.append(implicit.sweep(bundle, w * 0.45, d * deep, width_dirs=RIGHT))
            # the column's belly under its bundles: an oval section, the bundles low ridges on it
            ew, ed = P.ERECTOR_SPINAE_BELLY_ENVELOPE
            parts.append(implicit.sweep(path, w * ew, d * ed, width_dirs=RIGHT))
            paths.append(path)
        body = implicit.smooth_union(
            3.0, *parts[:1], implicit.smooth_union(P.ERECTOR_SPINAE_BUNDLE_BLEND, *parts[1:])
        )

        def f(p: np.ndarray) -> np.ndarray:
            xl, z, h = self.map.lateral(p), p[:, 2], depth(p)
            v = body(p)
            v = np.maximum(v, self.map(xl, z) + margin - h)
            v = smooth_max(
                v, (p - np.array([0.0, 0.0, z_cut])) @ tilt, P.ERECTOR_SPINAE_CAP_ROUNDING
            )
            m = np.flatnonzero(v < 1.5)
            if len(m):
                # (a rounded, not creased, seat where it passes over multifidus's lower end)
                apart = 0.5 * P.ERECTOR_SPINAE_APONEUROSIS_GAP - multifidus(p[m])
                v[m] = smooth_max(v[m], apart, 1.5)
            return v

        f_trim = self.trimmed(f)
        allp = np.vstack(paths)
        hs = depth(allp)
        box = self.box(
            (0.0, xp + 18.0 + ROUNDING + max(lw, iw)),
            (float(hs.min()) - max(ld, idp) - 3.0, float(hs.max()) + max(ld, idp) + 30.0),
            (self.z_bottom - 20.0, z_cut + 12.0),
        )
        built = self.mesh(f_trim, box, P.ERECTOR_SPINAE_FACES)
        section_caps.tag_plane(built, (0.0, 0.0, z_cut), tilt, CAP_TOLERANCE)
        return Built(built)


def _without_fins(vol: np.ndarray, voxel: float) -> np.ndarray:
    """The sampled shape after an opening and a closing by a ball of ``P.BACK_MUSCLE_OPENING``:
    fins and slivers thinner than it go, pits narrower than it fill.

    Both are taken on the field itself, not on its sign: the opening of the solid ``vol < 0`` is
    ``vol``'s grey closing (a maximum over the ball, then a minimum), its closing a grey opening.
    Each value is a minimum or maximum of sampled values, so the surface moves continuously with
    them: a grid value that changes in its last bits (another machine) moves the surface by as
    little, where a thresholded opening could flip a whole voxel. Where the shape has no feature
    thinner than the ball the field is kept as it was.
    """
    r = P.BACK_MUSCLE_OPENING / voxel
    n = int(np.ceil(r))
    zz, yy, xx = np.mgrid[-n : n + 1, -n : n + 1, -n : n + 1]
    ball = xx**2 + yy**2 + zz**2 <= r * r
    opened = ndimage.grey_closing(vol, footprint=ball, mode="nearest")
    return ndimage.grey_opening(opened, footprint=ball, mode="nearest")


def build(ctx: BuildContext) -> dict[str, Built]:
    out: dict[str, Built] = {}
    for side in SIDES:
        back = _Back(ctx, side)
        out[f"multifidus_{side}"], mf = back.multifidus()
        out[f"erector_spinae_{side}"] = back.erector_spinae(mf)
    return out
