"""The maintainers' tools: the student-notebook generator, the benchmark and small scripts.

Never installed (Colab installs only ``nnhelpers``); run from the course checkout as
``python -m tools.<name>`` or through ``./course``. The tools find the checkout from their
own location (``ROOT``), not from where ``nnhelpers`` is installed.
"""

from pathlib import Path

ROOT: Path = Path(__file__).resolve().parent.parent
"""The root of the course checkout."""
