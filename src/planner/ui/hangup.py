"""A hang-up always ends the app, within a few seconds, whatever state Textual is in.

When the SSH connection drops, the kernel sends SIGHUP (and SIGCONT) and the terminal is
gone: every write to it fails. The app must then end by itself, with the team's lock
released and the journal on disk, so that the next leader is not told "in use" for ever.
Two things stood in the way:

* asyncio signal handlers run in the event loop, so a loop that is stuck never runs them.
  :class:`HangUpGuard` installs plain Python signal handlers instead: they run in the main
  thread between any two bytecodes, even while the loop is blocked in a lock. The handler
  only wakes a watchdog thread (started beforehand: starting a thread inside a signal
  handler could deadlock) and asks the loop for a clean exit. The watchdog releases the
  lock and fsyncs the journal at once, gives the clean exit ~2 s, then ends the process
  with ``os._exit``: the journal already holds every move.
* Textual's writer thread is the only consumer of a bounded queue (30 slots). On a dead
  terminal it dies at its first write, the driver keeps it, and after 30 more writes
  ``queue.put`` blocks the event loop for good; the SIGCONT that comes with a hang-up even
  restarts application mode onto the dead terminal (Textualize/textual issue 6692, open
  for Textual 8.2.8). :class:`HangUpSafeDriver` guards against it in our code: a write
  never waits on a writer thread that is no longer alive, and after SIGHUP nothing more is
  written and SIGCONT restarts nothing. Remove the driver when Textual fixes the issue
  (``test_textual_issue_6692_still_blocks`` in tests/test_hangup.py will say so).
* A SIGHUP need not mean the terminal is gone: sent by hand (``kill -HUP``), or SIGTERM,
  the terminal still works and must be left as it was found (main screen, no mouse
  reporting, cursor shown), or the leader's shell is unusable. Textual's own restore goes
  through the writer thread, which after a hang-up is not to be trusted, so
  :func:`restore_terminal` writes it to the terminal directly, on a file of its own opened
  without blocking, with a deadline: on a terminal that is really gone it fails at once
  and the exit goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

GRACE_S = 2.0  # for the clean exit, before the process is ended hard
HANG_UP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
# How often a write waiting on a full queue looks whether the writer thread still lives.
_POLL_S = 0.1
# What Textual's stop_application_mode writes, in its order: bracketed paste off, line wrap
# on, in-band resize off, mouse reporting off (every mode it may have set), the Kitty
# keyboard protocol popped, the main screen back, the cursor shown, focus events off.
RESTORE = (
    "\x1b[?2004l\x1b[?7h\x1b[?2048l"
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l"
    "\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l"
)
RESTORE_S = 0.5  # at most this long for a terminal that is there but slow to take it

try:  # POSIX only; elsewhere there are no hang-ups of this kind and Textual's own driver
    from textual.drivers.linux_driver import LinuxDriver
except ImportError:  # pragma: no cover - Windows
    LinuxDriver = None  # type: ignore[assignment,misc]


class HangUpGuard:
    """SIGHUP and SIGTERM end the process: release at once, clean exit, else `os._exit`.

    Install it before the session takes the team's lock; set :attr:`release` once the
    session exists; :meth:`attach` the running app (its loop and how to end it cleanly).
    """

    def __init__(self, *, grace_s: float = GRACE_S, exit_code: int = 0) -> None:
        self.grace_s = grace_s
        self.exit_code = exit_code
        # Release the lock and fsync the journal: thread-safe and idempotent.
        self.release: Callable[[], None] | None = None
        self.hung_up = threading.Event()
        self.signal_number: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._clean_exit: Callable[[], None] | None = None
        self._on_hang_up: list[Callable[[int], None]] = []
        self._before_exit: list[Callable[[], None]] = []
        self._previous: dict[int, Any] = {}
        self._released = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, name="planner-hang-up", daemon=True)

    def install(self) -> None:
        """Take SIGHUP and SIGTERM (main thread only, as for any signal handler)."""
        self._watchdog.start()
        for signum in HANG_UP_SIGNALS:
            self._previous[signum] = signal.signal(signum, self._on_signal)

    def uninstall(self) -> None:
        if self.hung_up.is_set():
            # The clean exit can outrun the watchdog: let its release (lock, journal fsync)
            # finish before the process ends, so a hang-up always lets the team go at once.
            self._released.wait(1.0)
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous.clear()

    def attach(
        self,
        loop: asyncio.AbstractEventLoop,
        clean_exit: Callable[[], None],
        on_hang_up: Callable[[int], None] | None = None,
        before_exit: Callable[[], None] | None = None,
    ) -> None:
        """The app runs: a hang-up asks `loop` to call `clean_exit`; `on_hang_up` is told
        the signal at once, in the signal handler (it must be quick and take no locks);
        `before_exit` runs in the watchdog when the process is ended hard (it must never
        block: it restores the terminal)."""
        self._loop, self._clean_exit = loop, clean_exit
        if on_hang_up is not None:
            self._on_hang_up.append(on_hang_up)
        if before_exit is not None:
            self._before_exit.append(before_exit)
        if self.hung_up.is_set():  # it came before the app was running
            if on_hang_up is not None and self.signal_number is not None:
                on_hang_up(self.signal_number)
            loop.call_soon(clean_exit)

    def _on_signal(self, signum: int, _frame: object) -> None:
        # Runs in the main thread, between two bytecodes of whatever it was doing.
        first = not self.hung_up.is_set()
        self.signal_number = signum
        self.hung_up.set()  # wakes the watchdog
        if not first:
            return
        for callback in self._on_hang_up:
            with contextlib.suppress(Exception):
                callback(signum)
        loop, clean_exit = self._loop, self._clean_exit
        if loop is not None and clean_exit is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed meanwhile
                loop.call_soon_threadsafe(clean_exit)

    def _watch(self) -> None:
        self.hung_up.wait()
        release = self.release
        if release is not None:
            with contextlib.suppress(Exception):  # nothing may keep the process alive
                release()
        self._released.set()
        # The clean exit ends the process before this sleep does (this thread is a daemon).
        threading.Event().wait(self.grace_s)
        for callback in self._before_exit:
            with contextlib.suppress(Exception):
                callback()
        os._exit(self.exit_code)


@contextlib.contextmanager
def ending_on_hang_up(*, grace_s: float = GRACE_S) -> Iterator[HangUpGuard]:
    """A :class:`HangUpGuard` installed for the duration of the block."""
    guard = HangUpGuard(grace_s=grace_s)
    guard.install()
    try:
        yield guard
    finally:
        guard.uninstall()


def restore_terminal(fd: int, deadline_s: float = RESTORE_S) -> bool:
    """Write :data:`RESTORE` to the terminal behind `fd` without ever blocking: on a new
    file of its own, opened non-blocking (the writer thread's file is left alone), giving
    up after `deadline_s` or at the first sign the terminal is gone. True when all of it
    was written."""
    try:
        path = os.ttyname(fd)
        out = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        return False  # not a terminal, or one that is gone (EIO, ENXIO, ENOENT)
    data = RESTORE.encode()
    end = time.monotonic() + deadline_s
    try:
        while data:
            try:
                data = data[os.write(out, data) :]
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EINTR):
                    return False
                if time.monotonic() >= end:
                    return False
                time.sleep(0.01)
        return True
    finally:
        os.close(out)


def drop_pending(writer: threading.Thread) -> None:
    """Forget what the writer thread has not written yet (frames drawn before a hang-up
    must not land after the restore), never waiting long for the queue's lock."""
    pending: queue.Queue[str | None] = writer._queue  # type: ignore[attr-defined]
    if pending.mutex.acquire(timeout=_POLL_S):
        try:
            pending.queue.clear()
            pending.not_full.notify_all()
        finally:
            pending.mutex.release()


def put_unless_dead(writer: threading.Thread, item: str | None, gone: Callable[[], bool]) -> bool:
    """Queue `item` for Textual's writer thread, waiting while the queue is full only as long
    as the thread lives (and `gone()` is false). False when the item was dropped."""
    pending: queue.Queue[str | None] = writer._queue  # type: ignore[attr-defined]
    while True:
        try:
            pending.put(item, timeout=_POLL_S)
            return True
        except queue.Full:
            if not writer.is_alive() or gone():
                return False


if LinuxDriver is not None:

    class HangUpSafeDriver(LinuxDriver):
        """Textual's Linux driver, guarded against Textualize/textual issue 6692.

        Upstream, :meth:`write` and :meth:`close` put into the writer thread's bounded
        queue and wait for good once that thread has died with the terminal. Here they
        never wait on a dead writer; after :meth:`terminal_gone` nothing is written at all,
        and the SIGCONT that comes with a hang-up restarts nothing. Remove this class (and
        ``PlanningApp.get_driver_class``) when Textual has fixed the issue.
        """

        _terminal_gone = False

        def terminal_gone(self) -> None:
            """The terminal has hung up: drop every further write (signal-handler safe)."""
            self._terminal_gone = True

        def write(self, data: str) -> None:
            writer = self._writer_thread
            if self._terminal_gone or writer is None:
                return
            put_unless_dead(writer, data, lambda: self._terminal_gone)

        def close(self) -> None:
            writer = self._writer_thread
            if writer is None:
                return
            if put_unless_dead(writer, None, lambda: self._terminal_gone):
                while writer.is_alive() and not self._terminal_gone:
                    writer.join(_POLL_S)

        def _sigcont_application(self, *args: Any) -> None:
            if not self._terminal_gone:
                super()._sigcont_application(*args)

        def stop_application_mode(self) -> None:
            # Upstream's writes are dropped after a hang-up (its terminal settings are
            # restored directly); the screen, mouse and cursor are restored here.
            super().stop_application_mode()
            if self._terminal_gone:
                self.restore_terminal()

        _restored = False

        def restore_terminal(self) -> None:
            """After a hang-up: leave the terminal as it was found if it is still there
            (a SIGHUP sent by hand), without waiting on it if it is not. Once."""
            if self._restored:
                return
            self._restored = True
            writer = self._writer_thread
            if writer is not None:
                drop_pending(writer)
            with contextlib.suppress(Exception):
                restore_terminal(self._file.fileno())


def hang_up_safe(driver_class: type) -> type:
    """The driver class to use: Textual's Linux driver gets the 6692 guard; any other (the
    web driver of `planner serve`, the headless one of tests) is used as it is."""
    if LinuxDriver is not None and driver_class is LinuxDriver:
        return HangUpSafeDriver
    return driver_class


__all__ = [
    "GRACE_S",
    "HANG_UP_SIGNALS",
    "HangUpGuard",
    "ending_on_hang_up",
    "hang_up_safe",
    "put_unless_dead",
    "restore_terminal",
]
