"""Pydantic models: questionnaire, response and result. No I/O, no UI."""
