"""assess: a terminal-first skills-gap assessment for data & ML teams."""

__version__ = "0.1.0"
