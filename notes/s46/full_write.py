"""python full_write.py OUT.pkl MESH_DIR [--perturbed]: full build (cwd's code), pickled and written."""
import pickle, sys, time
from pathlib import Path
from viewer.anatomy import perturbation
from viewer.anatomy.build import build_all, write
t=time.time()
if "--perturbed" in sys.argv:
    with perturbation.perturbed(1e-6, 7):
        ctx = build_all(progress=print)
else:
    ctx = build_all(progress=print)
pickle.dump(ctx, open(sys.argv[1], "wb"))
write(ctx, Path(sys.argv[2]))
print("done", time.time()-t)
