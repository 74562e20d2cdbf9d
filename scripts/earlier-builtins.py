#!/usr/bin/env python3
"""Writes src/theme/earlier.txt: the SHA-256 of every file of kohyo's built-in theme as every
released commit had it, with the template interface it was written for."""
import hashlib, subprocess, sys
import os
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
def git(*a): return subprocess.run(['git', '-C', repo, *a], capture_output=True, check=True).stdout
RELEASE = '19c0878'   # the last commit of the previous release
INTERFACE_2 = '9f81d44'  # the first commit whose notice template reads version.parts
commits = git('rev-list', '--reverse', RELEASE).decode().split()
seen = {}
for c in commits:
    iface = 2 if subprocess.run(['git', '-C', repo, 'merge-base', '--is-ancestor', INTERFACE_2, c]).returncode == 0 else 1
    files = git('ls-tree', '-r', '--name-only', c, 'themes/default').decode().split('\n')
    for f in files:
        if not f or not (f.startswith('themes/default/templates/') or f.startswith('themes/default/static/')): continue
        data = git('show', f'{c}:{f}')
        h = hashlib.sha256(data).hexdigest()
        rel = f[len('themes/default/'):]
        key = (h, rel)
        if key not in seen or seen[key] < iface:
            seen[key] = iface
out = ['# kohyo\'s built-in theme in earlier releases: sha256, template interface, file.',
       '# Written by the project\'s scripts/earlier_builtins.py; one line per distinct file.']
for (h, rel), iface in sorted(seen.items(), key=lambda kv: (kv[0][1], kv[1], kv[0][0])):
    out.append(f'{h} {iface} {rel}')
open(f'{repo}/src/theme/earlier.txt', 'w').write('\n'.join(out) + '\n')
print(len(seen), 'files')
