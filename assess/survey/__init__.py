"""The survey of ``assess take`` without any UI.

- ``flow.Survey``: the state machine over one response (answers, position, the rule that
  a skipped self-rating skips its knowledge checks); saves after every change.
- ``controller.SurveyController``: everything around it that a screen must not decide:
  the deferred start, which file and what to do with one already there, saving, which
  screen comes next, and the message on leaving. Screens call it; it calls back the UI
  through the small ``SurveyUI`` protocol, synchronously, so fast keys keep their order.
- ``ui``: what the flow and a UI exchange (``SurveyUI``, the set-up, plain views).
- ``asks``: the dialogs' questions as data; ``words``: how every view counts answers.

Importing this package (and ``controller``, ``words``) loads no pydantic: the first screen
of ``assess take`` is drawn before the models load.
"""
