import pickle, sys, filecmp, tempfile, os
from viewer.anatomy.meshio import write  # noqa
