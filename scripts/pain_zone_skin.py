"""Write the 3D skin's part of each pain zone into ``annotations.json``: for every zone of
``pain_zones`` that the skin reaches, its ``skin_vertices`` per side, as vertex indices of the
MakeHuman hm08 ``base.obj`` (the indices the skin keeps, see ``viewer.anatomy.body_surface``).

The zones are found on the committed body-surface region (``body_surface.load()``), before it is
registered to the bones, from each vertex's height above its side's hip joint and its direction
around the trunk or thigh (lateral 0 degrees, anterior 90, posterior -90) [constructed, following
the regions named in the zones' sources]::

    low back       above the iliac crest level (HIP_TO_CREST), behind the hip joints
    buttock        crest level to the gluteal fold (FOLD), behind (-160 to -40 degrees)
    lateral hip    crest level to the fold, at the side (-40 to 40 degrees)
    groin          the fold up to GROIN_TOP, in front and inside (70 to 180 degrees)
    posterior, lateral, anterior thigh   below the fold: behind, at the side, in front

Run from the repository root (it rewrites only the ``skin_vertices`` of those zones)::

    python scripts/pain_zone_skin.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from viewer.anatomy import body_surface  # noqa: E402

#: mm above the hip joints where the iliac crest lies (the low back starts) [constructed]
HIP_TO_CREST = 85.0
#: mm below the hip joints where the gluteal fold lies (the thigh starts) [constructed]
FOLD = -75.0
#: mm above the hip joints where the groin ends (the inguinal ligament) [constructed]
GROIN_TOP = 45.0
#: |x| beyond which a vertex is an arm or hand, not the trunk or thigh (mm) [constructed]
ARM_X = 215.0
#: the half-height of the slab whose centroid is a thigh's axis (mm)
SLAB = 12.0


def directions(v: np.ndarray, side_of: np.ndarray, hips: np.ndarray) -> np.ndarray:
    """Each vertex's direction in degrees around its side's thigh (below the fold) or hip joint
    (above): 0 lateral, 90 anterior, -90 posterior, +-180 medial."""
    out = np.zeros(len(v))
    for s, sign in ((0, 1.0), (1, -1.0)):  # hips: right (+x), left (-x)
        mine = np.flatnonzero(side_of == s)
        hip = hips[s]
        centre = np.tile(hip, (len(mine), 1))
        leg = mine[v[mine, 2] < hip[2] + FOLD]
        body = mine[np.abs(v[mine, 0]) < ARM_X]
        for i, idx in enumerate(mine):
            if v[idx, 2] < hip[2] + FOLD:
                slab = body[np.abs(v[body, 2] - v[idx, 2]) < SLAB]
                centre[i, :2] = v[slab, :2].mean(axis=0)
        del leg
        d = v[mine] - centre
        out[mine] = np.degrees(np.arctan2(d[:, 1], d[:, 0] * sign))
    return out


def zones_of(surface: body_surface.BodySurface) -> dict[str, dict[str, list[int]]]:
    """zone id -> side -> the base.obj indices of the zone's vertices."""
    v = surface.vertices
    hips = surface.hip_centers
    side_of = np.where(v[:, 0] >= 0, 0, 1)
    dz = v[:, 2] - hips[side_of, 2]
    ang = directions(v, side_of, hips)
    trunk = np.abs(v[:, 0]) < ARM_X
    behind = v[:, 1] < hips[side_of, 1]
    rules = {
        "low_back": trunk & (dz >= HIP_TO_CREST) & behind,
        "buttock": trunk & (dz < HIP_TO_CREST) & (dz >= FOLD) & (ang >= -160) & (ang < -40),
        "lateral_hip": trunk & (dz < HIP_TO_CREST) & (dz >= FOLD) & (np.abs(ang) < 40),
        "groin": trunk & (dz < GROIN_TOP) & (dz >= FOLD) & (ang >= 70),
        "posterior_thigh": trunk & (dz < FOLD) & (ang >= -150) & (ang < -40),
        "lateral_thigh": trunk & (dz < FOLD) & (np.abs(ang) < 40),
        "anterior_thigh": trunk & (dz < FOLD) & (ang >= 40) & (ang < 140),
    }
    out: dict[str, dict[str, list[int]]] = {}
    for zone, mask in rules.items():
        out[zone] = {
            side: sorted(int(i) for i in surface.base_index[mask & (side_of == s)])
            for s, side in ((1, "left"), (0, "right"))
        }
    return out


def main() -> int:
    path = ROOT / "annotations.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    found = zones_of(body_surface.load())
    for zone, sides in found.items():
        if zone not in doc.get("pain_zones", {}):
            print(f"pain_zone_skin: no zone {zone!r} in annotations.json", file=sys.stderr)
            return 1
        doc["pain_zones"][zone]["skin_vertices"] = sides
        print(f"{zone:16s} " + ", ".join(f"{s} {len(i)}" for s, i in sides.items()))
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
