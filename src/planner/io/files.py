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
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from planner.core.cpr import find_cpr, mask_all
from planner.core.problems import Joined, Msg, Problem, ProblemsFound, Text

if TYPE_CHECKING:
    from tomllib import TOMLDecodeError

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


def is_bundled_config(config_path: Path) -> bool:
    """Whether `config_path` is the demo that comes with planner, which is the program's,
    not the user's: its plans and its lock go to the user's own folders.

    The demo of this installation (a wheel's _bundled/config, or with ``pip install -e .``
    the checkout's own config/), or any config inside an installed package."""
    try:
        folder = config_path.resolve().parent
        bundled = bundled_config().resolve().parent
    except (OSError, RuntimeError):  # a symlink loop: not the demo
        return False
    return (
        folder == bundled or folder.is_relative_to(_PACKAGE_DIR) or "site-packages" in folder.parts
    )


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

# (is it, what it is, what to do): text keys of planner.i18n
_KINDS = (
    (stat.S_ISDIR, "file.folder", "file.folder.todo"),
    (stat.S_ISFIFO, "file.fifo", "file.regular.todo"),
    (stat.S_ISCHR, "file.device", "file.regular.todo"),
    (stat.S_ISBLK, "file.device", "file.regular.todo"),
    (stat.S_ISSOCK, "file.socket", "file.regular.todo"),
)


def _not_regular(mode: int, shown: str) -> ProblemsFound:
    what, todo = next(
        ((what, todo) for test, what, todo in _KINDS if test(mode)),
        ("file.not_regular", "file.regular.todo"),
    )
    return ProblemsFound([Problem(shown, "", Msg(what), Msg(todo))])


def _too_large(size: int, shown: str) -> ProblemsFound:
    limit = MAX_INPUT_BYTES // (1024 * 1024)
    return ProblemsFound(
        [
            Problem(
                shown,
                "",
                Msg("file.too_large", limit=limit, size=size),
                Msg("file.too_large.todo", limit=limit),
            )
        ]
    )


def _unreadable(error: OSError, shown: str) -> ProblemsFound:
    what: Text
    todo: Text
    if isinstance(error, FileNotFoundError):
        what, todo = Msg("file.not_found"), Msg("file.not_found.todo")
    elif isinstance(error, PermissionError):
        what, todo = Msg("file.denied"), Msg("file.denied.todo")
    elif error.errno == errno.ELOOP:
        what, todo = Msg("file.loop"), Msg("file.loop.todo")
    elif isinstance(error, IsADirectoryError):
        what, todo = Msg("file.folder"), Msg("file.folder.todo")
    else:
        what, todo = Msg("file.unreadable", reason=explain(error)), ""
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
                    shown,
                    Msg("where.line", line=line),
                    Msg("file.not_utf8"),
                    Msg("file.not_utf8.todo"),
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


# tomllib's reasons (Python 3.11's words) -> our texts; `what` is the part it quotes.
_TOML_REASONS = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"Invalid statement", "toml.invalid_statement"),
        (r"Expected '=' after a key in a key/value pair", "toml.equals"),
        (r"Expected newline or end of document after a statement", "toml.line_end"),
        (r"Expected '\]' at the end of a table declaration", "toml.table_end"),
        (r"Expected '\]\]' at the end of an array declaration", "toml.array_end"),
        (r"Expected (?P<what>.+)", "toml.expected"),
        (r"Found invalid character (?P<what>.+)", "toml.invalid_character"),
        (r"Cannot declare (?P<what>.+) twice", "toml.declared_twice"),
        (r"Cannot overwrite a value", "toml.overwrite"),
        (r"Cannot mutate immutable namespace (?P<what>.+)", "toml.immutable"),
        (r"Cannot redefine namespace (?P<what>.+)", "toml.redefine"),
        (r"Invalid initial character for a key part", "toml.key_start"),
        (r"Unclosed array", "toml.unclosed_array"),
        (r"Duplicate inline table key (?P<what>.+)", "toml.duplicate_key"),
        (r"Unclosed inline table", "toml.unclosed_table"),
        (r"Unescaped '\\' in a string", "toml.backslash"),
        (r"Invalid hex value", "toml.hex"),
        (r"Escaped character is not a Unicode scalar value", "toml.scalar"),
        (r"Unterminated string", "toml.unterminated"),
        (r"Illegal character (?P<what>.+)", "toml.illegal_character"),
        (r"Invalid date or datetime", "toml.date"),
        (r"Invalid value", "toml.value"),
    )
)
_TOML_SPOT = re.compile(
    r"^(?P<reason>.*) \((?:at line (?P<line>\d+), column (?P<column>\d+)|(?P<end>at end of document))\)$",
    re.S,
)


def toml_error_text(error: TOMLDecodeError) -> Text:
    """tomllib's message in the user's language: its reason, and the spot it names."""
    message = str(error)
    spot = _TOML_SPOT.match(message)
    said = spot["reason"] if spot else message
    reason: Text = said
    for pattern, key in _TOML_REASONS:
        found = pattern.fullmatch(said)
        if found:
            reason = Msg(key, **found.groupdict())
            break
    if spot is None:
        return Msg("file.bad_toml_other", reason=reason)
    if spot["end"]:
        return Msg("file.bad_toml_end", reason=reason)
    return Msg("file.bad_toml", reason=reason, line=int(spot["line"]), column=int(spot["column"]))


_FIX_SYNTAX = Msg("file.bad_toml.todo")


def parse_toml(text: str, shown: str, todo: Text = _FIX_SYNTAX) -> dict[str, Any]:
    """tomllib.loads, every failure a Problem: bad syntax, and nesting so deep that parsing
    (or anything that walks the result later) would run out of stack."""
    import tomllib  # here: the board's start reads no TOML itself (planner.io.preload)

    too_deep = Problem(
        shown, "", Msg("file.too_deep", limit=MAX_NESTING), Msg("file.too_deep.todo")
    )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProblemsFound([Problem(shown, "", toml_error_text(error), todo)]) from None
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
    """The user's login name, as plans (author), journals and locks keep it and messages
    show it. A CPR-shaped name (LOGNAME=010203-1234) is masked here, where it is read:
    planner never stores or shows a CPR number, and a plan with one would not save."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        name = str(os.getuid())
    return mask_all(name)


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
    """The login name of `uid` (a file's owner), masked as :func:`login_name` masks it."""
    try:
        return mask_all(pwd.getpwuid(uid).pw_name)
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


def _refused(shown: str, what: Text, todo: Text, errno: int | None = None) -> SaveFailed:
    said = Joined(Msg("io.nothing_written"), todo, sep=" ")
    return SaveFailed([Problem(shown, "", what, said)], errno)


def _to_create(path: Path, *, file: bool) -> list[str]:
    """The names in `path` that writing it would create: the file's own name (`file`) and
    every folder above it that does not exist yet (absolute, not resolved, as mkdir sees
    them)."""
    absolute = Path(os.path.abspath(path))
    names = [absolute.name] if file else []
    probe = absolute.parent if file else absolute
    while not os.path.lexists(probe) and probe.parent != probe:
        names.append(probe.name)
        probe = probe.parent
    return names


def refuse_cpr_in_path(path: Path, *, folder: bool = False) -> None:
    """SaveFailed when a name planner would create or write for `path` holds a CPR number.

    The one check every output goes through (check_output, atomic_write, write_new,
    secure_folder), before anything is created: a file or folder name stays on the disk, in
    listings and backups, and in the journal. Folders that already exist are the user's and
    are not judged. `folder`: `path` is a folder to create, not a file to write.
    """
    for name in _to_create(path, file=not folder):
        masked = find_cpr(name)
        if masked:
            raise _refused(
                display_path(path), Msg("io.cpr_path", masked=masked), Msg("io.cpr_path.todo")
            )


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
    refuse_cpr_in_path(folder, folder=True)
    try:
        if not os.path.isdir(folder):
            _make_folders(folder)
        st = os.stat(folder)
    except OSError as error:
        raise _refused(
            shown,
            Msg("io.folder_not_created", folder=display_path(folder), reason=explain(error)),
            Msg("io.folder_not_created.todo"),
            error.errno,
        ) from None
    if not stat.S_ISDIR(st.st_mode):
        raise _refused(
            shown,
            Msg("io.not_a_folder", folder=display_path(folder)),
            Msg("io.not_a_folder.todo"),
        )
    private = _private_root(folder)
    if private is None:
        if st.st_mode & stat.S_IWOTH:
            # chmod is advice only for a folder of the user's own: on a shared one (/tmp:
            # sticky, root's) it would fail, or take the others' folder away from them.
            shared = st.st_uid != os.geteuid() or st.st_mode & stat.S_ISVTX
            raise _refused(
                shown,
                Msg("io.folder_open", folder=display_path(folder)),
                Msg(
                    "io.folder_open.elsewhere.todo" if shared else "io.folder_open.todo",
                    folder=display_path(folder),
                ),
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
                shown, Msg("io.folder_unchecked", folder=str(level), reason=explain(error)), ""
            ) from None
        if st.st_uid != me:
            raise _refused(
                shown,
                Msg(
                    "io.folder_owner",
                    folder=str(level),
                    owner=owner_name(st.st_uid),
                    me=owner_name(me),
                ),
                Msg("io.folder_owner.todo", folder=str(level), variable=variable),
            )
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            others = "io.others.everyone" if st.st_mode & stat.S_IWOTH else "io.others.group"
            raise _refused(
                shown,
                Msg(
                    "io.folder_shared",
                    folder=str(level),
                    others=Msg(others),
                    mode=f"{stat.S_IMODE(st.st_mode):04o}",
                ),
                Msg("io.folder_shared.todo", folder=str(level)),
            )


def folder_is_writable(folder: Path) -> bool:
    """True when planner could create files in `folder` (or create the folder itself)."""
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


_REASONS = {
    errno.ENOSPC: "io.full",
    errno.EDQUOT: "io.quota",
    errno.EACCES: "io.denied",
    errno.EPERM: "io.denied",
    errno.EROFS: "io.read_only",
}


def explain(error: OSError) -> Text:
    """An OSError in a few words a user can act on (the system's own words, in English,
    for a rare one)."""
    key = _REASONS.get(error.errno or 0)
    if key:
        return Msg(key)
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
        raise _refused(shown, Msg("io.unchecked", reason=explain(error)), "") from None
    if stat.S_ISREG(st.st_mode):
        return True
    kind = "io.kind.link" if stat.S_ISLNK(st.st_mode) else "io.kind.other"
    if stat.S_ISDIR(st.st_mode):
        kind = "io.kind.folder"
    elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        kind = "io.kind.device"
    elif stat.S_ISFIFO(st.st_mode):
        kind = "io.kind.fifo"
    raise _refused(shown, Msg("io.is_kind", kind=Msg(kind)), Msg("io.replace_regular.todo"))


def check_output(
    path: Path, *, force: bool, protected: Iterable[Path] = (), writes: str = "plan"
) -> bool:
    """May an output file be written at `path`? True when it replaces an existing file.

    Refused (ProblemsFound): anything but a regular file; one of the files planner reads
    for this command (the plan, teams, cases or norm file in use), even with --force; an
    existing file without --force; with --force, a file that recognisably is a plan, teams,
    cases or norm file of any team (planner.io.kinds), unless it is of the kind this command
    writes (`writes`: "plan" for balance, "plan_export" for plan export).
    """
    refuse_cpr_in_path(path)
    shown = display_path(path)
    exists = replaceable(path, shown)
    if not exists:
        return False
    resolved = path.resolve()
    if any(resolved == p.resolve() for p in protected):
        raise ProblemsFound(
            [Problem(shown, "--out", Msg("io.out_is_input"), Msg("io.out_is_input.todo"))]
        )
    if not force:
        raise ProblemsFound([Problem(shown, "--out", Msg("io.exists"), Msg("io.exists.todo"))])
    from planner.io.kinds import file_kind  # it reads files with this module's helpers

    kind = file_kind(path)
    if kind is not None and kind != writes:
        raise ProblemsFound(
            [Problem(shown, "--out", Msg(f"io.out_is.{kind}"), Msg("io.out_is.todo"))]
        )
    return True


def write_synced(fd: int, data: bytes) -> None:
    """All of `data` to `fd` (os.write may take part of it), then on disk (fsync)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def write_new(path: Path, data: bytes) -> None:
    """Create `path` with `data`, owner-only, in a folder made as :func:`secure_folder`
    makes it; never replace a file that is there (O_EXCL: FileExistsError). For files a
    person starts from (planner init), where an existing one is theirs to keep."""
    refuse_cpr_in_path(path)
    secure_folder(path.parent, display_path(path))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # the umask may have narrowed it; never widened
        write_synced(fd, data)
    finally:
        os.close(fd)
    fsync_folder(path.parent)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: the old file stays whole until the new is safe.

    temp file (0600, same folder) -> write -> fsync -> rename over `path` -> fsync folder.
    Raises SaveFailed naming the cause; the previous file is then untouched.
    """
    refuse_cpr_in_path(path)
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
            write_synced(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
        fsync_folder(folder)
    except OSError as error:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        kept = "io.not_saved.kept" if existed else "io.not_saved.new"
        raise SaveFailed(
            [Problem(shown, "", Msg("io.not_saved", reason=explain(error)), Msg(kept))],
            error.errno,
        ) from None


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in `folder` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
