"""The text of `assess score` results besides their JSON (``result_json``): the other
raters' view added to a result, and the CSV rows, made a chunk at a time from the scored
arrays (``result_writer`` writes them out, so memory stays flat however many responses
there are)."""

from __future__ import annotations

import os
from pathlib import Path

import msgspec

from assess.result_fragments import Numbers, numbers
from assess.result_json import FormText
from assess.safetext import for_spreadsheet, json_for_terminal
from assess.storage import person_folder, ratings_folder
from assess.team.forms import Form
from assess.team.stream import Scored

_encode = msgspec.json.encode
__all__ = ["CsvText", "FormText", "Numbers", "OtherRaters"]


class OtherRaters:
    """Finds the other raters' ratings kept beside a response file
    (``responses/<name>/ratings/``) and adds their view to its result, as
    ``person.record.with_other_raters`` does for one file. Each folder's subfolders are
    listed once (files come folder by folder): one look per folder, not per file."""

    def __init__(self) -> None:
        self._folder = ""
        self._subfolders: frozenset[str] = frozenset()

    def beside(self, source: str | int) -> Path | None:
        """The response file when ratings may be kept beside it, else None."""
        if not isinstance(source, str):  # (a JSON-lines record has no folder of its own)
            return None
        folder, name = os.path.split(source)
        if folder != self._folder:
            self._folder = folder
            try:
                with os.scandir(folder or ".") as entries:
                    self._subfolders = frozenset(
                        e.name for e in entries if e.is_dir(follow_symlinks=False)
                    )
            except OSError:
                self._subfolders = frozenset()
        # (string work, no Path per file: a million files' Paths took a tenth of the time)
        if name.endswith(".json") and len(name) > 5 and name[0] != ".":
            person = name[:-5]
        else:
            person = person_folder(Path(source)).name
        if person not in self._subfolders:
            return None
        path = Path(source)
        return path if ratings_folder(path).is_dir() else None

    @staticmethod
    def added(text: str, path: Path, form: Form, indent: bool = False) -> str:
        """A result's JSON text with the other raters' view (unchanged when the file no
        longer reads as it did, or no rating in the folder can be used); ``indent``: as
        an item of an indented array (``FormText``'s)."""
        from assess.errors import InputFileError
        from assess.loading import load_response
        from assess.model.result import RespondentResult
        from assess.person.record import with_other_raters

        result = RespondentResult.model_validate_json(text)
        try:
            response = load_response(path)
        except InputFileError:
            return text
        if response.rater is not None:
            return text
        rated = with_other_raters(result, path, form.questionnaire, form.plan, response)
        if rated is result:
            return text
        compact = json_for_terminal(_encode(rated.model_dump(mode="json")).decode())
        if not indent:
            return compact
        return msgspec.json.format(f"[{compact}]".encode(), indent=2).decode()[4:-2]


def _csv_field(value: object) -> str:
    """A CSV field as the csv module writes it (quoted only when it must be)."""
    text = str(for_spreadsheet(value))
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


class CsvText:
    """A scored chunk as tidy CSV rows: one per person x skill, then per person x role
    (as ranked; with ``role``, that role's row alone, with its rank among all)."""

    def __init__(self, form: Form, role: str | None) -> None:
        q, plan = form.questionnaire, form.plan
        self.only_role = None if role is None else plan.role_ids.index(role)
        self.skill_rows = [f",skill,{_csv_field(sid)},," for sid in plan.skill_ids]
        self.role_rows = [f",role,{_csv_field(r.id)},{_csv_field(r.name)},," for r in q.roles]
        self.p1, self.p2, self.p3, self.p4 = numbers()

    def rows(self, scored: Scored) -> str:
        s = scored.scores
        prof = [["" if t == "null" else t for t in row] for row in self.p3(s.proficiency)]
        match_t, readiness_t = self.p1(s.match), self.p2(s.readiness)
        coverage_t = self.p4(s.coverage)
        ranking = s.ranking().tolist()
        lines = []
        for i, person in enumerate(scored.people):
            who = f"{_csv_field(person.name)},{_csv_field(person.team or '')}"
            lines += [
                f"{who}{fixed}{value},,,,\n"
                for fixed, value in zip(self.skill_rows, prof[i], strict=True)
            ]
            for rank, k in enumerate(ranking[i], start=1):
                if self.only_role is not None and k != self.only_role:
                    continue
                match = match_t[i][k]
                matched = match != "null"
                lines.append(
                    f"{who}{self.role_rows[k]}{match if matched else ''},{readiness_t[i][k]},"
                    f"{coverage_t[i][k]},{rank if matched else ''}\n"
                )
        return "".join(lines)
