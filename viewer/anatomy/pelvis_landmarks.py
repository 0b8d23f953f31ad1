"""The landmarks of the derived bones (sacrum, hip bones, femurs), found on the placed LLP26
means, as a typed object; :meth:`PelvisLandmarks.named` gives the flat names other builders read
from ``ctx.landmarks`` (model frame, mm; ``_left``/``_right`` pairs are mirror images).

Each landmark is searched for in a window of :mod:`viewer.anatomy.parameters`, where the window's
reason is given.

=====================================  ========================================================
name                                   meaning
=====================================  ========================================================
s1_endplate_center                     centre of the S1 superior endplate (= origin)
s1_endplate_normal                     unit normal of the endplate, pointing up out of the bone
s1_endplate_anterior                   unit vector in the endplate plane, pointing anterior
s1_endplate_size                       (width, depth) of the flat endplate patch, mm
s1_endplate_width, s1_endplate_depth   the same as scalars (shape (1,) arrays)
sacral_promontory                      anterior-superior midline edge of the S1 body
s1_superior_articular_facet_{side}     centre of the S1 superior articular facet
s1_superior_articular_facet_normal_{side}  unit normal of that facet (out of the bone)
s1_anterior_foramen_{side}             centre of the anterior (pelvic) S1 foramen opening
s1_anterior_foramen_axis_{side}        unit axis of the opening, pointing out of the bone
s1_anterior_foramen_path_{side}        (N, 3) tunnel centreline: canal (side of the dural sac)
                                       -> opening -> 6 mm outside; the S1 root's way, clear of
                                       bone by more than the root's radius
s1_posterior_foramen_{side}            centre of the posterior (dorsal) S1 foramen opening
s1_posterior_foramen_axis_{side}       unit axis of that opening, pointing out of the bone
s1_posterior_foramen_path_{side}       (N, 3) its tunnel, forking off the anterior one
s1_foramen_canal_end_{side}            where the S1 tunnel leaves the sacral canal
s2_anterior_foramen_{side}, s2_anterior_foramen_axis_{side}, s2_anterior_foramen_path_{side}
s2_posterior_foramen_{side}, s2_posterior_foramen_axis_{side}, s2_posterior_foramen_path_{side}
                                       the same for the S2 foramina (on sacrum_lower)
sacral_canal_top_center                centre of the canal's upper opening (behind the endplate)
sacral_canal_path                      (N, 3) canal centreline, from 10 mm above the top opening
                                       down to the hiatus and out through it
sacral_canal_size                      (N, 2) canal width and depth at each path point, mm
sacral_canal_axis                      unit direction of the canal at its top (pointing down)
s1_s2_cut_point, s1_s2_cut_normal      the plane between s1_segment and sacrum_lower
                                       (normal points up, into s1_segment)
sacral_ala_{side}                      most lateral point of the ala (sacral width end)
sacral_apex                            lowest (coccygeal) tip of the sacrum
auricular_surface_{side}               centre of the sacral auricular (SI joint) surface
iliac_auricular_surface_{side}         centre of the iliac auricular surface facing it
asis_{side}, psis_{side}               anterior / posterior superior iliac spines
iliac_crest_top_{side}                 highest point of the iliac crest
greater_sciatic_notch_{side}           deepest point of the greater sciatic notch
ischial_spine_{side}                   tip of the ischial spine
ischial_tuberosity_{side}              lowest point of the ischial tuberosity
acetabulum_center_{side}               centre of the acetabular sphere (= hip joint centre)
acetabulum_radius_{side}               its radius (shape (1,))
femoral_head_center_{side}             centre of the sphere fitted to the femoral head
femoral_head_radius_{side}             its radius (shape (1,))
greater_trochanter_{side}              tip (highest point) of the greater trochanter
greater_trochanter_lateral_{side}      most lateral point of the greater trochanter
lesser_trochanter_{side}               tip of the lesser trochanter
femur_shaft_cut_center_{side}          centre of the cap where the shaft is cut
femur_shaft_axis_{side}                unit shaft axis at the cut, pointing up
pubic_symphysis                        midpoint of the two pubic symphyseal surfaces
=====================================  ========================================================
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np
import trimesh
from scipy.spatial import cKDTree

from ..vocabulary import SIDES, Side
from . import frame
from . import parameters as P
from .frame import unit
from .llp26_placement import acetabulum_sphere, femoral_head_sphere
from .sacral_carving import SacralCarving, SacralFrame

Point = np.ndarray  # (3,) model frame, mm
Direction = np.ndarray  # (3,) unit vector, model frame


def _mirrored(obj):
    """A copy of a landmarks dataclass with every point and direction reflected across x = 0
    (radii kept)."""
    changes = {
        f.name: frame.mirror_points(getattr(obj, f.name))
        for f in fields(obj)
        if isinstance(getattr(obj, f.name), np.ndarray)
    }
    return replace(obj, **changes)


# ---------------------------------------------------------------- hip bone
@dataclass(frozen=True)
class HipLandmarks:
    """One hip bone's landmarks (and the sacral side of its sacroiliac joint)."""

    acetabulum_center: Point
    acetabulum_radius: float
    asis: Point
    psis: Point
    iliac_crest_top: Point
    ischial_tuberosity: Point
    ischial_spine: Point
    greater_sciatic_notch: Point
    iliac_auricular_surface: Point
    auricular_surface: Point  # on the sacrum, facing this hip bone
    pubic_symphysis_face: Point  # the most medial point of the pubis

    def mirrored(self) -> HipLandmarks:
        return _mirrored(self)


def _auricular_centres(
    hip: trimesh.Trimesh, sacrum: trimesh.Trimesh, side: int
) -> tuple[Point, Point]:
    """Where ilium and sacrum face each other across the SI joint: (iliac, sacral) centres."""
    v, sv = hip.vertices, sacrum.vertices
    gap_hip = cKDTree(sv).query(v)[0]
    near = gap_hip < gap_hip.min() + P.AURICULAR_SURFACE_GAP
    gap_sac = cKDTree(v).query(sv)[0]
    near_s = (gap_sac < gap_sac.min() + P.AURICULAR_SURFACE_GAP) & (side * sv[:, 0] > 0)
    return v[near].mean(0), sv[near_s].mean(0)


def hip_landmarks(
    hip: trimesh.Trimesh,
    sacrum: trimesh.Trimesh,
    head_centre: Point,
    head_radius: float,
    side: int,
) -> HipLandmarks:
    """Landmarks of one placed hip bone (``side`` +1 right, -1 left)."""
    v = hip.vertices
    ac, ar = acetabulum_sphere(hip, head_centre, head_radius)
    above = v[P.ILIAC_SPINES_ABOVE_ACETABULUM.holds(v[:, 2] - ac[2])]
    psis = above[np.argmin(above[:, 1])]
    behind = v[P.ISCHIAL_TUBEROSITY_BEHIND_ACETABULUM.holds(ac[1] - v[:, 1])]
    tuberosity = behind[np.argmin(behind[:, 2])]
    # ischial spine: the posterior-medial point of the ischium between acetabulum and tuberosity
    band = v[
        P.ISCHIAL_SPINE_BELOW_ACETABULUM.holds(ac[2] - v[:, 2])
        & P.ISCHIAL_SPINE_ABOVE_TUBEROSITY.holds(v[:, 2] - tuberosity[2])
        & (v[:, 1] < ac[1])
    ]
    medial = -side * band[:, 0]
    spine = band[np.argmax(-band[:, 1] + P.ISCHIAL_SPINE_MEDIAL_WEIGHT * medial)]
    # greater sciatic notch: deepest point of the posterior border between the spine and the
    # posterior iliac spines (furthest in front of the line joining them), in side view
    window = P.GREATER_SCIATIC_NOTCH_LEVELS
    rows = []
    for z in np.arange(spine[2] + window.lo, psis[2] - window.hi, P.NOTCH_SLICE_STEP):
        ring = v[np.abs(v[:, 2] - z) < P.NOTCH_SLICE_STEP / 2]
        if len(ring):
            rows.append(ring[np.argmin(ring[:, 1])])
    border = np.array(rows)
    chord = unit((psis - spine)[1:])
    rel = (border - spine)[:, 1:]
    depth = rel[:, 0] * chord[1] - rel[:, 1] * chord[0]  # signed distance in front of the chord
    iliac, sacral = _auricular_centres(hip, sacrum, side)
    pubis = v[(v[:, 1] > ac[1]) & (v[:, 2] < ac[2])]
    return HipLandmarks(
        acetabulum_center=ac,
        acetabulum_radius=ar,
        asis=above[np.argmax(above[:, 1])],
        psis=psis,
        iliac_crest_top=v[np.argmax(v[:, 2])],
        ischial_tuberosity=tuberosity,
        ischial_spine=spine,
        greater_sciatic_notch=border[np.argmax(depth)],
        iliac_auricular_surface=iliac,
        auricular_surface=sacral,
        pubic_symphysis_face=pubis[np.argmax(-side * pubis[:, 0])],
    )


# ---------------------------------------------------------------- femur
@dataclass(frozen=True)
class FemurLandmarks:
    """One proximal femur's landmarks."""

    femoral_head_center: Point
    femoral_head_radius: float
    greater_trochanter: Point
    greater_trochanter_lateral: Point
    lesser_trochanter: Point
    femur_shaft_cut_center: Point
    femur_shaft_axis: Direction

    def mirrored(self) -> FemurLandmarks:
        return _mirrored(self)


def femur_landmarks(
    femur: trimesh.Trimesh, side: int, cut_centre: Point, shaft_axis: Direction
) -> FemurLandmarks:
    """Landmarks of one placed femur (the whole bone, before its shaft is cut at ``cut_centre``)."""
    v = femur.vertices
    lateral = side * frame.RIGHT
    head, r = femoral_head_sphere(femur, frame.SUPERIOR, -lateral)
    beyond = v[P.GREATER_TROCHANTER_LATERAL_OF_HEAD.holds((v - head) @ lateral)]
    upper = v[P.TROCHANTER_BELOW_HEAD.holds(head[2] - v[:, 2])]
    # lesser trochanter: the point sticking out furthest back and inwards from the shaft, below
    # the neck
    band = v[P.LESSER_TROCHANTER_BELOW_HEAD.holds(head[2] - v[:, 2])]
    axis_pt = band.mean(0)
    return FemurLandmarks(
        femoral_head_center=head,
        femoral_head_radius=r,
        greater_trochanter=beyond[np.argmax(beyond[:, 2])],
        greater_trochanter_lateral=upper[np.argmax(upper @ lateral)],
        lesser_trochanter=band[np.argmax((band - axis_pt) @ unit(-lateral - frame.ANTERIOR))],
        femur_shaft_cut_center=cut_centre,
        femur_shaft_axis=shaft_axis,
    )


# ---------------------------------------------------------------- sacrum
@dataclass(frozen=True)
class Foramen:
    """A sacral foramen's opening and the tunnel carved to it."""

    opening: Point
    axis: Direction
    path: np.ndarray  # (N, 3)


@dataclass(frozen=True)
class SacralSide:
    """The landmarks of one side of the sacrum."""

    s1_superior_articular_facet: Point
    s1_superior_articular_facet_normal: Direction
    sacral_ala: Point
    s1_foramen_canal_end: Point
    foramina: dict[str, Foramen]  # "s1_anterior", "s1_posterior", "s2_anterior", "s2_posterior"


@dataclass(frozen=True)
class SacrumLandmarks:
    """The sacrum's midline landmarks and its two sides."""

    s1_endplate_center: Point
    s1_endplate_normal: Direction
    s1_endplate_anterior: Direction
    s1_endplate_width: float
    s1_endplate_depth: float
    sacral_promontory: Point
    sacral_apex: Point
    sacral_canal_top_center: Point
    sacral_canal_path: np.ndarray  # (N, 3)
    sacral_canal_size: np.ndarray  # (N, 2) width, depth
    sacral_canal_axis: Direction
    s1_s2_cut_point: Point
    s1_s2_cut_normal: Direction
    sides: dict[Side, SacralSide]


def _articular_facet(
    s1: trimesh.Trimesh, sf: SacralFrame, endplate_centre: Point, side: int
) -> tuple[Point, Direction]:
    """Centre and normal of one S1 superior articular facet: the surface above and behind the
    endplate facing back and inwards (in S1's own axes), not up (the joint surface, not the tip)."""
    sv, sn, sa = s1.triangles_center, s1.face_normals, s1.area_faces
    sh = (sv - endplate_centre) @ sf.normal
    salong = (sv - endplate_centre) @ sf.anterior
    sel = (
        (sh > 0.0)
        & (salong < sf.posterior_edge + P.S1_FACET_BEHIND_ENDPLATE)
        & P.S1_FACET_LATERAL.holds(side * sv[:, 0])
        & (sn @ -sf.anterior > P.S1_FACET_BACKWARD_COSINE)
        & (sn @ (-side * frame.RIGHT) > 0.0)
        & (sn @ sf.normal < P.S1_FACET_UPWARD_COSINE_MAX)
    )
    centre = (sv[sel] * sa[sel, None]).sum(0) / sa[sel].sum()
    return s1.nearest.on_surface(centre[None])[0][0], unit((sn[sel] * sa[sel, None]).sum(0))


def sacrum_landmarks(
    sacrum: trimesh.Trimesh,
    s1: trimesh.Trimesh,
    sf: SacralFrame,
    carving: SacralCarving,
    endplate_centre: Point,
) -> SacrumLandmarks:
    """Landmarks of the placed, carved sacrum (``s1`` its upper segment)."""
    v = sacrum.vertices
    h = (v - endplate_centre) @ sf.normal
    along = (v - endplate_centre) @ sf.anterior
    rim = (np.abs(v[:, 0]) < P.PROMONTORY_MIDLINE_HALF_WIDTH) & (
        np.abs(h) < P.PROMONTORY_RIM_HALF_HEIGHT
    )
    sides: dict[Side, SacralSide] = {}
    for name in SIDES:
        side = int(frame.side_sign(name))
        facet, facet_normal = _articular_facet(s1, sf, endplate_centre, side)
        foramina = {}
        for kind in ("s1_anterior", "s1_posterior", "s2_anterior", "s2_posterior"):
            t = carving.tunnels[f"{kind}_{name}"]
            foramina[kind] = Foramen(t.opening, t.axis, t.path)
        sides[name] = SacralSide(
            s1_superior_articular_facet=facet,
            s1_superior_articular_facet_normal=facet_normal,
            sacral_ala=v[np.argmax(side * v[:, 0])],
            s1_foramen_canal_end=carving.tunnels[f"s1_anterior_{name}"].path[0],
            foramina=foramina,
        )
    depth = np.minimum(carving.canal_half_depths, P.SACRAL_CANAL_TOP_DEPTH / 2)
    return SacrumLandmarks(
        s1_endplate_center=endplate_centre,
        s1_endplate_normal=sf.normal,
        s1_endplate_anterior=sf.anterior,
        s1_endplate_width=sf.width,
        s1_endplate_depth=sf.depth,
        sacral_promontory=v[rim][np.argmax(along[rim])],
        sacral_apex=v[np.argmin(v[:, 2])],
        sacral_canal_top_center=carving.canal_path[1],
        sacral_canal_path=carving.canal_path,
        sacral_canal_size=2 * np.column_stack([carving.canal_half_widths, depth]),
        sacral_canal_axis=unit(carving.canal_path[2] - carving.canal_path[1]),
        s1_s2_cut_point=carving.cut_point,
        s1_s2_cut_normal=carving.cut_normal,
        sides=sides,
    )


# ---------------------------------------------------------------- all of them
@dataclass(frozen=True)
class PelvisLandmarks:
    """Every landmark of the derived bones."""

    sacrum: SacrumLandmarks
    hips: dict[Side, HipLandmarks]
    femurs: dict[Side, FemurLandmarks]

    @property
    def pubic_symphysis(self) -> Point:
        """Midpoint of the two pubic symphyseal surfaces (on the mid-sagittal plane)."""
        face = self.hips["left"].pubic_symphysis_face
        return np.array([0.0, face[1], face[2]])

    def named(self) -> dict[str, np.ndarray]:
        """The landmarks under the names of the table above (copies; scalars as (1,) arrays)."""
        s = self.sacrum
        out: dict[str, np.ndarray] = {}
        for f in fields(s):
            value = getattr(s, f.name)
            if f.name != "sides":
                out[f.name] = np.atleast_1d(np.array(value, dtype=float))
        out["s1_endplate_size"] = np.array([s.s1_endplate_width, s.s1_endplate_depth])
        out["pubic_symphysis"] = self.pubic_symphysis
        for side, sac in s.sides.items():
            out[f"s1_superior_articular_facet_{side}"] = np.array(sac.s1_superior_articular_facet)
            out[f"s1_superior_articular_facet_normal_{side}"] = np.array(
                sac.s1_superior_articular_facet_normal
            )
            out[f"sacral_ala_{side}"] = np.array(sac.sacral_ala)
            out[f"s1_foramen_canal_end_{side}"] = np.array(sac.s1_foramen_canal_end)
            for kind, foramen in sac.foramina.items():
                out[f"{kind}_foramen_{side}"] = np.array(foramen.opening)
                out[f"{kind}_foramen_axis_{side}"] = np.array(foramen.axis)
                out[f"{kind}_foramen_path_{side}"] = np.array(foramen.path)
        for group in (self.hips, self.femurs):
            for side, marks in group.items():
                for f in fields(marks):
                    if f.name == "pubic_symphysis_face":
                        continue
                    out[f"{f.name}_{side}"] = np.atleast_1d(
                        np.array(getattr(marks, f.name), dtype=float)
                    )
        return out
