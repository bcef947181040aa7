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
import stat
import tempfile
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from planner.core.problems import Problem, ProblemsFound

FILE_MODE = 0o600
FOLDER_MODE = 0o700

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
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


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or ProblemsFound saying why it cannot be read and what to do."""
    shown = display_path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    "",
                    "file not found",
                    "Check the path (relative paths are resolved from the file that names them).",
                )
            ]
        ) from None
    except IsADirectoryError:
        raise ProblemsFound(
            [Problem(shown, "", "is a folder, not a file", "Name the file itself.")]
        ) from None
    except PermissionError:
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    "",
                    "not readable (permission denied)",
                    "Ask for read access or copy the file.",
                )
            ]
        ) from None
    except OSError as error:
        raise ProblemsFound(
            [Problem(shown, "", f"cannot be read ({error.strerror})", "")]
        ) from None


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


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parsed TOML and its text (kept to point at lines in later messages)."""
    shown = display_path(path)
    text = decode_text(read_bytes(path), shown)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        # tomllib says "... (at line 3, column 7)": keep its words, they name the spot.
        raise ProblemsFound(
            [Problem(shown, "", f"is not valid TOML: {error}", "Fix the syntax at that spot.")]
        ) from None


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
    """Writing failed; the message says that the previous file (if any) is unchanged."""


def user_data_dir() -> Path:
    """$XDG_DATA_HOME/planner, else ~/.local/share/planner (plans of read-only configs).

    platformdirs follows the XDG rules (a relative $XDG_DATA_HOME is ignored)."""
    return Path(platformdirs.user_data_dir("planner", appauthor=False))


def user_state_dir() -> Path:
    """$XDG_STATE_HOME/planner, else ~/.local/state/planner (journals and locks)."""
    return Path(platformdirs.user_state_dir("planner", appauthor=False))


def secure_folder(folder: Path, shown_file: str | None = None) -> None:
    """Create `folder` 0700 when missing; refuse one that everybody may write to.

    In a world-writable folder another user could swap a plan or a journal for a file of
    theirs (or a symlink), so planner never writes there.
    """
    shown = shown_file or display_path(folder)
    try:
        if not folder.is_dir():
            folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        mode = folder.stat().st_mode
    except OSError as error:
        raise SaveFailed(
            [
                Problem(
                    shown,
                    "",
                    f"folder {display_path(folder)} cannot be created ({error.strerror})",
                    "Nothing was written. Choose another place, or ask for write access.",
                )
            ]
        ) from None
    if mode & stat.S_IWOTH:
        raise SaveFailed(
            [
                Problem(
                    shown,
                    "",
                    f"folder {display_path(folder)} is writable by everyone",
                    "Nothing was written. Save in a folder of your own, or remove the others' "
                    f"write access (chmod o-w {display_path(folder)}).",
                )
            ]
        )


def folder_is_writable(folder: Path) -> bool:
    """True when planner could create files in `folder` (or create the folder itself)."""
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


def _explain(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno == errno.EDQUOT:
        return "your disk quota is used up"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    return error.strerror or type(error).__name__


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: the old file stays whole until the new is safe.

    temp file (0600, same folder) -> write -> fsync -> rename over `path` -> fsync folder.
    Raises SaveFailed naming the cause; the previous file is then untouched.
    """
    shown = display_path(path)
    folder = path.parent
    secure_folder(folder, shown)
    existed = path.exists()
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
                    f"could not be saved: {_explain(error)}",
                    f"{kept} Free some space or choose another place, then save again.",
                )
            ]
        ) from None


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
