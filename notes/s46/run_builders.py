"""python run_builders.py CTX.pkl OUT_DIR [--perturbed] [--save NEW.pkl] builder...
Runs the named builders (in build order, cwd's code) on top of a pickled context and writes
their structures into OUT_DIR (other structures of the context written too, so OUT_DIR is a full
mesh folder)."""
import pickle, sys, time
from pathlib import Path
from viewer.anatomy import perturbation
from viewer.anatomy.build import BUILDERS, _builder, _handed_on, write
args = sys.argv[1:]
pert = "--perturbed" in args
save = None
if "--save" in args:
    i = args.index("--save"); save = args[i+1]; del args[i:i+2]
args = [a for a in args if a != "--perturbed"]
ctxp, out, names = args[0], Path(args[1]), args[2:]
ctx = pickle.load(open(ctxp, "rb"))
for _b in ctx.built.values():  # ray caches do not survive pickling (geometry.first_hit)
    _b.mesh._cache.clear()
def go():
    for module, func in BUILDERS:
        if module not in names: continue
        t0 = time.time(); before = set(ctx.landmarks)
        res = _builder(module, func)(ctx)
        for sid, b in res.items(): ctx.built[sid] = _handed_on(b)
        for n in sorted(set(ctx.landmarks) - before):
            ctx.landmarks[n] = perturbation.array(ctx.landmarks[n])
        print(module, len(res), f"{time.time()-t0:.1f}s", flush=True)
if pert:
    with perturbation.perturbed(1e-6, 7): go()
else: go()
out.mkdir(parents=True, exist_ok=True)
write(ctx, out)
if save: pickle.dump(ctx, open(save, "wb"))
