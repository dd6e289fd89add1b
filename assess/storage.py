"""Response files: safe names, atomic writes, locks, and what an existing file holds.

No UI here: the survey (and anything else) calls these to never lose an answer.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from assess.errors import ResponseError, UserError
from assess.outfile import OutputError, check_target, write_atomic

__all__ = ["write_atomic"]  # (re-exported: where response files have always been written)

if TYPE_CHECKING:  # imported where used: the first screen is drawn before pydantic loads
    from assess.model.questionnaire import Questionnaire
    from assess.model.response import Response

DEFAULT_RESPONSES_DIR = Path("responses")
_UNSAFE = re.compile(r"[^\w.-]+")


def safe_stem(name: str, fallback: str = "respondent", max_length: int = 80) -> str:
    """A file-name stem from a person's name: no separators, no '..', no control chars."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _UNSAFE.sub("-", text.strip().lower())
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"-{2,}", "-", text).strip(".-_")
    return text[:max_length].strip(".-_") or fallback


def path_inside(folder: Path, filename: str) -> Path:
    """``folder/filename``, refusing anything that would land outside ``folder``."""
    target = (folder / filename).resolve()
    if target.parent != folder.resolve():
        raise ValueError(f"{filename!r} would be written outside {folder}")
    return folder / filename


def person_stem(name: str) -> str:
    """The file-name stem for a person's name: readable, and never the same for two
    names that differ in more than case and spacing.

    A name that ``safe_stem`` keeps whole ("Ann Lee" -> ``ann-lee``) is its stem; any
    other ("Jean-Luc", "..", "!!!", an emoji, a name cut at 80 characters) gets 10 hex
    digits of a hash of the name after ``--``, which no kept-whole stem contains
    (``jean-luc--5d41402abc``): "Bob" and "bob" share a file, "Bob!" and "Bob?" do not."""
    key = " ".join(unicodedata.normalize("NFKC", name).split()).lower()
    stem = safe_stem(name)
    if "-" not in key and stem.replace("-", " ") == key:
        return stem
    return f"{stem}--{hashlib.sha256(key.encode()).hexdigest()[:10]}"


def default_response_path(
    name: str, folder: Path = DEFAULT_RESPONSES_DIR, suffix: str = ".json"
) -> Path:
    return path_inside(folder, person_stem(name) + suffix)


# -- a person's folder: earlier assessments and other people's ratings -----------------------
#
#   responses/ada-lovelace.json                               the newest self-assessment
#   responses/ada-lovelace/history/2026-03-02.json            earlier ones, by the day they ended
#   responses/ada-lovelace/ratings/manager--grace-hopper.json other people's ratings of Ada
#   responses/ada-lovelace/ratings/peer--sam-lee--2.json      (a second rater of that name)
#
# A folder walk for a team (``assess team``, ``assess items``) passes over folders named
# ``history`` and ``ratings``: a team view counts each person once, from their newest
# self-assessment. Naming such a folder on the command line reads it.

HISTORY = "history"
"""Earlier assessments of the response file beside the folder."""
RATINGS = "ratings"
"""Other people's ratings of the person whose response file is beside the folder."""
PERSON_FOLDERS = frozenset({HISTORY, RATINGS})
RELATIONS = ("manager", "peer")
"""How a rater relates to the person rated (``assess.model.response.Relation``)."""


def person_folder(path: Path) -> Path:
    """What belongs with the response file ``path``: ``responses/ada.json`` ->
    ``responses/ada/``."""
    return path.with_name(path.stem) if path.suffix else path.with_name(path.name + ".d")


def history_folder(path: Path) -> Path:
    """Where earlier assessments of the response file ``path`` are kept."""
    return person_folder(path) / HISTORY


def ratings_folder(path: Path) -> Path:
    """Where other people's ratings of the person of response file ``path`` are kept."""
    return person_folder(path) / RATINGS


def rating_path(
    about: str, relation: str, rater: str, folder: Path = DEFAULT_RESPONSES_DIR, number: int = 1
) -> Path:
    """The file of ``rater``'s rating (as ``relation``) of the person named ``about``:
    ``responses/<about>/ratings/<relation>--<rater>.json``; ``number`` 2, 3... for
    another rater of the same name (``...--2.json``: no person's stem ends so)."""
    if relation not in RELATIONS:
        raise ValueError(f"a rater is a manager or a peer, not {relation!r}")
    subject = default_response_path(about, folder)
    stem = f"{relation}--{person_stem(rater)}" + (f"--{number}" if number > 1 else "")
    return path_inside(ratings_folder(subject), stem + ".json")


def rated_person_path(path: Path) -> Path | None:
    """The self-assessment file of the person a rating file in the layout is about
    (``responses/ada/ratings/x.json`` -> ``responses/ada.json``); None for a file that is
    not in a ``ratings`` folder."""
    if path.parent.name != RATINGS:
        return None
    person = path.parent.parent
    return person.with_name(person.name + ".json")


def retire(path: Path, ended: datetime) -> Path:
    """Move the response file ``path`` into its history folder as ``YYYY-MM-DD.json``
    (the day ``ended``; ``--2``, ``--3``... on a day already taken): a retake keeps every
    earlier assessment. Never replaces a file; returns where it went."""
    folder = history_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    day = ended.strftime("%Y-%m-%d")
    number = 1
    while True:
        target = folder / (f"{day}.json" if number == 1 else f"{day}--{number}.json")
        number += 1
        try:
            os.link(path, target)  # fails if the name exists: nothing is replaced
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: claim the name, then fill it
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                continue
            os.replace(path, target)
        else:
            os.unlink(path)
        return target


def save_response(path: Path, response: Response) -> None:
    write_atomic(path, response.model_dump_json(indent=2) + "\n")


def backup(path: Path) -> Path:
    """Rename ``path`` to a timestamped ``.bak`` beside it; return the backup's path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{stamp}-{counter}.bak")
        counter += 1
    os.replace(path, target)
    return target


class ResponseInUse(UserError):
    """The response file is open in another survey."""


class ResponseLock:
    """An exclusive lock on a response file while a survey has it open, so two surveys
    never write the same file (the later would silently drop the earlier's answers).

    The lock is ``flock`` on a hidden ``.NAME.lock`` file beside it: the system lets go
    of it when the process ends in any way (``kill -9`` too), so it is never stale. The
    file says who holds it, for the message the other survey shows."""

    def __init__(self, path: Path) -> None:
        import fcntl
        import socket

        self.path = path
        self.lock_path = path.with_name(f".{path.name}.lock")
        path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno not in (errno.EWOULDBLOCK, errno.EACCES, errno.EAGAIN):
                    raise
                raise ResponseInUse(
                    f"{path} is open in another survey ({self._holder()}); finish or "
                    "quit that one first (its answers are saved as they are given), or "
                    "answer into another file with -o"
                ) from None
            # The holder before us may have removed the file after we opened it: then
            # this lock is on a file nobody else will see; take the one at the path.
            try:
                same = os.stat(self.lock_path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        self._fd: int | None = fd
        stamp = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {socket.gethostname()} {stamp}\n".encode())

    def _holder(self) -> str:
        try:
            pid, host, day, time = self.lock_path.read_text("utf-8").split()[:4]
        except (OSError, ValueError, UnicodeDecodeError):
            return "another process"
        return f"process {pid} on {host}, since {day} {time}"

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.lock_path.unlink()
        os.close(self._fd)  # (unlinked first: a waiting survey then re-checks the path)
        self._fd = None


def claim(path: Path, held: ResponseLock | None = None) -> ResponseLock | None:
    """The lock on ``path`` for a survey (``held`` if it is already that one); None if
    the folder cannot be written (the survey's first save then says so);
    ``ResponseInUse`` if another survey has the file open."""
    if held is not None and held.path == path:
        return held
    try:
        return ResponseLock(path)
    except ResponseInUse:
        raise
    except OSError:
        return None


def in_use(path: Path) -> bool:
    """Whether a survey has ``path`` open (see ``ResponseLock``)."""
    import fcntl

    try:
        fd = os.open(path.with_name(f".{path.name}.lock"), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def place_response(
    finished: Path, folder: Path, stem: str, taken: set[str], overwrite: bool
) -> Path:
    """Move the finished file ``finished`` to ``folder/STEM.json``, or ``STEM--2.json``,
    ``STEM--3.json``... (no person's stem has ``--`` followed by a short number): the
    first name not ``taken`` in this run and, unless ``overwrite``, not an existing file.
    A file a survey has open, a link or a special file is never replaced."""
    number = 1
    while True:
        name = f"{stem}.json" if number == 1 else f"{stem}--{number}.json"
        number += 1
        target = folder / name
        if name in taken:
            continue
        if overwrite and not in_use(target):
            try:
                check_target(target)
            except OutputError:
                continue
            os.replace(finished, target)
        else:
            try:
                os.link(finished, target)  # fails if the name exists: nothing is replaced
            except FileExistsError:
                continue
            except OSError:  # a file system without hard links: claim the name, then fill it
                try:
                    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                except FileExistsError:
                    continue
                os.replace(finished, target)
            else:
                os.unlink(finished)
        taken.add(name)
        return target


class Existing(Enum):
    """What is already at a response path."""

    NONE = "none"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    OTHER_QUESTIONNAIRE = "other_questionnaire"
    CORRUPT = "corrupt"


@dataclass(frozen=True)
class ExistingFile:
    kind: Existing
    response: Response | None = None
    reason: str = ""


def inspect_existing(path: Path, q: Questionnaire) -> ExistingFile:
    """Classify the file at ``path`` for questionnaire ``q`` (never modifies it)."""
    if not path.exists():
        return ExistingFile(Existing.NONE)
    from assess.loading import load_response
    from assess.model.response import Status

    try:
        response = load_response(path)
    except ResponseError as exc:
        return ExistingFile(Existing.CORRUPT, reason=exc.problems[0].message)
    if (response.questionnaire_id, response.questionnaire_version) != (q.id, q.version):
        return ExistingFile(
            Existing.OTHER_QUESTIONNAIRE,
            response,
            f"it holds answers to '{response.questionnaire_id}' version "
            f"{response.questionnaire_version}, not '{q.id}' version {q.version}",
        )
    unknown = set(response.answers) - {x.id for x in q.questions}
    if unknown:
        return ExistingFile(
            Existing.CORRUPT,
            response,
            f"it answers unknown questions: {', '.join(sorted(unknown))}",
        )
    kind = Existing.COMPLETE if response.status == Status.complete else Existing.IN_PROGRESS
    return ExistingFile(kind, response)
