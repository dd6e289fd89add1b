"""A new response and a resumed one's details: who answers, about whom, on what, and
where the answers go. Plain at import, like the controller (the models load late)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assess.storage import default_response_path, person_stem, rating_path

if TYPE_CHECKING:
    from assess.brief import AboutInfo, WelcomeInfo
    from assess.model.questionnaire import Questionnaire
    from assess.model.response import Response
    from assess.survey.ui import SurveySetup


def new_response(
    q: Questionnaire,
    info: WelcomeInfo,
    seed: int,
    about: AboutInfo | None = None,
    like: Response | None = None,
) -> Response:
    """An empty response to ``q``: by the person in ``info``, or about ``about`` rated by
    them, or a retake ``like`` an earlier response (the same person and rater; a target role
    this version does not have is dropped)."""
    from assess.model.response import Rater, Respondent, Response, utc_now  # (pydantic: late)

    rater = None
    if like is not None:
        who, rater = like.respondent, like.rater
        if who.target_role not in (None, *(r.id for r in q.roles)):
            who = who.model_copy(update={"target_role": None})
    elif about is not None:
        who = Respondent(name=about.name, email=about.email, team=info.team)
        rater = Rater(name=info.name, relation=about.relation)
    else:
        who = Respondent(name=info.name, team=info.team, target_role=info.target_role)
    now = utc_now()
    return Response(
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        respondent=who,
        rater=rater,
        option_seed=seed,
        started_at=now,
        updated_at=now,
    )


def with_details(response: Response, info: WelcomeInfo | None) -> Response:
    """A resumed response with the team and target role just given (if any)."""
    if info is None:
        return response
    who = response.respondent
    update = {"team": info.team or who.team, "target_role": info.target_role or who.target_role}
    return response.model_copy(update={"respondent": who.model_copy(update=update)})


def response_path(setup: SurveySetup, name: str, number: int = 1) -> Path:
    """Where the answers of ``name`` go: ``--out``; a rating in the rated person's
    ``ratings/`` folder (``number`` 2, 3... for another rater of the same name); else
    ``responses/<name>.json``. ValueError for a name that makes no file name."""
    out, folder, about = setup.out, setup.responses_dir, setup.about
    if out is not None:
        return out if number == 1 else out.with_name(f"{out.stem}--{number}{out.suffix}")
    if about is not None:
        return rating_path(about.name, about.relation, name, folder, number)
    return default_response_path(name, folder)


def save_hint(setup: SurveySetup) -> str:
    """Where the answers will go, before a name is known (the welcome form's hint)."""
    out, folder, about = setup.out, setup.responses_dir, setup.about
    if out is not None:
        return str(out)
    if about is not None:
        return f"{folder}/{person_stem(about.name)}/ratings/{about.relation}--<your-name>.json"
    return f"{folder}/<your-name>.json"
