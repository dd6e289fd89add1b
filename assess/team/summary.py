"""What the team views show: limits shared by the HTML report and the terminal summary.

(The team's view model grows here: one summary that the report and the terminal both
render, so templates only display.)
"""

from __future__ import annotations

PEOPLE_SHOWN = 2000
"""Person-by-person charts and tables list at most this many people (in input order).
Beyond that they stop being readable (a heatmap row per person) and make the file huge
(100k people: 83 MB); every person still counts in all other tables and charts, and the
CSV/XLSX exports hold everyone's numbers."""


INPUTS_SHOWN = 2000
"""The skipped inputs and the duplicates are each listed up to this many in the report
(all of them in the CSV/XLSX exports): a rerun over a folder of another questionnaire's
100k files should not make a 20 MB report."""
