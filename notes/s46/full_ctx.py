"""python full_ctx.py OUT.pkl [--perturbed]: full build (cwd's code), pickled context."""
import pickle, sys, time
from viewer.anatomy import perturbation
from viewer.anatomy.build import build_all
t=time.time()
if "--perturbed" in sys.argv:
    with perturbation.perturbed(1e-6, 7):
        ctx = build_all(progress=print)
else:
    ctx = build_all(progress=print)
pickle.dump(ctx, open(sys.argv[1], "wb"))
print("done", time.time()-t)
