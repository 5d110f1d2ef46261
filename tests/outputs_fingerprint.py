"""Print a fingerprint of a folder: every entry's path, kind, size and modification time.

`make test` prints it for outputs/ before and after the tests and fails when the two
differ, so a test that writes into the user's outputs/ cannot pass unnoticed.
Usage: python tests/outputs_fingerprint.py outputs
"""

import hashlib
import os
import sys
from pathlib import Path


def fingerprint(folder: Path) -> str:
    """sha256 over (relative path, kind, size, mtime in ns) of every entry under folder, sorted."""
    if not folder.exists():
        return "absent"
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(dirs + files):
            path = Path(root) / name
            st = path.lstat()
            kind = "d" if path.is_dir() else "l" if path.is_symlink() else "f"
            digest.update(f"{path.relative_to(folder).as_posix()}\t{kind}\t{st.st_size}\t{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


if __name__ == "__main__":
    print(fingerprint(Path(sys.argv[1] if len(sys.argv) > 1 else "outputs")))
