#!/bin/bash
# Keep /work/notes/s43 (tools, briefs, note; no pickles, no review keys) reachable from main:
# an orphan branch notes-s43 merged into main with -s ours (main's tree unchanged).
set -e
rm -rf /tmp/notesbr; cd /work/main
git worktree add -q --detach /tmp/notesbr
cd /tmp/notesbr && git checkout -q --orphan notes-s43 && git rm -rfq . && rm -rf ./*
mkdir -p notes/s43 && cp /work/notes/s43/*.py /work/notes/s43/*.md /work/notes/s43/*.sh notes/s43/
git add notes && git commit -qm "notes-s43: stop 43's working notes and tools (run_builders.py, full_ctx.py, cmp_meshes.py, the helpers' and reviewers' briefs, the closing note)"
cd /work/main && git merge -q -s ours --allow-unrelated-histories notes-s43 -m "Keep stop 43's working notes reachable (branch notes-s43, merged with -s ours: main's tree unchanged; read them with git show notes-s43:notes/s43/FILE or from this merge's second parent)"
git worktree remove --force /tmp/notesbr
git log --oneline | head -2
