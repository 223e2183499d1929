"""The course's MLP, as notebook 04 defines it (``make_model``), for the maintainers' tools.

The benchmark (``tools.benchmark``) and the GPU reference (``tools.gpu_reference``) build
and count this one definition; ``tests/tools/test_course_mlp.py`` checks it against
notebook 04's own code.
"""

from torch import nn

LAYERS: tuple[int, int, int] = (784, 500, 10)
"""Its layer sizes: 28 x 28 pixels in, 500 hidden units, 10 digits out."""


def course_mlp() -> nn.Module:
    """The 784-500-10 MLP with ReLU of notebooks 02-04 (the second layer without bias)."""
    d_in, hidden, d_out = LAYERS
    return nn.Sequential(
        nn.Flatten(), nn.Linear(d_in, hidden), nn.ReLU(), nn.Linear(hidden, d_out, bias=False)
    )


def forward_flops(batch_size: int) -> int:
    """FLOPs of one forward pass of ``batch_size`` images: its matrix products, a
    multiply-add counting 2 (notebook 04's exercise 2)."""
    return 2 * batch_size * sum(a * b for a, b in zip(LAYERS, LAYERS[1:]))
