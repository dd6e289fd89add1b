"""Retaking a finished survey (the earlier answers go into the history), and rating
someone else (the self-ratings only, worded about them, into their ratings folder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assess.brief import AboutInfo, QuestionView, WelcomeInfo, brief_of, third_person
from assess.loading import load_questionnaire, load_response
from assess.model.questionnaire import Questionnaire
from assess.model.response import Rater, Relation, Status
from assess.survey.asks import Ask
from assess.survey.controller import SurveyController
from assess.survey.ui import ResultsView, SurveySetup, WelcomeForm
from tests.survey.test_controller import ADA, FakeUI
from tests.tui.helpers import existing

GRACE = WelcomeInfo("Grace Hopper", None, None)
SAM = WelcomeInfo("Sam Lee", None, None)


def flow_for(
    q: Questionnaire,
    tmp_path: Path,
    *,
    preset: WelcomeInfo | None = None,
    about: AboutInfo | None = None,
    out: Path | None = None,
) -> tuple[SurveyController, FakeUI]:
    ui = FakeUI()
    setup = SurveySetup(brief_of(q), lambda: q, out, tmp_path / "responses", preset, about)
    return SurveyController(setup, ui), ui


def answer_all(flow: SurveyController, level: int = 2) -> None:
    flow.warm_up()  # (question 1 may be on screen ahead of the models)
    survey = flow.survey
    assert survey is not None
    for _ in range(survey.total):
        flow.answer(level if survey.current.kind == "rating" else 0)
    flow.finish()


def finished(q: Questionnaire, tmp_path: Path, **kwargs: object) -> Path:
    answers = {x.id: 1 if x.kind == "rating" else 0 for x in q.questions}
    return existing(q, tmp_path, answers, Status.complete, **kwargs)  # type: ignore[arg-type]


# -- retake --------------------------------------------------------------------------------


def test_retake_from_the_finished_survey_dialog(quick: Questionnaire, tmp_path: Path) -> None:
    path = finished(quick, tmp_path, target_role="data-engineer")
    flow, ui = flow_for(quick, tmp_path, preset=ADA)
    flow.start()
    _, ask = ui.last
    assert isinstance(ask, Ask) and "retake" in [ident for _, ident, _ in ask.choices]
    assert "responses/ada-lovelace/history/" in ask.message
    ui.choose("retake")
    kept = tmp_path / "responses" / "ada-lovelace" / "history" / "2026-11-02.json"
    assert any(str(kept) in told for told in ui.told)
    assert load_response(kept).status == Status.complete  # the earlier answers, untouched
    kind, view = ui.last
    assert kind == "question" and isinstance(view, QuestionView) and view.position == 1
    new = load_response(path)
    assert new.answers == {} and new.status == Status.in_progress
    assert new.respondent.target_role == "data-engineer"  # the same person, details kept
    assert new.option_seed is not None


def test_retake_from_the_results_screen(quick: Questionnaire, tmp_path: Path) -> None:
    flow, ui = flow_for(quick, tmp_path, preset=ADA)
    flow.start()
    answer_all(flow)
    assert ui.last[0] == "results"
    flow.retake()
    assert ui.last[0] == "question"
    answer_all(flow, 3)
    flow.retake()
    answer_all(flow, 4)
    folder = tmp_path / "responses" / "ada-lovelace" / "history"
    days = sorted(p.name for p in folder.iterdir())
    assert len(days) == 2 and days[0].endswith("--2.json")  # two on one day: both kept
    levels = {load_response(p).answers["sql-rating"] for p in folder.iterdir()}
    assert levels == {2, 3}
    assert load_response(tmp_path / "responses" / "ada-lovelace.json").answers["sql-rating"] == 4
    flow.quit()
    assert "view, edit or retake" in flow.exit_message


def test_retake_only_a_finished_survey(quick: Questionnaire, tmp_path: Path) -> None:
    flow, ui = flow_for(quick, tmp_path, preset=ADA)
    flow.start()
    flow.answer(2)
    flow.retake()
    assert "Finish this survey first" in ui.told[-1]
    assert not (tmp_path / "responses" / "ada-lovelace").exists()


def test_retake_on_another_questionnaire(
    quick: Questionnaire, tiny: Questionnaire, tmp_path: Path
) -> None:
    """A finished response to another questionnaire: nothing is overwritten; Retake keeps
    it in the history (progress then compares what both assess)."""
    path = finished(tiny, tmp_path, target_role="r1")
    flow, ui = flow_for(quick, tmp_path, preset=ADA)
    flow.start()
    _, ask = ui.last
    assert isinstance(ask, Ask) and ask.title == "Your earlier answers are to another questionnaire"
    assert [ident for _, ident, _ in ask.choices] == ["retake", "new", "quit"]
    assert "compares the skills both questionnaires assess" in ask.message
    ui.choose("retake")
    (kept,) = (tmp_path / "responses" / "ada-lovelace" / "history").iterdir()
    assert load_response(kept).questionnaire_id == tiny.id
    new = load_response(path)
    assert new.questionnaire_id == quick.id
    assert new.respondent.target_role is None  # tiny's role r1 is not one of quick's


def test_an_unfinished_file_of_another_questionnaire_is_not_retaken(
    quick: Questionnaire, tiny: Questionnaire, tmp_path: Path
) -> None:
    existing(tiny, tmp_path, {})
    flow, ui = flow_for(quick, tmp_path, preset=ADA)
    flow.start()
    _, ask = ui.last
    assert isinstance(ask, Ask) and "retake" not in [i for _, i, _ in ask.choices]


# -- rating someone else ---------------------------------------------------------------------


def test_third_person() -> None:
    assert third_person("Which best describes your work with SQL?") == (
        "Which best describes their work with SQL?"
    )
    assert third_person("How do you rate yourself? Your call.") == (
        "How do they rate themselves? Their call."
    )
    assert third_person("Young youths") == "Young youths"


def test_builtin_ratings_read_in_the_third_person() -> None:
    from assess.loading import builtin_dir

    for name in ("ml-team", "quick"):
        brief = brief_of(load_questionnaire(builtin_dir() / f"{name}.yaml")).about_other("Ada")
        assert all(q.kind == "rating" for q in brief.questions)
        for question in brief.questions:
            words = question.text.lower().replace("?", " ").split()
            assert not {"you", "your", "yours", "yourself"} & set(words), question.text


MANAGER = AboutInfo("Ada Lovelace", "ada@x.org", "manager")


def test_a_manager_rates_the_self_ratings_only(quick: Questionnaire, tmp_path: Path) -> None:
    existing(quick, tmp_path, {}, Status.complete)  # Ada has a self-assessment
    flow, ui = flow_for(quick, tmp_path, preset=GRACE, about=MANAGER)
    flow.start()
    kind, view = ui.last
    assert kind == "question" and isinstance(view, QuestionView)
    ratings = [x for x in quick.questions if x.kind == "rating"]
    assert view.total == len(ratings) and view.about == "Ada Lovelace"
    assert view.text.startswith("Which best describes their")
    answer_all(flow, 3)
    kind, results = ui.last
    assert kind == "results" and isinstance(results, ResultsView)
    assert results.result.rater is not None and results.notes == ()
    path = tmp_path / "responses" / "ada-lovelace" / "ratings" / "manager--grace-hopper.json"
    saved = load_response(path)
    assert saved.respondent.name == "Ada Lovelace" and saved.respondent.email == "ada@x.org"
    assert saved.rater == Rater(name="Grace Hopper", relation=Relation.manager)
    assert set(saved.answers) == {x.id for x in ratings}  # no knowledge check
    assert saved.status == Status.complete
    assert json.loads(path.read_text())["rater"]["relation"] == "manager"


def test_a_rating_of_someone_without_a_self_assessment_says_so(
    quick: Questionnaire, tmp_path: Path
) -> None:
    flow, ui = flow_for(quick, tmp_path, preset=GRACE, about=MANAGER)
    flow.start()
    flow.warm_up()
    assert any("has no self-assessment" in t and "no self view" in t for t in ui.told)
    answer_all(flow)
    _, results = ui.last
    assert isinstance(results, ResultsView) and "no self view" in results.notes[0]
    flow.quit()
    assert "no self view" in flow.exit_message  # kept: nothing is lost


def test_two_peers_with_one_name_are_told_apart(quick: Questionnaire, tmp_path: Path) -> None:
    about = AboutInfo("Ada Lovelace", None, "peer")
    first, ui = flow_for(quick, tmp_path, preset=SAM, about=about)
    first.start()
    answer_all(first)
    first.release()
    second, ui = flow_for(quick, tmp_path, preset=SAM, about=about)
    second.start()
    _, ask = ui.last
    assert isinstance(ask, Ask)
    assert ("a", "another", "I am another Sam Lee: rate on my own") in ask.choices
    assert "rating of Ada Lovelace by Sam Lee (peer)" in ask.message
    ui.choose("another")
    assert ui.last[0] == "question"
    second.answer(4)
    ratings = tmp_path / "responses" / "ada-lovelace" / "ratings"
    assert sorted(p.name for p in ratings.glob("*.json")) == [
        "peer--sam-lee--2.json",
        "peer--sam-lee.json",
    ]
    assert load_response(ratings / "peer--sam-lee.json").status == Status.complete  # untouched
    second.release()
    # the second Sam comes back: past the first Sam's file to his own
    third, ui = flow_for(quick, tmp_path, preset=SAM, about=about)
    third.start()
    ui.choose("another")
    _, ask = ui.last
    assert isinstance(ask, Ask) and ask.title == "Resume your rating?"
    assert str(ratings / "peer--sam-lee--2.json") in ask.message


def test_the_rating_form_asks_the_raters_name(quick: Questionnaire, tmp_path: Path) -> None:
    flow, ui = flow_for(quick, tmp_path, about=MANAGER)
    flow.start()
    kind, form = ui.last
    assert kind == "welcome" and isinstance(form, WelcomeForm) and form.about == MANAGER
    assert form.save_hint.endswith("responses/ada-lovelace/ratings/manager--<your-name>.json")
    flow.warm_up()
    flow.begin(GRACE)
    flow.answer(2)
    flow.back()
    flow.back()
    kind, form = ui.last
    assert isinstance(form, WelcomeForm) and form.values == GRACE
    flow.begin(WelcomeInfo("Grace B. Hopper", None, None))  # a new spelling: the rater's
    survey = flow.survey
    assert survey is not None and survey.response.rater is not None
    assert survey.response.rater.name == "Grace B. Hopper"
    assert survey.response.respondent.name == "Ada Lovelace"


@pytest.mark.parametrize("relation", ["manager", "peer"])
def test_a_rating_is_resumed_as_a_rating(
    quick: Questionnaire, tmp_path: Path, relation: str
) -> None:
    about = AboutInfo("Ada Lovelace", None, relation)  # type: ignore[arg-type]
    flow, ui = flow_for(quick, tmp_path, preset=GRACE, about=about)
    flow.start()
    flow.answer(1)
    flow.quit()
    flow.release()
    again, ui = flow_for(quick, tmp_path, preset=GRACE, about=about)
    again.start()
    ui.choose("resume")
    kind, view = ui.last
    assert kind == "question" and isinstance(view, QuestionView)
    assert view.position == 2 and view.about == "Ada Lovelace"
