"""Auto-checks students call after an exercise: a friendly pass or a hint, never a traceback.

Every check prints one line starting with ✅ (passed) or ❌ (not yet, with a hint) and
returns nothing, so a check cell's output is only that line. One module per notebook holds
that notebook's checks; ``verdict`` holds how they speak. Notebooks import them from here::

    from nnhelpers.checks import check_gradient
"""

from nnhelpers.checks.anomalous_diffusion import (
    check_accuracy,
    check_cnn,
    check_confusion_matrix,
    check_history,
    check_loaders,
    check_mlp,
    check_model,
    check_optimizers,
    check_split,
    check_train,
)
from nnhelpers.checks.autograd_basics import check_descent, check_gradient
from nnhelpers.checks.mlp_a_la_torch import check_count_parameters, check_deeper_model
from nnhelpers.checks.mlp_from_scratch import check_evaluate, check_log_softmax
from nnhelpers.checks.why_gpus import check_forward_flops, check_preload

__all__ = [
    "check_accuracy",
    "check_cnn",
    "check_history",
    "check_mlp",
    "check_optimizers",
    "check_train",
    "check_confusion_matrix",
    "check_count_parameters",
    "check_deeper_model",
    "check_descent",
    "check_evaluate",
    "check_forward_flops",
    "check_gradient",
    "check_loaders",
    "check_log_softmax",
    "check_model",
    "check_preload",
    "check_split",
]
