"""A learning plan as terminal text (Rich), Markdown or JSON. Only displays the plan.

Everything that comes from a file (names, role and skill names, catalogue text) is
printed as data: never as Rich markup, never as Markdown or HTML, and with control
characters shown as U+FFFD so a name cannot drive the terminal.
"""

from __future__ import annotations

import json
import re
import textwrap

from rich.console import Console
from rich.text import Text

from assess.model.learning_plan import EffortRange, LearningPlan, PlanItem, PlanStep
from assess.model.questionnaire import LEVEL_NAMES

BASIS = {
    "asked": "as asked",
    "target": "your target role",
    "best_match": "your best-matching role",
    "highest_readiness": "highest readiness",
}


def shown(text: str) -> str:
    """``text`` with every control character (escape, newline, ...) as U+FFFD."""
    return "".join(ch if ch.isprintable() or ch == " " else "\ufffd" for ch in text)


def whole(value: float) -> int:
    """Rounded half up (6.5 weeks -> 7), for display."""
    return int(value + 0.5)


def effort_text(effort: EffortRange, hours_per_week: int) -> str:
    """``25-50 h (6-13 weeks at 4 h a week)``; beyond a year, also in years."""
    if effort.max_hours == 0:
        return "0 h"
    low, high = max(1, whole(effort.min_weeks)), max(1, whole(effort.max_weeks))
    weeks = f"{low} week" if low == high == 1 else f"{low}-{high} weeks"
    text = f"{effort.min_hours}-{effort.max_hours} h ({weeks} at {hours_per_week} h a week"
    if effort.max_weeks > 52:
        text += f", about {effort.min_weeks / 52:.1f}-{effort.max_weeks / 52:.1f} years"
    return text + ")"


def current_text(item: PlanItem) -> str:
    if item.current is None:
        return "not assessed"
    return f"{item.current:.1f} ({LEVEL_NAMES[min(4, int(item.current))]})"


def heading(item: PlanItem) -> str:
    return (
        f"{item.skill_name}: {current_text(item)} → needs {item.required} "
        f"({LEVEL_NAMES[item.required]}), importance {item.importance}"
    )


def step_heading(step: PlanStep, hours_per_week: int) -> str:
    return (
        f"Step {step.from_level} → {step.to_level} ({step.to_level_name}): "
        f"{effort_text(step.effort, hours_per_week)}"
    )


def who(plan: LearningPlan) -> str:
    person = plan.respondent
    return person.name + (f" · {person.team}" if person.team else "")


def summary_lines(plan: LearningPlan) -> list[str]:
    """The closing lines: totals, what was left out, what the efforts rest on."""
    planned = sum(len(i.steps) for i in plan.items)
    lines = [
        f"This plan: {planned} step(s), {effort_text(plan.total, plan.hours_per_week)}.",
    ]
    if plan.not_planned or any(i.steps_left_out for i in plan.items):
        lines.append(
            f"Closing every gap: {plan.all_gaps_steps} step(s), "
            f"{effort_text(plan.all_gaps_total, plan.hours_per_week)}."
        )
    if plan.not_planned:
        names = ", ".join(f"{g.skill_name} ({g.steps} step(s))" for g in plan.not_planned)
        lines.append(f"Not in this plan: {names}; raise --steps to include them.")
    lines.append(f"Efforts: {plan.assumption}")
    return lines


# -- terminal ----------------------------------------------------------------------------


def render_text(plan: LearningPlan, console: Console) -> None:
    """The plan for a terminal, wrapped to its width; wrapped lines keep their indent."""
    width = max(40, console.width)

    def say(text: str, style: str = "", indent: int = 0, hang: int = 0) -> None:
        lines = textwrap.wrap(
            shown(text),
            width=width,
            initial_indent=" " * indent,
            subsequent_indent=" " * (indent + hang),
            break_long_words=False,
            break_on_hyphens=False,
        )
        for line in lines or [""]:
            console.print(Text(line, style=style), soft_wrap=True, highlight=False)

    def bullets(items: list[str], indent: int) -> None:
        for item in items:
            say(f"- {item}", "", indent, 2)

    say(f"Learning plan for {who(plan)}", "bold")
    say(
        f"{plan.role_name} ({BASIS[plan.role_basis]}) · readiness {plan.readiness:.0f} · "
        f"{plan.gaps} gap(s)"
    )
    if plan.role_note:
        say(plan.role_note + " Choose another with --role.", "yellow")
    if not plan.items:
        say("No gaps: every required skill of this role is at or above its level.")
    for rank, item in enumerate(plan.items, start=1):
        console.print()
        say(f"{rank}. {heading(item)}", "bold", 0, 3)
        if item.note:
            say(f"note: {item.note}", "yellow", 3)
        for step in item.steps:
            say(step_heading(step, plan.hours_per_week), "bold", 3, 2)
            say(f"goal: {step.descriptor}", "italic", 5)
            if step.effort_note:
                say(f"effort: {step.effort_note}", "dim", 5)
            say("practise:", "", 5)
            bullets(step.tasks, 5)
            say("read or take:", "", 5)
            for res in step.resources:
                say(f"- {res.citation}", "", 5, 2)
                if res.url:
                    say(res.url, "", 7)
        if item.steps_left_out:
            say(
                f"… then {item.steps_left_out} more step(s) to reach {item.required} "
                "(raise --steps to see them)",
                "dim",
                3,
            )
    console.print()
    for line in summary_lines(plan):
        say(line, "dim" if line.startswith("Efforts") else "")


# -- Markdown ----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")


def md(text: str) -> str:
    """Text as literal Markdown: specials backslash-escaped (so no HTML, no links)."""
    return _MD_SPECIAL.sub(r"\\\1", shown(text))


def render_markdown(plan: LearningPlan) -> str:
    out = [f"# Learning plan for {md(who(plan))}", ""]
    out.append(
        f"**{md(plan.role_name)}** ({BASIS[plan.role_basis]}) · readiness "
        f"{plan.readiness:.0f} · {plan.gaps} gap(s)"
    )
    if plan.role_note:
        out += ["", f"> {md(plan.role_note)} Choose another with `--role`."]
    if not plan.items:
        out += ["", "No gaps: every required skill of this role is at or above its level."]
    for rank, item in enumerate(plan.items, start=1):
        out += ["", f"## {rank}. {md(heading(item))}"]
        if item.note:
            out += ["", f"*Note: {md(item.note)}*"]
        for step in item.steps:
            out += ["", f"### {md(step_heading(step, plan.hours_per_week))}", ""]
            out.append(f"Goal: {md(step.descriptor)}")
            if step.effort_note:
                out += ["", f"Effort: {md(step.effort_note)}"]
            out += ["", "Practise:", ""]
            out += [f"- {md(task)}" for task in step.tasks]
            out += ["", "Read or take:", ""]
            for res in step.resources:
                link = f" <{res.url}>" if res.url else ""
                out.append(f"- {md(res.citation)}{link}")
        if item.steps_left_out:
            out += ["", f"… then {item.steps_left_out} more step(s) to reach {item.required}."]
    out += ["", "## Total", ""]
    out += [f"- {md(line)}" for line in summary_lines(plan)]
    return "\n".join(out) + "\n"


# -- JSON --------------------------------------------------------------------------------


def render_json(plan: LearningPlan) -> str:
    """The plan as JSON (``assess schema plan``)."""
    return json.dumps(plan.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
