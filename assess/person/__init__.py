"""One person over time and from others.

- ``record``: a person's assessments (the newest response file and the earlier ones kept in
  its ``history`` folder) and other people's ratings of them (``ratings``), found by the
  layout of ``assess.storage``, each scored against its own questionnaire and told apart
  by the identity rule of ``assess team`` (``assess.team.people``); files that cannot be
  used are listed with the reason.
- ``progress``: what changed between two assessments (skills, readiness, match, gaps
  closed and opened), across questionnaire versions on the skills both assess.
- ``others``: other raters' ratings beside the self-assessment (``OtherRaters``).
- ``peers``: where a person stands among the responses in a folder (percentiles).
- ``text``: ``assess progress`` on the terminal.

Between the views (reports, survey, commands) and the team/learning work: it reads files
and scores, and never draws anything but terminal text.
"""
