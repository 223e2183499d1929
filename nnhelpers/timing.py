"""PyTorch's benchmark ``Timer``, imported without an unrelated warning (used in notebook 04).

``torch.utils.benchmark`` imports ``torch.utils.cpp_extension`` (used to compile C++
benchmarks), which logs ``No CUDA runtime is found, using CUDA_HOME=...`` on any machine
that has a CUDA toolkit but no GPU. That warning is about compiling extensions, not about
timing, and it would show up in a notebook's output on some machines only. This module
imports ``Timer`` with it silenced; use it exactly like ``torch.utils.benchmark.Timer``::

    from nnhelpers.timing import Timer

    timer = Timer("model(x)", globals={"model": model, "x": x}, num_threads=torch.get_num_threads())
    timer.blocked_autorange(min_run_time=0.5).median  # seconds per call
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

CPP_EXTENSION_LOGGER = "torch.utils.cpp_extension"


@contextmanager
def quiet_logger(name: str, level: int = logging.ERROR) -> Iterator[None]:
    """Let the logger ``name`` report only messages at ``level`` or above, then restore it."""
    logger = logging.getLogger(name)
    previous = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(previous)


with quiet_logger(CPP_EXTENSION_LOGGER):
    from torch.utils.benchmark import Timer

__all__ = ["Timer", "quiet_logger"]
