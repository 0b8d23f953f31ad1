"""python verify_ctx.py CTX.pkl MESH_DIR: write the pickled context and compare with MESH_DIR."""
import filecmp, os, pickle, sys, tempfile
from viewer.anatomy.build import write
ctx = pickle.load(open(sys.argv[1], "rb"))
from pathlib import Path
tmp = tempfile.mkdtemp()
write(ctx, Path(tmp))
names = sorted(os.listdir(tmp))
bad = [n for n in names if not os.path.exists(os.path.join(sys.argv[2], n)) or not filecmp.cmp(os.path.join(tmp, n), os.path.join(sys.argv[2], n), shallow=False)]
print(len(names), "files;", "differ:", bad)
