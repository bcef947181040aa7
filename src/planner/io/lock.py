"""One session per team: a lock file that says who holds the team, from where and since when.

Two leaders on one jump host must not plan the same team at once without knowing it. The
first session creates the lock with ``O_CREAT | O_EXCL`` (atomic: exactly one creator wins)
and writes its pid, host, user and start time into it (0600). A second session reads it and
is told who holds the team since when; it may open read-only.

The session also holds an ``fcntl.flock`` on the file for as long as it lives, so the
kernel itself says whether the holder is alive: the flock goes with the process, however it
ends (a kill, a crash, a hang-up cut short). A lock whose flock is free was left by a
process that is gone and is taken over. Lock files written before planner held the flock
say so by lacking ``"flock": true``; for those the old test remains: same host, and the pid
no longer alive or now belonging to a process started later. A lock from another host is
never taken over, as we cannot see its processes.

Where: beside the config file (``.planner-<team>.lock`` in the config's folder), so that
every user of a shared config sees it. When that folder cannot be written to, or anybody
may write to it, the lock goes to the user's state folder instead (it then guards against
a second session of the same user only, e.g. an old SSH session still running).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
import stat
import time
from dataclasses import dataclass
from datetime import datetime
from hashlib import sha256
from pathlib import Path

from planner.core.cpr import find_cpr, mask_all
from planner.core.text import is_simple_name
from planner.i18n import t
from planner.io.files import (
    FILE_MODE,
    fsync_folder,
    is_bundled_config,
    login_name,
    now,
    owner_name,
    secure_folder,
    user_state_dir,
)

# A lock file younger than this may still be being written by its creator.
_WRITING_GRACE_S = 2.0
# A takeover guard older than this was left by a process that died while taking over.
_GUARD_STALE_S = 10.0
# A lock holds a line of JSON; more is not a lock of ours.
_MAX_LOCK_BYTES = 4096


# How long a new lock's creator waits for its own flock: a second session may hold a shared
# flock on the new file for an instant while it looks at it.
_FLOCK_WAIT_S = 2.0


@dataclass(frozen=True, slots=True)
class LockInfo:
    pid: int  # 0 when the file could not be read (another user's 0600 lock)
    host: str
    user: str
    since: datetime
    flock: bool = False  # the holder keeps an flock on the file while it lives

    def describe(self, lang: str = "en") -> str:
        """Who holds the team, where and since when, in `lang`."""
        return t(
            "lock.holder",
            lang,
            user=self.user,
            host=t("lock.host", lang, host=self.host) if self.host else "",
            process=t("lock.process", lang, pid=self.pid) if self.pid else "",
            since=self.since.strftime("%d.%m.%Y %H:%M"),
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "pid": self.pid,
                "host": self.host,
                "user": self.user,
                "since": self.since.isoformat(),
                "flock": self.flock,
            }
        )


class LockHeld(Exception):
    """Another live session holds the team."""

    def __init__(self, info: LockInfo, path: Path) -> None:
        super().__init__(f"team is held by {info.describe()} ({path})")
        self.info = info
        self.path = path


def state_dir() -> Path:
    """$XDG_STATE_HOME/planner, else ~/.local/state/planner (the XDG default)."""
    return user_state_dir()


def _file_name_part(team_id: str) -> str:
    # teams.toml refuses other ids with a message; this keeps any other caller from
    # turning an id like '../x' into a path.
    if not is_simple_name(team_id):
        raise ValueError(f"team id {team_id!r} is not a simple name")
    return team_id


def session_key(config_path: Path, team_id: str) -> str:
    """<team>-<12 hex digits of the config's absolute path>: one name per team and config.

    About one path in a hundred hashes to ten digits that read as a CPR number, and
    planner never writes such a name (planner.io.files.refuse_cpr_in_path): the journal
    could never be saved. Those digests are written in the letters a-p instead (no key that
    worked before changes)."""
    _file_name_part(team_id)
    digest = sha256(str(config_path.resolve()).encode()).hexdigest()[:12]
    if find_cpr(digest):
        digest = digest.translate(_HEX_AS_LETTERS)
    return f"{team_id}-{digest}"


_HEX_AS_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def lock_path(config_path: Path, team_id: str) -> Path:
    folder = config_path.resolve().parent
    try:
        shared_ok = os.access(folder, os.W_OK | os.X_OK) and not (
            folder.stat().st_mode & stat.S_IWOTH
        )
    except OSError:
        shared_ok = False
    if shared_ok and not is_bundled_config(config_path):
        return folder / f".planner-{_file_name_part(team_id)}.lock"
    return state_dir() / f"{session_key(config_path, team_id)}.lock"


def _parse(data: bytes) -> LockInfo | None:
    try:
        raw = json.loads(data.decode("utf-8"))
        return LockInfo(
            int(raw["pid"]),
            str(raw["host"]),
            mask_all(str(raw["user"])),  # a login name from before it was masked
            datetime.fromisoformat(raw["since"]),
            raw.get("flock") is True,
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
        return None


def read_lock(path: Path) -> tuple[LockInfo | None, os.stat_result | None]:
    """The lock's holder (None: no lock, or not yet / badly written) and the file's stat."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        return None, None
    if not stat.S_ISREG(st.st_mode):
        # A FIFO, a device or a symlink where the lock belongs: never opened (a FIFO would
        # block for ever); read as a damaged lock, which is taken over once it is stale.
        return None, st
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            return _parse(os.read(fd, _MAX_LOCK_BYTES)), st
        finally:
            os.close(fd)
    except FileNotFoundError:
        return None, None
    except PermissionError:
        # Another user's 0600 lock: the owner and the time are all we may know.
        user = owner_name(st.st_uid)
        since = datetime.fromtimestamp(st.st_mtime).astimezone().replace(microsecond=0)
        return LockInfo(0, "", user, since), st
    except OSError:  # swapped for a symlink meanwhile (ELOOP), ...: a damaged lock
        return None, st


def _process_start(pid: int) -> tuple[float | None, bool]:
    """(start time as a Unix time, is a zombie) from /proc; (None, False) when unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        btime = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        ticks = os.sysconf("SC_CLK_TCK")
        return btime + int(fields[19]) / ticks, fields[0] == "Z"
    except (OSError, IndexError, ValueError, StopIteration):
        return None, False


def holder_alive(info: LockInfo) -> bool:
    """Whether the process named in a lock still runs (True when we cannot tell)."""
    if info.pid <= 0 or info.host != socket.gethostname():
        return True
    try:
        os.kill(info.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: alive
    started, zombie = _process_start(info.pid)
    if zombie:
        return False
    # A process that started after the lock was taken is another one with a reused pid.
    return not (started is not None and started > info.since.timestamp() + 2)


def flock_free(path: Path, expected: os.stat_result) -> bool | None:
    """Whether no live process holds the flock on the lock file `expected` describes: True
    (its holder is gone, or never held one), False (held), None (cannot tell: unreadable,
    or the file was replaced meanwhile)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        if os.fstat(fd).st_ino != expected.st_ino:
            return None
        try:
            # Shared and at once: it never blocks a holder, and is let go right away.
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError:
            return None  # a file system without flock: the pid test decides
        return True
    finally:
        os.close(fd)


def _hold_flock(fd: int) -> bool:
    """Take the exclusive flock on our own new lock file; False if the file system has none."""
    deadline = time.monotonic() + _FLOCK_WAIT_S
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        except OSError:
            return False


class TeamLock:
    """This session's hold on a team; release() when the session ends."""

    def __init__(
        self, path: Path, info: LockInfo, taken_over: LockInfo | None, fd: int | None = None
    ) -> None:
        self.path = path
        self.info = info
        self.taken_over = taken_over  # the dead session whose lock we took over
        self._fd = fd  # the open lock file holding our flock, until release()

    def release(self) -> None:
        """Remove the lock, but only while it is still ours; then let go of the flock."""
        try:
            current, _ = read_lock(self.path)
            if current == self.info:
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
        finally:
            fd, self._fd = self._fd, None
            if fd is not None:
                os.close(fd)

    def __enter__(self) -> TeamLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


def _create(path: Path, info: LockInfo) -> tuple[int, LockInfo] | None:
    """Create the lock exclusively and hold its flock: (the open file, what it says), or
    None when it exists already. The file stays open for the session's lifetime."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    except FileExistsError:
        return None
    try:
        # Only a lock whose flock we really hold may say so: another session takes a lock
        # saying "flock" with its flock free for a dead one.
        info = LockInfo(info.pid, info.host, info.user, info.since, _hold_flock(fd))
        os.fchmod(fd, FILE_MODE)
        os.write(fd, info.to_json().encode())
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        raise
    fsync_folder(path.parent)
    return fd, info


def _take_over(path: Path, stale: LockInfo | None, stale_stat: os.stat_result) -> bool:
    """Replace a dead session's lock; only one of several racing sessions may do it.

    A guard file (O_EXCL) admits one taker; it checks that the lock is still the stale one
    (same inode and contents) before removing it. The caller then creates its own.
    """
    guard = path.with_name(path.name + ".takeover")
    try:
        fd = os.open(guard, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    except FileExistsError:
        with contextlib.suppress(OSError):
            if time.time() - guard.stat().st_mtime > _GUARD_STALE_S:
                guard.unlink()
        return False
    os.close(fd)
    try:
        current, current_stat = read_lock(path)
        if current_stat is None:
            return True  # gone meanwhile: free to create
        if current != stale or current_stat.st_ino != stale_stat.st_ino:
            return False  # someone else's fresh lock
        if flock_free(path, current_stat) is False:
            return False  # its holder lives after all
        path.unlink()
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            guard.unlink()


def _gone(holder: LockInfo, free: bool | None) -> bool:
    """A lock from this host whose holder kept an flock that is now free: its process is
    gone, whatever its pid now names."""
    return free is True and holder.flock and holder.host == socket.gethostname()


def acquire(config_path: Path, team_id: str, *, path: Path | None = None) -> TeamLock:
    """Hold the team for this session, or raise LockHeld naming who holds it since when."""
    path = path or lock_path(config_path, team_id)
    secure_folder(path.parent)
    info = LockInfo(os.getpid(), socket.gethostname(), login_name(), now())
    taken_over: LockInfo | None = None
    deadline = time.monotonic() + 5.0
    while True:
        created = _create(path, info)
        if created is not None:
            fd, held = created
            return TeamLock(path, held, taken_over, fd)
        holder, st = read_lock(path)
        if st is None:
            continue  # released between our two calls: try again
        free = flock_free(path, st)
        if holder is None:
            # Empty or damaged: its creator may be writing it right now.
            if free is not True and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            if time.time() - st.st_mtime < _WRITING_GRACE_S and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
        elif free is False:
            raise LockHeld(holder, path)  # the kernel says its holder lives
        elif not _gone(holder, free) and holder_alive(holder):
            raise LockHeld(holder, path)
        if _take_over(path, holder, st):
            taken_over = holder
        elif time.monotonic() > deadline:
            current, _ = read_lock(path)
            raise LockHeld(current or holder or info, path)
        else:
            time.sleep(0.05)


__all__ = [
    "LockHeld",
    "LockInfo",
    "TeamLock",
    "acquire",
    "flock_free",
    "holder_alive",
    "lock_path",
    "read_lock",
    "session_key",
    "state_dir",
]
