"""A rebuild of the model has the shape of the committed meshes, and is as sound as they are.

Floating point differs in its last bits between processors and library builds; marching cubes,
decimation and routing then make other discrete choices, so a rebuild elsewhere is the same shape
in other triangles and its bytes differ. Bytes are therefore compared only between two builds on
one machine (which must agree exactly); a rebuild is compared with ``meshes/`` by geometry.

So that the comparison means something on the machine that wrote the meshes too, the rebuild here
runs as if on another machine (:mod:`viewer.anatomy.perturbation`: seeded relative noise of
``RELATIVE`` on every sampled grid point and on everything one builder hands the next), which
makes every decimation take other choices.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests import known_defects
from tests.anatomy.soundness import problems
from viewer import locations
from viewer.anatomy import compare, meshio, perturbation
from viewer.anatomy.build import BUILDERS, BuildContext, build_all, write
from viewer.anatomy.mesh_validation import unusable_derived_meshes
from viewer.anatomy.structures import BY_ID, STRUCTURES
from viewer.vocabulary import SIDES

#: how far a rebuilt surface may lie from the committed one: mean and largest of the
#: distances sampled both ways (mm)
MEAN_GAP, MAX_GAP = 0.05, 0.5
#: how far a rebuilt nerve centreline may lie from the committed one (mm)
CENTRELINE_GAP = 0.1
#: the simulated other machine: relative noise and its seed
RELATIVE, SEED = 1e-6, 7
#: the first builders (cheap enough to run twice) for the byte-for-byte check: the bones (the
#: first in build order, so the simulated machine's noise comes in the same sequence as in the
#: full rebuild; their marching cubes, decimation and booleans are those of every builder); the
#: nightly run repeats it with the disc and the facet joints too (NIGHTLY_BUILDERS: 45 s more
#: on the quick suite's longest path, which ran past its 10 minutes)
CHEAP_BUILDERS = ("pelvis", "vertebra")
NIGHTLY_BUILDERS = ("pelvis", "vertebra", "disc", "facet_joints")

ALL_IDS = [s.id for s in STRUCTURES]
CENTRELINE_IDS = [s.id for s in STRUCTURES if s.centerline]


def _build_script(builders: tuple[str, ...]) -> str:
    """A script building ``builders`` as on the simulated other machine into ``sys.argv[1]``."""
    return "\n".join(
        [
            "import sys",
            "from pathlib import Path",
            "from viewer.anatomy import perturbation",
            "from viewer.anatomy.build import build_all, write",
            f"with perturbation.perturbed({RELATIVE!r}, {SEED!r}):",
            f"    ctx = build_all(builders={builders!r})",
            "write(ctx, Path(sys.argv[1]))",
        ]
    )


@pytest.fixture(scope="module")
def second_cheap_build(tmp_path_factory: pytest.TempPathFactory):
    """The first builders (``CHEAP_BUILDERS``) run again in a fresh process (another hash seed)
    with the same simulated machine, into a folder of its own: started before the full rebuild
    and running beside it (the suite then keeps both cores busy to its end)."""
    out = tmp_path_factory.mktemp("cheap_again")
    script = _build_script(CHEAP_BUILDERS)
    env = dict(os.environ, PYTHONHASHSEED="12345")
    log = tmp_path_factory.mktemp("cheap_again_log") / "stderr.txt"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", script, str(out)], env=env, stdout=subprocess.DEVNULL, stderr=err
        )
    yield proc, out, log
    if proc.poll() is None:  # the module stopped early: leave nothing running
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def rebuilt_context(second_cheap_build) -> BuildContext:
    """Every structure rebuilt, as on another machine (the build's context)."""
    with perturbation.perturbed(RELATIVE, SEED):
        return build_all()


@pytest.fixture(scope="module")
def rebuilt(rebuilt_context: BuildContext, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every structure rebuilt, as on another machine, into a folder of its own."""
    out = tmp_path_factory.mktemp("rebuilt")
    write(rebuilt_context, out)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("sid", ALL_IDS)
def test_rebuilt_mesh_is_closed_manifold_outward_and_in_one_piece(rebuilt, sid):
    path = locations.mesh_path(rebuilt, sid)
    assert path.exists(), f"the build wrote no {path.name}"
    assert problems(meshio.read_mesh(path), BY_ID[sid]) == []


#: the largest gap allowed where it is not MAX_GAP, with the reason:
#: (Gone: the erector spinae in stop 44, 0.686 mm on the right in stop 42's suite, 0.829 in
#: stop 43's (allowed 0.9), along its lower border on the sacrum (0.39 in a perturbed rebuild
#: of the bones and back muscles alone): the L5 spinous half-thickness read by area over its
#: surface, not from its vertices (0.031 -> 0.00003 mm under the noise), and without_fins'
#: plateaus sloped by the opened field's own smoothing (not by the sampled field, which brought
#: back voxels of removed fins as tunnels): 0.239 mm (seed 7), 0.242 (seed 3) in that rebuild;
#: iliacus in stop 38, 0.80 mm on the right in stop 25 in the crevice where its fan's back
#: edge met psoas and the bone at the brim (0.48-0.52 after, allowed 0.6): with that edge under
#: psoas and its surface smoothed, 0.41 mm on the left, 0.36 on the right (seed 7, on the
#: perturbed context of main's whole build), a spread over the front of the fan, not a crevice;
#: multifidus and psoas in stop 23; psoas again in stop 27: 0.505 mm on the right beside the
#: L5 body (x 28, y 10, z 24), in the sharp crease where its trimmed face, the hollow under the
#: tendinous arch and the trunk's corridor meet, its inputs the same to 0.001 mm: rounded by
#: PSOAS_BLUR, 0.37 mm; the S1 segment in stop 25, whose arch no longer meets
#: a pedicle root face to face: 0.64 -> 0.065 mm; in stop 26 the L5 root, whose cut top on L4's
#: branch is now set by the branch's planned points: 0.58 -> 0.15 mm, seeds 7 and 3; in stop 27
#: the S1 pain area, 0.512 mm on the left where the chords of its triangles, cut for the right
#: skin, sank under the left skin's own curves by amounts that changed with the triangles: with
#: 6,900 triangles instead of 4,400 (and laid onto the left skin along the mirrored normals)
#: 0.22 mm; in stop 39 both pain areas (stop 37-38: 0.551 mm the referred area's border, 0.539 the
#: S1 area 7.5 mm inside its rim at the top of the buttock, the chords of decimated triangles
#: sinking under the skin's curves by amounts that changed with the triangles): each patch now
#: keeps the skin's own triangles, cut from its own side's skin, not decimated, the cut's
#: crossings left where they fall (kept 0.15 of an edge off the ends, they jumped where a
#: vertex's value changed sign: 0.774 mm): 0.417 / 0.273 mm (S1), 0.025 (referred) in the
#: perturbed rebuild of stop 39's model.)
#: Stop 38: the L5 root, 0.530 mm on the left (mean 0.012 mm; 0.609 in a rebuild of the nerves
#: alone on a perturbed context; 0.338 before), behind and lateral to its foramen (x -32, y -21,
#: z 12): its path is routed against the annulus, whose wall now carries its lamellae's grooves;
#: the right one 0.15. Owed: the root routed against a smoothed annulus, then this allowance
#: dropped.
MAX_GAP_EXCEPTIONS = {
    # (measured on the left; the right is built the same way, so it gets the same allowance)
    **{f"l5_nerve_root_{side}": 0.7 for side in SIDES},
}
#: the mean gap allowed where it is not MEAN_GAP, and the centreline gap where it is not
#: CENTRELINE_GAP, with the reason: none today. (Gone in stop 28: the dural sac's centreline
#: 0.249 mm in stop 27, the L5 roots' 0.199 and the left herniation's mean 0.129 mm. The sac's
#: front was laid on the PLL through a signed-distance field sampled on a 0.6 mm grid, which lets
#: some rays through the 0.95 mm sheet on one machine and not on another: one ray's crossing
#: jumped 0.23 mm and the sac's smoothing carried it up the sac; the rays now meet the PLL's
#: triangles (dural_sac._ray_hits): sac 0.032 mm, L5 roots 0.009. The herniation was grown until
#: it pressed into the S1 root's mesh vertices, which decimation places differently on another
#: machine (its size 9.30 -> 9.60 mm); now into the root's centreline less its radius: 0.002 mm.)
MEAN_GAP_EXCEPTIONS: dict[str, float] = {}
CENTRELINE_GAP_EXCEPTIONS: dict[str, float] = {}


#: known defects (strict: the test fails when one is fixed, so its entry goes). The disc builder
#: places ``l5_s1_foramen_<side>`` at the argmax of the clearance on a 0.5 mm grid; with this
#: stop's disc two grid points nearly tie, and under the simulated other machine the landmark
#: moves 0.7 mm, and the spur grown towards it 0.22 mm on average (limit 0.05). A weighted argmax
#: would make it continuous (it also moves the roots, so it waits for a full retest).
#: none today (the foraminal spurs, unstable in stop 18, rebuild within the limits since the
#: disc was rebuilt in stop 19)
UNSTABLE_ON_REBUILD: dict[str, str] = {}


@pytest.mark.slow
@pytest.mark.parametrize(
    "sid",
    known_defects.cases(ALL_IDS, UNSTABLE_ON_REBUILD),
)
def test_rebuilt_mesh_has_the_shape_of_the_committed_one(rebuilt, model, sid):
    gap = compare.gap_in_place(meshio.read_mesh(locations.mesh_path(rebuilt, sid)), model.mesh(sid))
    largest = MAX_GAP_EXCEPTIONS.get(sid, MAX_GAP)
    assert gap.mean <= MEAN_GAP_EXCEPTIONS.get(sid, MEAN_GAP) and gap.max <= largest, (
        f"{sid}: rebuilt {gap.mean:.3f} mm from meshes/ on average, {gap.max:.3f} mm at most"
    )


@pytest.mark.slow
@pytest.mark.parametrize("sid", CENTRELINE_IDS)
def test_rebuilt_centreline_follows_the_committed_one(rebuilt, model, sid):
    line = meshio.read_centerline(locations.centerline_path(rebuilt, sid))
    gap = compare.polyline_gap(line, model.centerline(sid))
    largest = CENTRELINE_GAP_EXCEPTIONS.get(sid, CENTRELINE_GAP)
    assert gap.max <= largest, f"{sid}: {gap.max:.3f} mm from the committed centreline"


@pytest.mark.slow
def test_two_builds_on_one_machine_give_identical_bytes(rebuilt, second_cheap_build):
    """The first builders, run again in a fresh process (another hash seed) with the same
    simulated machine, write the same bytes as the full rebuild did."""
    assert tuple(m for m, _ in BUILDERS[: len(CHEAP_BUILDERS)]) == CHEAP_BUILDERS
    proc, out, log = second_cheap_build
    # (about a minute on an idle 2-core machine; the limit only stops a hang: a fresh clone
    # tested beside other work on 2 cores ran past 300 s)
    proc.wait(timeout=1200)
    assert proc.returncode == 0, log.read_text(errors="replace")[-2000:]
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 7, names  # 6 derived bones and L5
    differing = [n for n in names if (out / n).read_bytes() != (rebuilt / n).read_bytes()]
    assert differing == [], f"two builds on one machine differ in {differing}"


@pytest.mark.nightly
def test_two_builds_of_the_first_four_builders_give_identical_bytes(tmp_path):
    """The bones, the disc and the facet joints, built in two fresh processes (two hash seeds) on
    the simulated other machine, are the same bytes."""
    assert tuple(m for m, _ in BUILDERS[: len(NIGHTLY_BUILDERS)]) == NIGHTLY_BUILDERS
    folders = [tmp_path / "one", tmp_path / "two"]
    for folder, hash_seed in zip(folders, ("1", "2"), strict=True):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        script = _build_script(NIGHTLY_BUILDERS)
        subprocess.run([sys.executable, "-c", script, str(folder)], env=env, check=True)
    names = sorted(p.name for p in folders[0].iterdir())
    assert len(names) == 11, names  # 6 derived bones, L5, annulus, nucleus, 2 facet joints
    differing = [n for n in names if (folders[0] / n).read_bytes() != (folders[1] / n).read_bytes()]
    assert differing == [], f"two builds on one machine differ in {differing}"


@pytest.mark.slow
def test_a_perturbed_build_differs_from_a_plain_one_only_in_the_last_bits(rebuilt_context):
    """The simulated other machine is real: it moves what a builder hands on, by about
    ``RELATIVE`` and no more (the perturbed bones are the full rebuild's; that the noise stays
    inside its block is tests/anatomy/test_perturbation.py's). The plain bones are those the
    set-up derived on this machine from this code (read back in their files' single precision),
    or built here where they are stale; the hip bone is compared, whose triangles the noise leaves
    as they are (the sacrum's decimation takes other choices under it)."""
    if unusable_derived_meshes() == {}:
        plain = meshio.read_mesh(locations.mesh_file("hip_bone_left")).vertices
    else:
        plain = build_all(builders=("pelvis",)).mesh("hip_bone_left").vertices
    a = np.asarray(plain, np.float32)
    b = rebuilt_context.mesh("hip_bone_left").vertices.astype(np.float32)
    assert a.shape == b.shape
    assert not np.array_equal(a, b)
    assert np.abs(b - a).max() <= 10 * RELATIVE * np.abs(a).max()


#: other machines for the nightly run: (relative noise, seed); 1e-9 moves a few decimations,
#: 1e-6 every one of them
OTHER_MACHINES = [(1e-9, 1), (1e-9, 2), (1e-6, 3), (1e-6, 4)]


@pytest.mark.nightly
@pytest.mark.parametrize("relative,seed", OTHER_MACHINES)
def test_rebuilds_as_on_other_machines_are_sound_and_keep_the_shapes(
    tmp_path, model, relative, seed
):
    with perturbation.perturbed(relative, seed):
        ctx = build_all()
    write(ctx, tmp_path)
    failures = []
    for spec in STRUCTURES:
        mesh = meshio.read_mesh(locations.mesh_path(tmp_path, spec.id))
        failures += problems(mesh, spec)
        gap = compare.gap_in_place(mesh, model.mesh(spec.id))
        if gap.mean > MEAN_GAP or gap.max > MAX_GAP:
            failures.append(f"{spec.id}: {gap.mean:.3f} mm on average, {gap.max:.3f} mm at most")
        if spec.centerline:
            line = meshio.read_centerline(locations.centerline_path(tmp_path, spec.id))
            cl = compare.polyline_gap(line, model.centerline(spec.id))
            if cl.max > CENTRELINE_GAP:
                failures.append(f"{spec.id} centreline: {cl.max:.3f} mm")
    assert failures == []


@pytest.mark.slow
def test_rebuilt_skin_keeps_its_body_surface_indices(rebuilt):
    """The build writes, beside the skin, each vertex's base.obj index (the pain explorer's skin
    zones are stored against them): a rebuild gives the committed indices, vertex for vertex."""
    from scipy.spatial import cKDTree

    def index_of(folder: Path) -> np.ndarray:
        return np.load(
            locations.mesh_path(folder, "skin").with_name("skin" + locations.BASE_INDEX_SUFFIX)
        )

    skin = meshio.read_mesh(locations.mesh_path(rebuilt, "skin"))
    committed = meshio.read_mesh(locations.mesh_file("skin"))
    new, old = index_of(rebuilt), index_of(locations.mesh_file("skin").parent)
    assert len(new) == len(skin.vertices) and (new >= 0).sum() > 0.15 * len(new)
    gap, nearest = cKDTree(np.asarray(skin.vertices)).query(np.asarray(committed.vertices))
    same = new[nearest] == old
    assert same[gap < 0.05].mean() > 0.99
