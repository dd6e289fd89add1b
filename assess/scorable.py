"""Does this response belong to this questionnaire? One answer for every command.

``assess score``, ``report`` and ``validate`` (``load_scorable``) and the team batch's
slow path (``codes_for``) all decide here whether a response can be scored:

- the questionnaire a response names is an identifier, never a path: only a built-in
  questionnaire, or the one given with ``-q``, scores it (a response naming
  ``/etc/passwd`` or ``../crafted.yaml`` cannot choose what parses it or how it is
  scored);
- another questionnaire or version is refused with the field at fault;
- answers that do not fit are listed, the first ``MAX_REASONS`` of them (a file with
  50,000 unknown answers costs no more than a good one to refuse).
"""

from __future__ import annotations

from pathlib import Path

from assess.errors import Problem, ResponseError, UsageError
from assess.loading import load_questionnaire, load_response
from assess.model.questionnaire import Questionnaire
from assess.model.response import Response
from assess.paths import builtin_questionnaire, resolve_questionnaire
from assess.safetext import clip
from assess.scoring import AnswerMismatch, ScoringPlan
from assess.scoring.plan import IntArray

MAX_REASONS = 10
"""Answers that do not fit, described one by one; the rest are counted."""


class Mismatch(Exception):
    """A response that does not fit the questionnaire: the field at fault, the first
    reasons, how many more, and a ``public`` reason that quotes nothing from the input
    (for ``--anonymize``)."""

    def __init__(self, field: str, reasons: list[str], more: int, public: str) -> None:
        super().__init__("; ".join(reasons))
        self.field = field
        self.reasons = [clip(r) for r in reasons]
        self.more = more
        self.public = public

    def text(self, shown: int = MAX_REASONS) -> str:
        """The first ``shown`` reasons on one line, and how many more there are."""
        more = self.more + max(0, len(self.reasons) - shown)
        return "; ".join(self.reasons[:shown]) + (f" (+{more:,} more)" if more else "")

    def problems(self, path: Path | None) -> ResponseError:
        return ResponseError([Problem(path, None, self.field, r) for r in self.reasons], self.more)


def codes_for(plan: ScoringPlan, response: Response) -> IntArray:
    """The response's answer codes for ``plan``; ``Mismatch`` if it does not fit."""
    reasons = plan.check_identity(response)
    if reasons:
        other = response.questionnaire_id != plan.questionnaire_id
        raise Mismatch(
            "questionnaire_id" if other else "questionnaire_version",
            reasons,
            0,
            "answers another questionnaire" if other else "answers another version",
        )
    answers = response.answers
    known = set(plan.question_ids)
    unknown = [key for key in answers if key not in known]
    more = 0
    if len(unknown) > MAX_REASONS:  # describe (and look for a did-you-mean of) a few
        left_out = set(unknown[MAX_REASONS:])
        answers = {k: v for k, v in answers.items() if k not in left_out}
        more = len(left_out)
    try:
        return plan.encode(answers)
    except AnswerMismatch as exc:
        shown = exc.reasons[:MAX_REASONS]
        total = len(exc.reasons) + more
        raise Mismatch(
            "answers",
            shown,
            total - len(shown),
            f"{total:,} answer(s) do not fit this questionnaire",
        ) from None


def self_assessed(response: Response) -> None:
    """``Mismatch`` for a rating of the respondent by someone else (a manager, a peer): a
    view that counts each person by their own answers (a team) must not take it for
    theirs. Other raters' ratings are read beside a person's file (``assess.person``)."""
    rater = response.rater
    if rater is not None:
        raise Mismatch(
            "rater",
            [
                f"a rating of {response.respondent.name} by {rater.name} (their "
                f"{rater.relation.value}), not a self-assessment"
            ],
            0,
            f"a rating by a {rater.relation.value}, not a self-assessment",
        )


_LOADED: dict[Path, tuple[Questionnaire, ScoringPlan]] = {}


def _load(source: Path) -> tuple[Questionnaire, ScoringPlan]:
    try:
        key = source.resolve()
    except (OSError, RuntimeError):  # a loop of links: load_questionnaire says so
        key = source.absolute()
    if key not in _LOADED:  # many responses share one questionnaire: load it once
        q = load_questionnaire(source)
        _LOADED[key] = (q, ScoringPlan.from_questionnaire(q))
    return _LOADED[key]


def builtin_scorable(
    questionnaire_id: str, version: str | None = None
) -> tuple[Questionnaire, ScoringPlan] | None:
    """The built-in questionnaire a response names, with its plan: in the version it
    names when that earlier version is kept (``paths.builtin_questionnaire``), else the
    current one (which a caller compares with the version named); None when the id is
    not a built-in name (which is never turned into a path). ``load_scorable`` and the
    team batch (``team.forms``) both resolve a response's questionnaire here."""
    source = builtin_questionnaire(questionnaire_id, version)
    return None if source is None else _load(source)


def load_scorable(
    path: Path, questionnaire: str | None
) -> tuple[Questionnaire, ScoringPlan, Response]:
    """A response, the questionnaire it is scored against (``questionnaire``, a file or
    built-in name, else the built-in one it names, in the version it names when that
    version is kept) and its plan; ``ResponseError`` if
    they do not fit, ``QuestionnaireError`` if the questionnaire does not load."""
    response = load_response(path)
    if questionnaire is not None:
        q, plan = _load(resolve_questionnaire(questionnaire))
    else:
        found = builtin_scorable(response.questionnaire_id, response.questionnaire_version)
        if found is None:
            raise ResponseError(
                [
                    Problem(
                        path,
                        None,
                        "questionnaire_id",
                        f"answers questionnaire '{clip(response.questionnaire_id, 80)}', "
                        "which is not built in",
                        "pass its questionnaire file with --questionnaire PATH",
                    )
                ]
            )
        q, plan = found
    try:
        codes_for(plan, response)
    except Mismatch as exc:
        raise exc.problems(path) from None
    return q, plan, response


def check_role(ids: list[str], role: str | None) -> None:
    """``UsageError`` for a role id that is not one of ``ids``, with a suggestion."""
    from assess.errors import did_you_mean

    if role is not None and role not in ids:
        raise UsageError(f"unknown role '{clip(role, 80)}' ({did_you_mean(role, ids)})")
