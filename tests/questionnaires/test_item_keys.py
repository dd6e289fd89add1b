"""Knowledge checks that cannot be gamed by where the key sits or how long it is.

Test-wise respondents pick option 2, or the longest option, when they do not know (issue 10:
option 2 was right in 22 of 26 checks, the longest option in 23). Options are shuffled per
response by the survey, but not by every front-end (forms imports, paper), so the authored
order must be balanced too (Haladyna, Downing & Rodriguez 2002, "A review of multiple-choice
item-writing guidelines"). Over each built-in questionnaire, discovered in the questionnaire
folder so a new one is covered without editing this file:

- no option position holds more than 40% of the correct answers;
- the correct option is the (strictly or jointly) longest in at most 40% of the checks.

Both tables are printed (``pytest -s`` or ``-rP`` shows them); control cases show that an
unbalanced questionnaire fails. Item hygiene that follows from the same guidelines is
checked below: options of similar length, no "all/none of the above", checks shared between
questionnaires kept identical.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from assess.loading import builtin_dir, load_questionnaire
from assess.model.questionnaire import ChoiceQuestion, Questionnaire

MAX_SHARE = 0.40
"""Largest share of keys one position may hold, and of checks whose key is the longest option."""

MAX_LENGTH_RATIO = 1.5
"""Longest option at most this many times the shortest in every check (similar length)."""

BUILTINS = sorted(p for p in builtin_dir().glob("*.yaml") if "@" not in p.stem)
"""The questionnaires new surveys use; earlier versions kept for old responses
(``ml-team@1.0.yaml``) are frozen history and keep their old keys."""


@dataclass
class KeyTable:
    """Where the keys of one questionnaire's checks sit, and how often the key is longest."""

    name: str
    n_options: Counter[int] = field(default_factory=Counter)
    positions: Counter[int] = field(default_factory=Counter)
    longest: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.checks)

    def problems(self) -> list[str]:
        """Each broken rule, in words; empty when the keys are balanced."""
        found = []
        for position, count in sorted(self.positions.items()):
            if count > MAX_SHARE * self.n:
                found.append(
                    f"{self.name}: option {position + 1} is correct in {count} of {self.n} "
                    f"checks ({count / self.n:.0%} > {MAX_SHARE:.0%}); move keys to other positions"
                )
        if len(self.longest) > MAX_SHARE * self.n:
            found.append(
                f"{self.name}: the correct option is the longest in {len(self.longest)} of "
                f"{self.n} checks ({len(self.longest) / self.n:.0%} > {MAX_SHARE:.0%}): "
                + ", ".join(self.longest)
                + "; make distractors as long and specific as the key"
            )
        return found

    def render(self) -> str:
        width = max(self.n_options, default=0)
        lines = [f"{self.name}: {self.n} checks"]
        lines.append("  key position   " + "  ".join(f"{p + 1:>5}" for p in range(width)))
        lines.append(
            "  keys           " + "  ".join(f"{self.positions[p]:>5}" for p in range(width))
        )
        lines.append(
            "  share          "
            + "  ".join(f"{self.positions[p] / max(self.n, 1):>5.0%}" for p in range(width))
        )
        lines.append(
            f"  key is the longest option in {len(self.longest)} of {self.n} checks "
            f"({len(self.longest) / max(self.n, 1):.0%}): " + (", ".join(self.longest) or "-")
        )
        return "\n".join(lines)


def key_table(q: Questionnaire, name: str | None = None) -> KeyTable:
    table = KeyTable(name or q.id)
    for question in q.questions:
        if not isinstance(question, ChoiceQuestion):
            continue
        lengths = [len(o.text) for o in question.options]
        key = next(i for i, o in enumerate(question.options) if o.correct)
        table.checks.append(question.id)
        table.n_options[len(lengths)] += 1
        table.positions[key] += 1
        if lengths[key] == max(lengths):
            table.longest.append(question.id)
    return table


def assert_keys_balanced(q: Questionnaire, name: str | None = None) -> KeyTable:
    """The test run on every built-in questionnaire (and on the controls below)."""
    table = key_table(q, name)
    print(table.render())
    problems = table.problems()
    assert not problems, "\n".join([*problems, table.render()])
    return table


def test_the_builtin_questionnaires_are_found() -> None:
    names = {p.name for p in BUILTINS}
    assert {"ml-team.yaml", "quick.yaml"} <= names, names


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_authored_keys_are_balanced(path: Path) -> None:
    q = load_questionnaire(path, use_cache=False)
    table = assert_keys_balanced(q, path.name)
    if table.n:  # a questionnaire with checks must have several to be balanced at all
        assert table.n >= 3, f"{path.name}: {table.n} check(s) cannot be balanced"


# ---------------------------------------------------------------- controls: the rule can fail


def _synthetic(tmp_path: Path, checks: list[tuple[int, list[str]]]) -> Questionnaire:
    """A valid questionnaire with one skill and the given checks: (key index, option texts)."""
    lines = [
        "id: synthetic",
        'version: "1"',
        "title: Synthetic",
        "estimated_minutes: 1",
        "areas: [{id: x, name: X}]",
        "skills:",
        "  - id: a",
        "    name: A",
        "    area: x",
        "    description: A.",
        "    levels: {none: a0, aware: a1, working: a2, practitioner: a3, expert: a4}",
        "roles:",
        "  - {id: r, name: R, summary: R., source: [test],",
        "     requirements: {a: {level: 2, importance: 3}}}",
        "questions:",
        "  - {id: a-rating, kind: rating, skill: a, text: Rate A}",
    ]
    for n, (key, texts) in enumerate(checks):
        lines += [
            f"  - id: a-check-{n}",
            "    kind: choice",
            "    skill: a",
            f"    text: Check {n}?",
        ]
        lines.append("    options:")
        for i, text in enumerate(texts):
            lines.append(f'      - {{text: "{text}"' + (", correct: true}" if i == key else "}"))
    path = tmp_path / "synthetic.yaml"
    path.write_text("\n".join(lines) + "\n")
    return load_questionnaire(path, use_cache=False)


def _options(key: int, key_longest: bool, n: int = 4) -> list[str]:
    texts = [f"Distractor {i} of similar length." for i in range(n)]
    texts[key] = "The key, written out at length, longer." if key_longest else "The key, in short."
    return texts


def test_control_issue_10_pattern_fails(tmp_path: Path) -> None:
    """22 of 26 keys in option 2, nearly all of them longest: both rules must fire."""
    checks = [(1, _options(1, True)) for _ in range(22)]
    checks += [(k, _options(k, k != 3)) for k in (0, 2, 3, 0)]
    q = _synthetic(tmp_path, checks)
    problems = key_table(q).problems()
    assert len(problems) == 2, problems
    assert "option 2 is correct in 22 of 26 checks (85% > 40%)" in problems[0]
    assert "longest in 25 of 26 checks" in problems[1]
    with pytest.raises(AssertionError, match="option 2 is correct in 22 of 26"):
        assert_keys_balanced(q)


def test_control_balanced_positions_but_longest_key_fails(tmp_path: Path) -> None:
    checks = [(k % 4, _options(k % 4, True)) for k in range(8)]
    problems = key_table(_synthetic(tmp_path, checks)).problems()
    assert len(problems) == 1 and "longest in 8 of 8" in problems[0], problems


def test_control_tied_longest_counts_as_longest(tmp_path: Path) -> None:
    same = ["About 10%.", "About 20%.", "About 30%.", "About 40%."]
    checks = [(k % 4, same) for k in range(8)]
    problems = key_table(_synthetic(tmp_path, checks)).problems()
    assert len(problems) == 1 and "longest in 8 of 8" in problems[0], problems


def test_control_the_limit_is_inclusive(tmp_path: Path) -> None:
    """Exactly 40% passes (2 of 5); one key more than 40% fails (3 of 7 = 43%)."""
    five = [(k, _options(k, k == 0)) for k in (0, 0, 1, 2, 3)]
    assert_keys_balanced(_synthetic(tmp_path, five))
    seven = [(k, _options(k, False)) for k in (0, 0, 0, 1, 2, 3, 3)]
    problems = key_table(_synthetic(tmp_path, seven)).problems()
    assert problems == [
        "synthetic: option 1 is correct in 3 of 7 checks (43% > 40%); move keys to other positions"
    ]


def test_control_balanced_questionnaire_passes(tmp_path: Path) -> None:
    checks = [(k % 4, _options(k % 4, k % 4 == 0)) for k in range(12)]
    table = assert_keys_balanced(_synthetic(tmp_path, checks))
    assert dict(table.positions) == {0: 3, 1: 3, 2: 3, 3: 3}
    assert len(table.longest) == 3


# ---------------------------------------------------------------- item hygiene

BANNED = re.compile(r"\b(all|none|both) of the above\b", re.IGNORECASE)


def _checks(path: Path) -> list[ChoiceQuestion]:
    q = load_questionnaire(path, use_cache=False)
    return [x for x in q.questions if isinstance(x, ChoiceQuestion)]


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_options_are_of_similar_length_and_stand_alone(path: Path) -> None:
    for check in _checks(path):
        lengths = [len(o.text) for o in check.options]
        assert max(lengths) <= MAX_LENGTH_RATIO * min(lengths), (
            f"{check.id}: option lengths {lengths}: make the short ones as specific as the long"
        )
        assert len(check.options) >= 3, check.id
        for option in check.options:
            assert not BANNED.search(option.text), f"{check.id}: {option.text!r}"
            assert option.text.casefold() not in {"i don't know", "i do not know"}, check.id


def test_checks_shared_with_ml_team_are_identical() -> None:
    """Same id only if the item is identical; an identical item keeps its id."""
    main = {c.id: c for c in _checks(builtin_dir() / "ml-team.yaml")}
    by_text = {c.text: c for c in main.values()}
    for path in BUILTINS:
        if path.name == "ml-team.yaml":
            continue
        for check in _checks(path):
            if check.id in main:
                assert check == main[check.id], f"{path.name}: {check.id} differs from ml-team's"
            twin = by_text.get(check.text)
            if twin is not None and twin.options == check.options:
                assert check.id == twin.id, f"{path.name}: {check.id} is ml-team's {twin.id}"


def test_every_rated_skill_of_a_short_form_has_a_check() -> None:
    """A self-rating on a skill that ml-team can check is never left without a check."""
    checked = {c.skill for c in _checks(builtin_dir() / "ml-team.yaml")}
    for path in BUILTINS:
        q = load_questionnaire(path, use_cache=False)
        have = {x.skill for x in q.questions if isinstance(x, ChoiceQuestion)}
        rated = {x.skill for x in q.questions if x.kind == "rating"}
        assert (rated & checked) <= have, (
            f"{path.name}: no check on {sorted(rated & checked - have)}"
        )
