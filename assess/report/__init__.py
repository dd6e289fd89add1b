"""Reports: build figures and tables from results, then render self-contained HTML.

Only this package imports plotly and jinja2. The report never scores: it is given
results computed by ``assess.scoring``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assess.model.questionnaire import Questionnaire
from assess.model.result import RespondentResult
from assess.report.build import PersonalReport, build_personal_report
from assess.report.render import render_personal
from assess.storage import path_inside, person_stem, write_atomic

if TYPE_CHECKING:
    from assess.person.peers import Standing
    from assess.person.record import PersonRecord

DEFAULT_REPORTS_DIR = Path("reports")


def personal_report_html(
    q: Questionnaire,
    result: RespondentResult,
    role: str | None = None,
    *,
    record: PersonRecord | None = None,
    standing: Standing | None = None,
) -> str:
    return render_personal(build_personal_report(q, result, role, record=record, standing=standing))


def write_personal_report(
    q: Questionnaire,
    result: RespondentResult,
    *,
    out_dir: Path = DEFAULT_REPORTS_DIR,
    out: Path | None = None,
    role: str | None = None,
    record: PersonRecord | None = None,
    standing: Standing | None = None,
) -> Path:
    """Write the report; by default to ``out_dir/<safe-name>.html``, never outside it.
    ``record``: the person's history and other raters (see ``build_personal_report``)."""
    target = out or path_inside(out_dir, person_stem(result.respondent.name) + ".html")
    write_atomic(target, personal_report_html(q, result, role, record=record, standing=standing))
    return target


__all__ = [
    "DEFAULT_REPORTS_DIR",
    "PersonalReport",
    "build_personal_report",
    "personal_report_html",
    "write_personal_report",
]
