#!/usr/bin/python3
"""Recomputes the byte count and SHA-256 of every file that README.md's table lists, and
checks that every file in this folder is listed. Prints one line per mismatch and exits 1 if
there is any; prints a summary otherwise. Usage: verify-digests.py [FOLDER] (default: here).
"""
import hashlib, os, re, sys

ROW = re.compile(r'^\| `([^`]+)` \|.*\| (\d+) \| ([0-9a-f]{64}) \|$')
OWN = {'README.md', 'verify-digests.py'}


def main(folder):
    with open(os.path.join(folder, 'README.md'), encoding='utf-8') as handle:
        rows = [ROW.match(line.rstrip('\n')) for line in handle]
    listed = {m.group(1): (int(m.group(2)), m.group(3)) for m in rows if m}
    present = {os.path.relpath(os.path.join(root, name), folder)
               for root, _, files in os.walk(folder) for name in files} - OWN
    problems = []
    for path in sorted(set(listed) | present):
        if path not in present:
            problems.append(f'{path}: listed in README.md but missing')
            continue
        if path not in listed:
            problems.append(f'{path}: present but not listed in README.md (add its source, bytes and SHA-256)')
            continue
        with open(os.path.join(folder, path), 'rb') as handle:
            data = handle.read()
        size, digest = listed[path]
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            problems.append(f'{path}: README.md says {size} bytes, sha256 {digest}; the file has {len(data)} bytes, '
                            f'sha256 {hashlib.sha256(data).hexdigest()}')
    for line in problems:
        print(line)
    print(f'{len(listed)} files listed, {len(present)} present: {len(problems)} problems')
    return 1 if problems or not listed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))))
