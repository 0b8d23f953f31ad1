"""python cmp_meshes.py DIR_A DIR_B [ids...]: gap (mean/max mm) between same-named meshes."""
import sys
from pathlib import Path
from viewer import locations
from viewer.anatomy import compare, meshio
from viewer.anatomy.structures import STRUCTURES
a, b = Path(sys.argv[1]), Path(sys.argv[2]); ids = sys.argv[3:] or [s.id for s in STRUCTURES]
for sid in ids:
    pa, pb = locations.mesh_path(a, sid), locations.mesh_path(b, sid)
    if not (pa.exists() and pb.exists()): print(sid, "missing"); continue
    ma, mb = meshio.read_mesh(pa), meshio.read_mesh(pb)
    if pa.read_bytes() == pb.read_bytes(): print(f"{sid:40s} identical"); continue
    g = compare.gap_in_place(ma, mb)
    print(f"{sid:40s} mean {g.mean:.3f} max {g.max:.3f}  faces {len(ma.faces)} vs {len(mb.faces)}")
