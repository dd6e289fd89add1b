"""The files a folder walk found, sorted, in a few bytes each.

A folder of 100,000 response files listed as Python strings takes about 100 bytes a file
(the string's header, the folder's path again in every name, the list's pointer), so the
memory of a command that streams its results (``assess score``) would grow with the
number of files. Here each file is its path below the folder walked, UTF-8 encoded, in
one numpy array of fixed-width bytes (``r000123.json``: 12 bytes), sorted there: UTF-8
bytes sort as their code points do, so the order is exactly that of the paths as strings.
Names that are not valid UTF-8 (undecodable bytes kept as surrogates), or of lengths so
uneven that the fixed width would waste the saving, are kept as a plain sorted list.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

import numpy as np

_BLOCK = 8192
"""Paths gathered as strings before they are packed (bounds the strings held at once)."""


class FileNames(Sequence[str]):
    """Sorted paths: ``root`` followed by each packed tail."""

    def __init__(self, root: str, tails: np.ndarray) -> None:
        self.root = root
        self.tails = tails

    def __len__(self) -> int:
        return len(self.tails)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> FileNames: ...

    def __getitem__(self, index: int | slice) -> str | FileNames:
        if isinstance(index, slice):
            return FileNames(self.root, self.tails[index])
        return self.root + bytes(self.tails[index]).decode()

    def __iter__(self) -> Iterator[str]:
        root = self.root
        for start in range(0, len(self.tails), _BLOCK):
            for tail in self.tails[start : start + _BLOCK].tolist():
                yield root + tail.decode()


class Collector:
    """Gathers the paths a walk of ``root`` finds (each starts with ``root``)."""

    def __init__(self, root: str) -> None:
        self.root = root
        self._strings: list[str] = []
        self._blocks: list[np.ndarray] = []
        self._plain: list[str] | None = None  # (once a tail cannot be packed)
        self._bytes = 0

    def add(self, path: str) -> None:
        if self._plain is not None:
            self._plain.append(path)
            return
        self._strings.append(path)
        if len(self._strings) == _BLOCK:
            self._pack()

    def _pack(self) -> None:
        cut = len(self.root)
        try:
            tails = [path[cut:].encode() for path in self._strings]
        except UnicodeEncodeError:  # (a surrogate: sorted as a string, not as UTF-8)
            self._plain = self._unpacked() + self._strings
            self._blocks, self._strings = [], []
            return
        self._bytes += sum(map(len, tails))
        self._blocks.append(np.array(tails, dtype=bytes))
        self._strings = []

    def _unpacked(self) -> list[str]:
        return [path for block in self._blocks for path in FileNames(self.root, block)]

    def sorted(self) -> Sequence[str]:
        """Every path found, sorted as strings sort."""
        if self._strings:
            self._pack()
        if self._plain is not None:
            self._plain.sort()
            return self._plain
        if not self._blocks:
            return []
        tails = np.concatenate(self._blocks) if len(self._blocks) > 1 else self._blocks[0]
        self._blocks = []
        if tails.itemsize * len(tails) > 4 * self._bytes + 64 * len(tails):
            # (one long path among short ones: the fixed width would cost more than strings)
            return sorted(FileNames(self.root, tails))
        tails.sort()
        return FileNames(self.root, tails)
