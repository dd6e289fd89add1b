"""Item quality for questionnaire authors (``assess items``): knowledge-check statistics
with a verdict, Cronbach's alpha of each area's self-ratings, careless-responding flags.

``stats`` holds the numbers (pure numpy), ``analysis`` turns a questionnaire and answer
codes into tables with verdicts and ``careless`` flags respondents (both pure), ``page``
and ``command`` write and print them. The core (``assess.model``, ``assess.scoring``,
``assess.loading``) never imports this package; the team report uses
``careless.careless_flags``.
"""
