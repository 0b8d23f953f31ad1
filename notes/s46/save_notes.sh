#!/bin/bash
# Keep /work/notes/s46 (tools, briefs, note; no pickles, no review keys) reachable from main:
# an orphan branch notes-s46 merged into main with -s ours (main's tree unchanged).
set -e
rm -rf /tmp/notesbr; cd /work/main
git worktree add -q --detach /tmp/notesbr
cd /tmp/notesbr && git checkout -q --orphan notes-s46 && git rm -rfq . && rm -rf ./*
mkdir -p notes/s46 && cp /work/notes/s46/*.py /work/notes/s46/*.md /work/notes/s46/*.sh notes/s46/
git add notes && git commit -qm "notes-s46: stop 46's working notes and tools (run_builders.py, full_ctx.py, cmp_meshes.py, the helpers' and reviewers' briefs, the closing note)"
cd /work/main && git merge -q -s ours --allow-unrelated-histories notes-s46 -m "Keep stop 46's working notes reachable (branch notes-s46, merged with -s ours: main's tree unchanged; read them with git show notes-s46:notes/s46/FILE or from this merge's second parent)"
git worktree remove --force /tmp/notesbr
git log --oneline | head -2
