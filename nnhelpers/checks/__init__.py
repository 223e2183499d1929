"""Auto-checks students call after an exercise: a friendly pass or a hint, never a traceback.

Every check prints one line starting with ✅ (passed) or ❌ (not yet, with a hint) and
returns nothing, so a check cell's output is only that line; it judges what an answer
*does*, on inputs it makes itself, and leaves the student's state as it found it.
Notebooks import the checks from here::

    from nnhelpers.checks import check_gradient

The modules, by job: ``verdict`` (how checks speak and keep the student's state),
``values`` (what a value is, in words), ``models`` (what a network computes, layer by
layer), ``training`` (histories, training loops, accuracies: notebooks 02, 03 and 05), and
one module per notebook for what is only its own.
"""

from nnhelpers.checks.anomalous_diffusion import (
    check_cnn,
    check_confusion_matrix,
    check_history,
    check_loaders,
    check_mlp,
    check_optimizers,
    check_split,
    check_train,
)
from nnhelpers.checks.autograd_basics import check_descent, check_gradient
from nnhelpers.checks.mlp_a_la_torch import (
    check_count_parameters,
    check_deeper_model,
    check_init_for_relu,
    check_my_sgd,
)
from nnhelpers.checks.mlp_from_scratch import check_evaluate, check_log_softmax
from nnhelpers.checks.training import check_accuracy
from nnhelpers.checks.why_gpus import check_forward_flops, check_preload

__all__ = [
    "check_accuracy",
    "check_cnn",
    "check_confusion_matrix",
    "check_count_parameters",
    "check_deeper_model",
    "check_descent",
    "check_evaluate",
    "check_forward_flops",
    "check_gradient",
    "check_history",
    "check_init_for_relu",
    "check_loaders",
    "check_log_softmax",
    "check_mlp",
    "check_my_sgd",
    "check_optimizers",
    "check_preload",
    "check_split",
    "check_train",
]
