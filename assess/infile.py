"""Opening input files: regular files only, and never more than a cap read.

Every input (questionnaire, catalogue, mapping, form export, response, JSON-lines file)
is opened here. A FIFO would hang a read, ``/dev/zero`` would fill memory, a symbolic-link
loop or an odd name would raise from deep inside a library: each is refused with a reason
(``NotReadable``) that the caller shows with the file's name.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Generator

MAX_INPUT_BYTES = 5 * 1024 * 1024
"""A questionnaire, mapping, form export, response file or JSON-lines record."""

OPEN_FLAGS = (  # (also used by assess.team.inputs)
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once (and is then refused)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_BLOCK = 1 << 20


class NotReadable(Exception):
    """Why an input cannot be read; ``reason`` is a phrase such as "file not found"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def megabytes(size: int) -> str:
    """``5 MB``, ``4.9 MB``, ``512 kB``."""
    if size < 1 << 20:
        return f"{size / 1024:.0f} kB"
    return f"{size / 1048576:.1f}".removesuffix(".0") + " MB"


def too_big(size: int | None, limit: int, what: str) -> NotReadable:
    shown = f"is {megabytes(size)}" if size is not None else "is larger than that"
    return NotReadable(f"{what} may be at most {megabytes(limit)}; this one {shown}")


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO (named pipe)"), else None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _why(exc: OSError, path: str | os.PathLike[str]) -> str:
    if exc.errno == errno.ENOENT:
        return "a link to a missing file (broken link)" if os.path.islink(path) else "not found"
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    if exc.errno == errno.ENAMETOOLONG:
        return "a file name that is too long"
    if exc.errno == errno.EACCES:
        return "not readable (permission denied)"
    return f"not readable ({exc.strerror or exc})"


def refusal(path: str | os.PathLike[str], exc: OSError) -> NotReadable:
    """The reason an ``OSError`` on opening ``path`` gives, as a ``NotReadable``."""
    why = _why(exc, path)
    return NotReadable("file not found" if why == "not found" else f"is {why}")


def open_regular(path: str | os.PathLike[str]) -> tuple[int, os.stat_result]:
    """An open descriptor of a regular file and its stat; ``NotReadable`` otherwise.

    Symbolic links are followed (a link to a response is fine); a loop, a broken link, a
    FIFO, a device, a socket or a folder is refused without blocking."""
    try:
        fd = os.open(path, OPEN_FLAGS)
    except OSError as exc:
        raise refusal(path, exc) from None
    except ValueError:  # an embedded NUL
        raise NotReadable("has a NUL character in its name") from None
    try:
        info = os.fstat(fd)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise NotReadable(f"is {kind}, not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_regular(path: str | os.PathLike[str], limit: int, what: str = "a file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``NotReadable`` otherwise.

    Never reads more than ``limit`` + 1 bytes, even from a file that grows while read."""
    fd, info = open_regular(path)
    try:
        if info.st_size > limit:
            raise too_big(info.st_size, limit, what)
        try:
            # One read covers the file (a regular file reads short only at its end);
            # st_size is a hint only (files under /proc say 0), so read on if it filled.
            want = min(max(info.st_size + 1, 1 << 16), limit + 1)
            data = os.read(fd, want)
            if len(data) < want:
                return data
            parts = [data]
            total = len(data)
            while total <= limit:
                more = os.read(fd, min(_BLOCK, limit + 1 - total))
                if not more:
                    break
                parts.append(more)
                total += len(more)
        except OSError as exc:
            raise NotReadable(f"cannot be read ({exc.strerror or exc})") from None
        if total > limit:
            raise too_big(None, limit, what)
        return b"".join(parts)
    finally:
        os.close(fd)


def count_records(path: str | os.PathLike[str], limit: int) -> int:
    """About how many records ``records`` will yield, for a progress bar and to size
    arrays, without reading the file through: its size over the length of the lines of
    its first block (the line ends of a file that fits in a block, a blank line
    counted too)."""
    del limit  # (a line over it is a record too: listed as skipped)
    fd, info = open_regular(path)
    with os.fdopen(fd, "rb", buffering=0) as handle:
        block = handle.read(_BLOCK)
    ends = block.count(b"\n")
    if b"\r" in block:
        ends += block.count(b"\r") - block.count(b"\r\n")
    if len(block) < _BLOCK:  # the whole file
        return ends + (1 if block and block[-1:] not in b"\r\n" else 0)
    if not ends:  # (one line longer than a block, at least)
        return max(1, info.st_size // (len(block) * 4))
    # (at most one a 100 bytes, the least a response takes: a first block of short lines
    # must not size arrays for far more records than the file can hold)
    return max(1, min(round(info.st_size * ends / len(block)), info.st_size // 100))


def records(
    path: str | os.PathLike[str], limit: int, start: int = 0, stop: int | None = None
) -> Generator[tuple[int, bytes | None], None, int]:
    """(line number, bytes) of each non-blank line of a JSON-lines file, or (number,
    None) for a line over ``limit`` bytes, which is passed over without being kept;
    returns the number of lines (blank ones too).

    Read a block at a time, so a line of any length costs no more memory than the cap.
    Lines are numbered as ``bytes.splitlines`` numbers them: LF, CR and CRLF end a line.
    ``start``/``stop``: only the bytes from ``start`` to ``stop``, a range that begins
    just after a line feed (or at 0), its lines numbered from 1 (``team.parallel``)."""
    fd, _ = open_regular(path)
    number = 0
    current = bytearray()  # a line that runs on past the end of a block
    too_long = False
    after_cr = False
    left = -1 if stop is None else stop - start  # (bytes still to read; -1: to the end)

    def read_block() -> bytes:
        nonlocal left
        if left < 0:
            return handle.read(_BLOCK)
        block = handle.read(min(_BLOCK, left))
        left -= len(block)
        return block

    with os.fdopen(fd, "rb", buffering=0) as handle:
        if start:
            handle.seek(start)
        for block in iter(read_block, b""):
            if after_cr and block.startswith(b"\n"):  # a CRLF split between two blocks
                block = block[1:]
            if not after_cr and b"\r" not in block:  # the usual file: LF alone ends a line
                pieces = block.split(b"\n")
                tail = pieces.pop()  # (runs on into the next block; b"" after a last LF)
                if current or too_long:  # the line that ran on from the last block
                    head = pieces[0] if pieces else tail
                    if not pieces:
                        if not too_long and len(current) + len(head) <= limit:
                            current += head
                        else:
                            too_long, current = True, bytearray()
                        continue
                    number += 1
                    too_long = too_long or len(current) + len(head) > limit
                    if too_long:
                        yield number, None
                    else:
                        body = bytes(current) + head
                        if body.strip():
                            yield number, body
                    current, too_long = bytearray(), False
                    pieces = pieces[1:]
                for body in pieces:
                    number += 1
                    if len(body) > limit:
                        yield number, None
                    elif body[:1] == b"{" or body.strip():  # (not blank)
                        yield number, body
                if tail:
                    if len(tail) <= limit:
                        current += tail
                    else:
                        too_long = True
                after_cr = False
                continue
            for piece in block.splitlines(keepends=True):
                ended = piece.endswith((b"\n", b"\r"))
                body = piece.rstrip(b"\r\n") if ended else piece
                if not ended:  # (only the last piece of a block)
                    if not too_long and len(current) + len(body) <= limit:
                        current += body
                    else:
                        too_long, current = True, bytearray()
                    continue
                number += 1
                if current or too_long:
                    too_long = too_long or len(current) + len(body) > limit
                    body = b"" if too_long else bytes(current) + body
                if too_long or len(body) > limit:
                    yield number, None
                elif body.strip():
                    yield number, body
                current, too_long = bytearray(), False
            after_cr = block.endswith(b"\r")
    if current or too_long:
        number += 1
        if too_long:
            yield number, None
        elif current.strip():
            yield number, bytes(current)
    return number
