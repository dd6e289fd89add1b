"""Writing outputs all-or-nothing.

Every file assess writes (responses, reports, CSV sets, workbooks, imported responses)
is written to a temporary file beside its target and renamed over it only once complete
and flushed to disk, so an interrupt, a full disk or ``kill -9`` leaves the previous
version or nothing, never half a file. A set of files (the CSV exports) is moved into
place together, with signals held off for the few renames. A target that is a symbolic
link or a special file (``/dev/full``, a FIFO) is refused, not replaced.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from assess.errors import UserError
from assess.infile import kind_of

_TEMP_PREFIX = ".assess-"
"""Temporary files and folders start with a dot: a team batch never reads them."""


class OutputError(UserError, OSError):
    """An output that cannot be written; the previous version of it is unchanged.

    Also an ``OSError`` whose ``strerror`` is the reason alone, for callers that report
    failed writes their own way (the survey keeps its answers and says why)."""

    exit_code = 1

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.strerror = reason


def check_target(path: Path) -> None:
    """Refuse to replace a symbolic link or anything but a regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(path, str(exc.strerror or exc)) from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(
            path,
            "it is a symbolic link; assess does not write through links (name the file "
            "itself, or remove the link)",
        )
    kind = kind_of(info.st_mode)
    if kind is not None:
        raise OutputError(path, f"it is {kind}, not a regular file; assess will not replace it")


def _failed(path: Path, exc: OSError) -> OutputError:
    return OutputError(path, f"{exc.strerror or exc} (any earlier version of it is unchanged)")


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP off while the block runs, then act on any that
    came (so a few renames are never cut in half). Only in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {}
    for number in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if number is None or signal.getsignal(number) is signal.SIG_IGN:
            continue
        previous[number] = signal.signal(number, lambda got, _frame: caught.append(got))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if caught:
            signal.raise_signal(caught[0])


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; once the block ends without an
    error it is flushed and renamed over ``path``; otherwise it is removed."""
    check_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise _failed(path, exc) from None
    tmp = Path(name)
    try:
        yield tmp
        _fsync(tmp)
        with signals_held():
            check_target(path)
            os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _failed(path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` all-or-nothing (see the module's docstring)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(payload)


class FileSet:
    """Files written into a hidden temporary folder inside ``folder`` and moved into
    place together by ``commit``; nothing of them is in place before that."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._tmp = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=folder))
        except OSError as exc:
            raise _failed(folder, exc) from None
        self._names: list[str] = []
        self.written: list[Path] = []
        """The files in place, once committed."""

    def path(self, name: str, *, check: bool = True) -> Path:
        """Where to write the file that will be ``folder/name`` (``check``: refuse now a
        target that is a link or a special file, before anything is written)."""
        if check:
            check_target(self.folder / name)
        self._names.append(name)
        return self._tmp / name

    def commit(self, place: Callable[[Path, str], Path] | None = None) -> list[Path]:
        """Move every file into place: by default to ``folder/name``, replacing what is
        there; ``place(temporary file, name)`` moves one its own way and says where."""
        try:
            for name in self._names:
                _fsync(self._tmp / name)
            with signals_held():
                if place is None:
                    for name in self._names:
                        check_target(self.folder / name)
                    for name in self._names:
                        os.replace(self._tmp / name, self.folder / name)
                    self.written = [self.folder / name for name in self._names]
                else:
                    for name in self._names:
                        self.written.append(place(self._tmp / name, name))
        except OSError as exc:
            raise _failed(self.folder, exc) from None
        finally:
            self.discard()
        return self.written

    def discard(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)


@contextlib.contextmanager
def file_set(folder: Path) -> Iterator[FileSet]:
    """A ``FileSet``: committed when the block ends without an error, else discarded."""
    files = FileSet(folder)
    try:
        yield files
    except OSError as exc:
        files.discard()
        raise _failed(folder, exc) from None
    except BaseException:
        files.discard()
        raise
    files.commit()
