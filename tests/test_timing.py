"""nnhelpers.timing: the quiet Timer import."""

import logging
import os
import subprocess
import sys

import pytest
import torch
import torch.utils.benchmark

from nnhelpers import timing


def test_timer_is_torchs():
    assert timing.Timer is torch.utils.benchmark.Timer


def test_quiet_logger_silences_then_restores(caplog):
    logger = logging.getLogger("nnhelpers.test.quiet")
    logger.setLevel(logging.INFO)
    with caplog.at_level(logging.INFO, logger=logger.name):
        with timing.quiet_logger(logger.name):
            logger.warning("hidden")
        logger.warning("shown")
    assert [r.message for r in caplog.records] == ["shown"]
    assert logger.level == logging.INFO


def import_stderr(module: str, cuda_home: str) -> str:
    """What importing ``module`` in a fresh Python prints to stderr, with ``CUDA_HOME`` set."""
    env = {**os.environ, "CUDA_HOME": cuda_home}
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr


@pytest.mark.skipif(torch.cuda.is_available(), reason="the warning appears only without a GPU")
def test_import_is_quiet_where_torch_warns(tmp_path):
    # A CUDA toolkit (CUDA_HOME) without a GPU: torch.utils.benchmark warns, our import does not.
    assert "No CUDA runtime is found" in import_stderr("torch.utils.benchmark", str(tmp_path))
    assert import_stderr("nnhelpers.timing", str(tmp_path)) == ""
