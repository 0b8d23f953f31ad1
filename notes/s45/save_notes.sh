#!/bin/bash
# Keep /work/notes/s45 (tools, briefs, note; no pickles, no review keys) reachable from main:
# an orphan branch notes-s45 merged into main with -s ours (main's tree unchanged).
set -e
rm -rf /tmp/notesbr; cd /work/main
git worktree add -q --detach /tmp/notesbr
cd /tmp/notesbr && git checkout -q --orphan notes-s45 && git rm -rfq . && rm -rf ./*
mkdir -p notes/s45 && cp /work/notes/s45/*.py /work/notes/s45/*.md /work/notes/s45/*.sh notes/s45/
git add notes && git commit -qm "notes-s45: stop 45's working notes and tools (run_builders.py, full_ctx.py, cmp_meshes.py, the helpers' and reviewers' briefs, the closing note)"
cd /work/main && git merge -q -s ours --allow-unrelated-histories notes-s45 -m "Keep stop 45's working notes reachable (branch notes-s45, merged with -s ours: main's tree unchanged; read them with git show notes-s45:notes/s45/FILE or from this merge's second parent)"
git worktree remove --force /tmp/notesbr
git log --oneline | head -2
