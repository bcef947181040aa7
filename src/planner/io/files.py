"""Files: finding and reading the inputs (every failure a Problem), showing paths, and the
safe-file primitives every writer uses (private folders, atomic writes, fsync).

Plans, the journal and the lock all write through :func:`atomic_write` and
:func:`secure_folder`; nothing else in planner creates files or folders.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import os
import pwd
import re
import stat
import tempfile
import time
import tomllib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from planner.core.problems import Problem, ProblemsFound

FILE_MODE = 0o600
FOLDER_MODE = 0o700

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it.

    The path's own name, not its target's: a symlink (or a symlink loop, which resolve()
    cannot follow) is shown as the name the user gave."""
    try:
        cwd = Path.cwd()
    except OSError:
        return str(path)
    try:
        return str(Path(os.path.abspath(path)).relative_to(cwd))
    except ValueError:
        pass
    try:  # the working folder reached through a symlink, e.g. /tmp -> /private/tmp
        parent = Path(path).parent.resolve()
        return str((parent / Path(path).name).relative_to(cwd.resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)


def bundled_root() -> Path:
    """Where the bundled config/ and norms/ live: inside an installed wheel, or the checkout."""
    wheel = _PACKAGE_DIR / "_bundled"
    if (wheel / "config").is_dir():
        return wheel
    return _PACKAGE_DIR.parent.parent


def bundled_config() -> Path:
    return bundled_root() / "config" / "teams.toml"


def bundled_norms_dir() -> Path:
    return bundled_root() / "norms"


def default_config(explicit: Path | None) -> Path:
    """--config if given, else ./config/teams.toml, else the bundled demo team."""
    if explicit is not None:
        return explicit
    local = Path("config") / "teams.toml"
    return local if local.is_file() else bundled_config()


# Inputs are read whole; a larger file is not a team's export but a wrong name (a disk
# image, a log). Checked before reading, so /dev/zero and its like are never read at all.
MAX_INPUT_BYTES = 200 * 1024 * 1024
# No planner file nests tables or arrays more than a handful of levels deep; a file that
# does is refused before anything recursive (the CPR scan, validation) walks it.
MAX_NESTING = 20

_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file", "Name the file itself."),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file", "Name a regular file."),
    (stat.S_ISCHR, "is a device, not a file", "Name a regular file."),
    (stat.S_ISBLK, "is a device, not a file", "Name a regular file."),
    (stat.S_ISSOCK, "is a socket, not a file", "Name a regular file."),
)


def _not_regular(mode: int, shown: str) -> ProblemsFound:
    for test, what, todo in _KINDS:
        if test(mode):
            return ProblemsFound([Problem(shown, "", what, todo)])
    return ProblemsFound([Problem(shown, "", "is not a regular file", "Name a regular file.")])


def _too_large(size: int, shown: str) -> ProblemsFound:
    return ProblemsFound(
        [
            Problem(
                shown,
                "",
                f"is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB ({size:,} bytes)",
                "planner reads files of up to 200 MB: check that this is the right file, "
                "or export fewer cases.",
            )
        ]
    )


def _unreadable(error: OSError, shown: str) -> ProblemsFound:
    if isinstance(error, FileNotFoundError):
        what, todo = (
            "file not found",
            "Check the path (relative paths are resolved from the file that names them).",
        )
    elif isinstance(error, PermissionError):
        what, todo = "not readable (permission denied)", "Ask for read access or copy the file."
    elif error.errno == errno.ELOOP:
        what, todo = (
            "is a symbolic link that leads round in a loop",
            "Point the link at the file itself, or name the file.",
        )
    elif isinstance(error, IsADirectoryError):
        what, todo = "is a folder, not a file", "Name the file itself."
    else:
        what, todo = f"cannot be read ({error.strerror or type(error).__name__})", ""
    return ProblemsFound([Problem(shown, "", what, todo)])


def read_bytes(path: Path, *, limit: int | None = None, follow_symlinks: bool = True) -> bytes:
    """The file's bytes, or ProblemsFound saying why it cannot be read and what to do.

    Only a regular file is read: a folder, a FIFO (which would block for ever), a device
    (/dev/zero never ends) or a socket is refused by its type before it is opened, and the
    file is opened non-blocking and checked again (it may have been swapped meanwhile).
    At most `limit` bytes (default :data:`MAX_INPUT_BYTES`) are read.
    """
    shown = display_path(path)
    limit = MAX_INPUT_BYTES if limit is None else limit
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | os.O_CLOEXEC
    if not follow_symlinks:
        flags |= os.O_NOFOLLOW
    try:
        st = os.stat(path, follow_symlinks=follow_symlinks)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(st.st_mode, shown)
        fd = os.open(path, flags)
    except OSError as error:
        raise _unreadable(error, shown) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(st.st_mode, shown)
        if st.st_size > limit:
            raise _too_large(st.st_size, shown)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while we read
            raise _too_large(total, shown)
        return b"".join(chunks)
    except OSError as error:
        raise _unreadable(error, shown) from None
    finally:
        os.close(fd)


def decode_text(data: bytes, shown: str) -> str:
    """UTF-8, with or without BOM (Excel writes one)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProblemsFound(
            [
                Problem(
                    shown, f"line {line}", "is not UTF-8 text", "Save or export the file as UTF-8."
                )
            ]
        ) from None


def nesting_depth(value: Any) -> int:
    """How deep tables and arrays nest in parsed TOML or JSON (iteratively: never recurses)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth + 1)
        if deepest > MAX_NESTING:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def parse_toml(text: str, shown: str, todo: str = "Fix the syntax at that spot.") -> dict[str, Any]:
    """tomllib.loads, every failure a Problem: bad syntax, and nesting so deep that parsing
    (or anything that walks the result later) would run out of stack."""
    too_deep = Problem(
        shown,
        "",
        f"nests tables or arrays more than {MAX_NESTING} levels deep",
        "No planner file does: check that this is the right file.",
    )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib says "... (at line 3, column 7)": keep its words, they name the spot.
        raise ProblemsFound([Problem(shown, "", f"is not valid TOML: {error}", todo)]) from None
    except RecursionError:
        raise ProblemsFound([too_deep]) from None
    if nesting_depth(data) > MAX_NESTING:
        raise ProblemsFound([too_deep])
    return data


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parsed TOML and its text (kept to point at lines in later messages)."""
    shown = display_path(path)
    text = decode_text(read_bytes(path), shown)
    return parse_toml(text, shown), text


def now() -> datetime:
    """The local time to the second, with its UTC offset (as plan files show it)."""
    return datetime.now().astimezone().replace(microsecond=0)


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        return str(os.getuid())


# ---------------------------------------------------------------------------------------
# Safe files: private folders and atomic writes (plans, the journal and the lock)


class SaveFailed(ProblemsFound):
    """Writing failed; the message says that the previous file (if any) is unchanged.

    `errno` is the operating system's reason when there was one (ENOSPC, EROFS, ...), for
    the board to say it in the user's language."""

    def __init__(self, problems: list[Problem], errno: int | None = None) -> None:
        super().__init__(problems)
        self.errno = errno


def user_data_dir() -> Path:
    """$XDG_DATA_HOME/planner, else ~/.local/share/planner (plans of read-only configs).

    platformdirs follows the XDG rules (a relative $XDG_DATA_HOME is ignored)."""
    return Path(platformdirs.user_data_dir("planner", appauthor=False))


def user_state_dir() -> Path:
    """$XDG_STATE_HOME/planner, else ~/.local/state/planner (journals and locks)."""
    return Path(platformdirs.user_state_dir("planner", appauthor=False))


def owner_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # no passwd entry (some containers)
        return str(uid)


def _private_root(folder: Path) -> tuple[Path, str] | None:
    """The user's own planner folder (state or data) that `folder` is or lies in, with the
    variable that moves it; None for any other folder (a team's plans/, an export's).

    Absolute, not resolved: a symlink planted in place of the folder must be judged by what
    it points to (stat follows it), not taken for the folder it names."""
    absolute = Path(os.path.abspath(folder))
    for root, variable in (
        (user_state_dir(), "XDG_STATE_HOME"),
        (user_data_dir(), "XDG_DATA_HOME"),
    ):
        root = Path(os.path.abspath(root))
        if absolute == root or root in absolute.parents:
            return root, variable
    return None


def _make_folders(folder: Path) -> None:
    """Create `folder` and every missing parent, each 0700 whatever the umask.

    mkdir's mode is filtered by the umask, and ``parents=True`` gives the parents the
    default mode (0777 under umask 000), so each level is made on its own and chmod'ed.
    A level another process makes meanwhile is left as it is (and checked by the caller).
    """
    missing: list[Path] = []
    probe = Path(os.path.abspath(folder))
    while not os.path.lexists(probe) and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for level in reversed(missing):
        try:
            os.mkdir(level, FOLDER_MODE)
        except FileExistsError:
            continue
        os.chmod(level, FOLDER_MODE)


def _refused(shown: str, what: str, todo: str, errno: int | None = None) -> SaveFailed:
    return SaveFailed([Problem(shown, "", what, f"Nothing was written. {todo}".strip())], errno)


def secure_folder(folder: Path, shown_file: str | None = None) -> None:
    """Create `folder` (and missing parents) 0700; refuse a folder others could tamper with.

    * The user's own planner folders (the state folder with journals and locks, the data
      folder with plans of read-only configs), from the planner folder down: as OpenSSH's
      StrictModes, each must belong to the user and be writable by nobody else. A journal
      planted there by someone else would otherwise be offered for restore.
    * Any other folder (a team's plans/ beside the config, an export's): shared with the
      team's group by design, but never writable by everyone, where another user could swap
      a plan or a journal for a file of theirs (or a symlink).
    """
    shown = shown_file or display_path(folder)
    try:
        if not os.path.isdir(folder):
            _make_folders(folder)
        st = os.stat(folder)
    except OSError as error:
        raise _refused(
            shown,
            f"folder {display_path(folder)} cannot be created ({explain(error)})",
            "Choose another place, or ask for write access.",
            error.errno,
        ) from None
    if not stat.S_ISDIR(st.st_mode):
        raise _refused(
            shown,
            f"{display_path(folder)} is not a folder",
            "Remove or rename it, or choose another place.",
        )
    private = _private_root(folder)
    if private is None:
        if st.st_mode & stat.S_IWOTH:
            raise _refused(
                shown,
                f"folder {display_path(folder)} is writable by everyone",
                "Save in a folder of your own, or remove the others' write access "
                f"(chmod o-w {display_path(folder)}).",
            )
        return
    root, variable = private
    levels = [Path(os.path.abspath(folder))]
    while levels[-1] != root:
        levels.append(levels[-1].parent)
    me = os.geteuid()
    for level in reversed(levels):
        try:
            st = os.stat(level)
        except OSError as error:
            raise _refused(
                shown, f"folder {level} cannot be checked ({explain(error)})", ""
            ) from None
        if st.st_uid != me:
            raise _refused(
                shown,
                f"folder {level} belongs to user '{owner_name(st.st_uid)}', not to you "
                f"('{owner_name(me)}')",
                "planner keeps your journals, locks and plans only in a folder of your own: "
                f"remove or rename {level}, or set {variable} to a folder of your own.",
            )
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            others = "everyone" if st.st_mode & stat.S_IWOTH else "others in its group"
            raise _refused(
                shown,
                f"folder {level} is writable by {others} (mode {stat.S_IMODE(st.st_mode):04o})",
                f"planner keeps your journals, locks and plans only in a folder nobody else "
                f"may write to: chmod go-w {level} (or chmod 700 {level}).",
            )


def folder_is_writable(folder: Path) -> bool:
    """True when planner could create files in `folder` (or create the folder itself)."""
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


def explain(error: OSError) -> str:
    """An OSError in a few words a user can act on."""
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno == errno.EDQUOT:
        return "your disk quota is used up"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    return error.strerror or type(error).__name__


# mkstemp's names for atomic_write: ".<name>." + 8 of [a-z0-9_] + ".tmp".
_LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
# A temporary file older than this was left by a save that was killed halfway; a save in
# progress takes milliseconds.
LEFTOVER_AGE_S = 120.0


def clean_leftovers(folder: Path) -> list[str]:
    """Remove what killed saves left in `folder`: planner's own temporary files only (its
    name pattern, a regular file, owned by this user, older than LEFTOVER_AGE_S).
    Returns the names removed; a file that cannot be removed is left alone."""
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    cutoff = time.time() - LEFTOVER_AGE_S
    for name in names:
        if not _LEFTOVER.match(name):
            continue
        with contextlib.suppress(OSError):
            st = os.lstat(folder / name)
            if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and st.st_mtime < cutoff:
                os.unlink(folder / name)
                removed.append(name)
    return removed


def replaceable(path: Path, shown: str | None = None) -> bool:
    """Whether `path` exists; SaveFailed when it exists but is not a regular file.

    A rename over a device node (/dev/full, as root), a FIFO, a folder or a symbolic link
    would replace that, not write a file: planner replaces regular files only."""
    shown = shown or display_path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as error:
        raise _refused(shown, f"cannot be checked ({explain(error)})", "") from None
    if stat.S_ISREG(st.st_mode):
        return True
    kind = "a symbolic link" if stat.S_ISLNK(st.st_mode) else "not a regular file"
    if stat.S_ISDIR(st.st_mode):
        kind = "a folder"
    elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        kind = "a device"
    elif stat.S_ISFIFO(st.st_mode):
        kind = "a named pipe (FIFO)"
    raise _refused(
        shown,
        f"is {kind}",
        "planner replaces only regular files: name a new file, or a regular file with --force.",
    )


def check_output(path: Path, *, force: bool, protected: Iterable[Path] = ()) -> bool:
    """May an output file be written at `path`? True when it replaces an existing file.

    Refused (ProblemsFound): anything but a regular file; one of the files planner reads
    for this command (the plan, teams, cases or norm file in use), even with --force; an
    existing file without --force.
    """
    shown = display_path(path)
    exists = replaceable(path, shown)
    if not exists:
        return False
    resolved = path.resolve()
    if any(resolved == p.resolve() for p in protected):
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    "--out",
                    "is one of planner's input files in use (the plan, teams, cases or norm file)",
                    "Choose another file name; input files are never written, not even with "
                    "--force.",
                )
            ]
        )
    if not force:
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    "--out",
                    "exists already",
                    "Nothing was written. Add --force to replace it, or choose another name.",
                )
            ]
        )
    return True


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: the old file stays whole until the new is safe.

    temp file (0600, same folder) -> write -> fsync -> rename over `path` -> fsync folder.
    Raises SaveFailed naming the cause; the previous file is then untouched.
    """
    shown = display_path(path)
    folder = path.parent
    secure_folder(folder, shown)
    existed = replaceable(path, shown)
    clean_leftovers(folder)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
        fsync_folder(folder)
    except OSError as error:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        kept = (
            "The previous version of the file is unchanged." if existed else "Nothing was written."
        )
        raise SaveFailed(
            [
                Problem(
                    shown,
                    "",
                    f"could not be saved: {explain(error)}",
                    f"{kept} Free some space or choose another place, then save again.",
                )
            ],
            error.errno,
        ) from None


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
