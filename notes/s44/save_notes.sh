#!/bin/bash
# Keep /work/notes/s44 (tools, briefs, note; no pickles, no review keys) reachable from main:
# an orphan branch notes-s44 merged into main with -s ours (main's tree unchanged).
set -e
rm -rf /tmp/notesbr; cd /work/main
git worktree add -q --detach /tmp/notesbr
cd /tmp/notesbr && git checkout -q --orphan notes-s44 && git rm -rfq . && rm -rf ./*
mkdir -p notes/s44 && cp /work/notes/s44/*.py /work/notes/s44/*.md /work/notes/s44/*.sh notes/s44/
git add notes && git commit -qm "notes-s44: stop 44's working notes and tools (run_builders.py, full_ctx.py, cmp_meshes.py, the helpers' and reviewers' briefs, the closing note)"
cd /work/main && git merge -q -s ours --allow-unrelated-histories notes-s44 -m "Keep stop 44's working notes reachable (branch notes-s44, merged with -s ours: main's tree unchanged; read them with git show notes-s44:notes/s44/FILE or from this merge's second parent)"
git worktree remove --force /tmp/notesbr
git log --oneline | head -2
