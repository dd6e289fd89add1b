"""Exports of a team analysis: tidy CSV files and an XLSX workbook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from assess.team.analysis import TeamAnalysis


def tidy_skills(analysis: TeamAnalysis) -> pd.DataFrame:
    frame = (
        analysis.proficiency.rename_axis("respondent")
        .reset_index()
        .melt(id_vars="respondent", var_name="skill", value_name="proficiency")
    )
    return frame.round({"proficiency": 3})


def tidy_fits(analysis: TeamAnalysis) -> pd.DataFrame:
    fit = (
        analysis.fit.rename_axis("respondent")
        .reset_index()
        .melt(id_vars="respondent", var_name="role", value_name="fit")
    )
    coverage = (
        analysis.coverage.rename_axis("respondent")
        .reset_index()
        .melt(id_vars="respondent", var_name="role", value_name="coverage")
    )
    merged = fit.merge(coverage, on=["respondent", "role"], how="left", sort=False)
    return merged.round({"fit": 2, "coverage": 4})


def write_csv(analysis: TeamAnalysis, folder: Path, gaps: pd.DataFrame) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in (
        ("skills", tidy_skills(analysis)),
        ("fits", tidy_fits(analysis)),
        ("gaps", gaps),
        ("risks", analysis.risks),
        ("hiring", analysis.hiring),
        ("training", analysis.training),
    ):
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written


def write_xlsx(
    analysis: TeamAnalysis, path: Path, gaps: pd.DataFrame, skipped: pd.DataFrame
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        analysis.proficiency.round(3).rename_axis("respondent").to_excel(
            writer, sheet_name="skills"
        )
        analysis.fit.round(2).rename_axis("respondent").to_excel(writer, sheet_name="fits")
        gaps.to_excel(writer, sheet_name="gaps", index=False)
        analysis.coverage.round(4).rename_axis("respondent").to_excel(writer, sheet_name="coverage")
        analysis.risks.to_excel(writer, sheet_name="risks", index=False)
        analysis.hiring.to_excel(writer, sheet_name="hiring", index=False)
        analysis.training.to_excel(writer, sheet_name="training", index=False)
        skipped.to_excel(writer, sheet_name="skipped files", index=False)
    return path
