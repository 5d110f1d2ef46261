"""Output folders that a failed, killed or concurrent run cannot corrupt.

A store folder (``arqam extract --out DIR``) is replaced whole: the run writes into a
fresh staging folder beside DIR and swaps it in at the end, so DIR is at every moment
either the previous complete store or the new complete one. On Linux the swap is one
``renameat2(RENAME_EXCHANGE)``; elsewhere it is two renames, and a run killed between
them leaves the previous store beside DIR, which the next run puts back.

A lock file beside DIR (``.DIR.lock``, held with flock, released by the system even
when the process is killed) makes a second run into the same DIR fail at once.

Nothing is deleted that arqam did not write: DIR must be missing, empty, or hold only a
previous store's own names; staging folders carry a marker file and are the only
folders removed.
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

STAGING_MARKER = ".arqam-staging"  # written first into every staging folder arqam creates
_RENAME_EXCHANGE = 2


class OutputBusy(RuntimeError):
    """Another run holds the lock of the same output folder."""


class OutputRefused(ValueError):
    """The output folder cannot be used without risking files arqam did not write."""


def foreign_entries(out: Path, own: dict[str, str | None]) -> list[str]:
    """Entries of a store folder that a previous run did not write.

    Args:
        out: the store folder.
        own: the store's own names: a file name -> None, or a folder name -> the glob its
            files match at any depth (e.g. ``"parts": "part-*.parquet"``).
    Returns:
        Relative paths of everything else (empty when the folder is a store or empty).
    """
    found: list[str] = []
    for entry in sorted(out.iterdir()):
        if entry.name == STAGING_MARKER:
            continue
        if entry.name not in own:
            found.append(entry.name)
            continue
        pattern = own[entry.name]
        if pattern is None:
            if entry.is_symlink() or not entry.is_file():
                found.append(entry.name)
            continue
        if entry.is_symlink() or not entry.is_dir():
            found.append(entry.name)
            continue
        for root, dirs, files in os.walk(entry, followlinks=False):
            for name in files:
                if not Path(name).match(pattern):
                    found.append(os.path.relpath(os.path.join(root, name), out))
            for name in dirs:
                if os.path.islink(os.path.join(root, name)):
                    found.append(os.path.relpath(os.path.join(root, name), out))
    return found


def check_out(out: Path, own: dict[str, str | None], inputs: list[Path], corpus_dir: Path | None) -> None:
    """Refuse an output folder that would put the user's files at risk.

    Args:
        out: the resolved output folder.
        own: the store's own names (see foreign_entries).
        inputs: resolved input paths (the corpus, the catalog).
        corpus_dir: the corpus folder when the corpus is a folder.
    Raises:
        OutputRefused: naming the problem and the fix.
    """
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"--out {out} is an existing file, not a folder; choose a new folder name")
    if out == Path(out.anchor):
        raise OutputRefused("--out cannot be the root folder; choose a new folder")
    for p in inputs:
        if p == out or out in p.parents:
            raise OutputRefused(f"the input {p} is inside --out {out}; a run replaces that folder whole: move the input or choose another --out")
    if corpus_dir is not None and (corpus_dir == out.parent or corpus_dir in out.parents):
        raise OutputRefused(f"--out {out} is inside the corpus folder {corpus_dir} (its files would be read as articles); choose an --out outside it")
    if out.is_dir():
        extra = foreign_entries(out, own)
        if extra:
            shown = ", ".join(extra[:5]) + (f" and {len(extra) - 5} more" if len(extra) > 5 else "")
            raise OutputRefused(f"--out {out} holds files arqam did not write ({shown}); a run replaces the folder whole: choose a new or empty folder")
    if not os.access(out.parent if out.parent.exists() else out.anchor, os.W_OK):
        raise OutputRefused(f"cannot write beside --out {out} (the staging folder and lock go in {out.parent}); choose a writable place")


@contextmanager
def locked(out: Path):
    """Hold the lock of an output folder for the length of a run.

    Raises:
        OutputBusy: another run into the same folder is under way.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    path = out.parent / f".{out.name}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            _lock(fd)
        except OSError:
            raise OutputBusy(f"another arqam run is writing {out} (lock {path} is held); wait for it to finish or choose another --out") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        os.close(fd)  # closing releases the lock


def _lock(fd: int) -> None:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _is_ours(folder: Path) -> bool:
    return (folder / STAGING_MARKER).is_file() and not folder.is_symlink()


def new_staging(out: Path) -> Path:
    """Create an empty staging folder beside out (same file system, so the swap is a rename)."""
    while True:
        path = out.parent / f".{out.name}.staging-{secrets.token_hex(4)}"
        try:
            path.mkdir(mode=0o777)  # the umask applies, as for any folder the user creates
        except FileExistsError:
            continue
        (path / STAGING_MARKER).write_text("written by arqam; removed when the run ends\n", encoding="utf-8")
        return path


def remove_staging(path: Path) -> None:
    """Remove a staging folder, only if arqam created it (it holds the marker)."""
    if path.is_dir() and _is_ours(path):
        shutil.rmtree(path)


def recover(out: Path) -> list[str]:
    """Under the lock, before a run: put back a store a killed swap left aside, and drop stale staging folders.

    Returns:
        What was done, one sentence each.
    """
    done = []

    def beside(kind: str) -> list[Path]:  # no glob: the folder name may hold [ ] * ?
        prefix = f".{out.name}.{kind}-"
        return sorted(p for p in out.parent.iterdir() if p.name.startswith(prefix) and _is_ours(p))

    aside = beside("previous")
    if not out.exists() and aside:
        os.rename(aside[-1], out)
        (out / STAGING_MARKER).unlink(missing_ok=True)
        done.append(f"restored the previous store {out} that an interrupted run had set aside")
        aside = aside[:-1]
    if out.is_dir():
        (out / STAGING_MARKER).unlink(missing_ok=True)
    for path in [*aside, *beside("staging")]:
        shutil.rmtree(path)
        done.append(f"removed {path.name}, left by an interrupted run")
    return done


def _exchange(a: Path, b: Path) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    return fn(-100, os.fsencode(a), -100, os.fsencode(b), _RENAME_EXCHANGE) == 0  # -100: AT_FDCWD


def swap_in(staging: Path, out: Path, own: dict[str, str | None]) -> None:
    """Put a complete staging folder in place of out, atomically; remove the previous store.

    Both folders carry the marker while they are swapped, so a run killed at any point
    leaves folders the next run's `recover` knows to be arqam's. The previous store is
    removed only when it still holds nothing but the store's own names; otherwise it
    is left beside out as ``.<out>.previous-*``.
    """
    if not out.exists():
        os.rename(staging, out)
    else:
        (out / STAGING_MARKER).write_text("a previous store, being replaced\n", encoding="utf-8")
        if _exchange(staging, out):
            old = staging  # now holds the previous store
        else:
            old = out.parent / f".{out.name}.previous-{secrets.token_hex(4)}"
            os.rename(out, old)
            os.rename(staging, out)
        if foreign_entries(old, own):
            (old / STAGING_MARKER).unlink(missing_ok=True)
            aside = out.parent / f".{out.name}.previous-{secrets.token_hex(4)}"
            os.rename(old, aside)
            (out / STAGING_MARKER).unlink(missing_ok=True)
            raise OutputRefused(f"the previous store held files arqam did not write; it was kept at {aside}")
        shutil.rmtree(old)
    (out / STAGING_MARKER).unlink(missing_ok=True)
