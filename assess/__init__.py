"""assess: a terminal-first skills-gap assessment for data & ML teams."""

import os as _os

# Scoring multiplies small matrices (a block of 4,096 respondents by 74 questions by 29
# skills): waking a BLAS thread pool for each costs more than it saves, and on a busy
# 2-core machine made scoring 100k responses five times slower (2.0 s against 0.4 s).
# One thread unless the user chose otherwise; it must be set before numpy loads.
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
