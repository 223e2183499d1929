"""What the benchmark measures: every figure of the report, its unit and its target."""

import operator
from collections.abc import Callable
from dataclasses import dataclass

COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "<": operator.lt,
}


def duration(seconds: float) -> str:
    """A wall time as ``42 s``, ``8 min 05 s`` or ``30 min``."""
    minutes, rest = divmod(round(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest:02d} s" if rest else f"{minutes} min"


FORMATS: dict[str, Callable[[float], str]] = {
    "accuracy": lambda value: f"{value:.4f}",
    "seconds": lambda value: f"{value:.2f} s",
    "duration": duration,
    "ratio": lambda value: f"{value:.1f}x",
    "share": lambda value: f"{value:.0%}",
    "flop_rate": lambda value: f"{value / 1e9:.1f} GFLOP/s",
    "bytes": lambda value: f"{value / 2**20:,.0f} MiB",
}
"""How each unit is shown; values are stored in plain units (seconds, FLOP/s, fractions)."""


@dataclass(frozen=True)
class Target:
    """What a figure must reach, e.g. ``Target(">=", 0.978)``."""

    op: str
    threshold: float

    def met(self, value: float) -> bool:
        """True when ``value`` reaches the target."""
        return COMPARISONS[self.op](value, self.threshold)

    def text(self, unit: str) -> str:
        """The target as the report shows it, e.g. ``>= 0.978``, ``>= 4x`` or ``< 30 min``."""
        if unit == "duration":
            return f"{self.op} {duration(self.threshold)}"
        return f"{self.op} {self.threshold:g}{'x' if unit == 'ratio' else ''}"


@dataclass(frozen=True)
class Figure:
    """One row of the report: what is measured, the original lesson's value, the target."""

    key: str
    label: str
    unit: str
    original: str = "n/a"
    target: Target | None = None


RESULT_FIGURES: list[Figure] = [
    Figure(
        "02_val_acc",
        "02 from scratch: final validation accuracy",
        "accuracy",
        "0.979",
        Target(">=", 0.978),
    ),
    Figure(
        "03_val_acc_default",
        "03 à la torch, default init: final validation accuracy",
        "accuracy",
        "0.952",
        Target(">=", 0.950),
    ),
    Figure(
        "03_val_acc_matched", "03 à la torch, matched init: final validation accuracy", "accuracy"
    ),
    Figure(
        "05_test_acc_sgd",
        "05 anomalous diffusion, SGD recipe: test accuracy",
        "accuracy",
        "n/a (its target: 0.50)",
        Target(">=", 0.50),
    ),
    Figure("05_test_acc_adagrad", "05 anomalous diffusion, Adagrad: test accuracy", "accuracy"),
    Figure("05_test_acc_adam", "05 anomalous diffusion, Adam: test accuracy", "accuracy"),
    Figure(
        "05_test_acc_best",
        "05 anomalous diffusion, best model: test accuracy",
        "accuracy",
        target=Target(">=", 0.95),
    ),
]


COURSE_FIGURE = Figure(
    "course_wall",
    "Whole course, full setting: wall time",
    "duration",
    target=Target("<", 10 * 60),  # the README: "about 8 minutes on a 2-core CPU"
)

EPOCH_FIGURES: list[Figure] = [
    Figure("epoch_original", "Epoch, original pipeline (ToTensor() per image)", "seconds"),
    Figure("loading_original", "Data loading alone, original pipeline", "seconds"),
    Figure(
        "epoch_preloaded", "Epoch, preloaded pipeline (TensorDataset, whole batches)", "seconds"
    ),
    Figure(
        "preloaded_spread",
        "Preloaded epochs, slowest / fastest (above about 1.2x the machine was busy)",
        "ratio",
    ),
    Figure("epoch_bound", "Epoch, compute bound (its matmuls, timed inside the loop)", "seconds"),
    Figure("matmul_share", "Share of a preloaded training step spent in matmuls", "share"),
    Figure("matmul_rate", "Matmul rate inside the training loop", "flop_rate"),
    Figure("isolated_matmul_rate", "Matmul rate, the same five matmuls timed alone", "flop_rate"),
    Figure(
        "original_over_preloaded",
        "Speed-up of preloading: original / preloaded epoch",
        "ratio",
        target=Target(">=", 3),
    ),
    Figure(
        "preloaded_over_bound",
        "Preloaded epoch (profiled) / its matmul time",
        "ratio",
        target=Target("<=", 2),
    ),
]


WALL_TARGETS: dict[str, Target] = {"02": Target("<", 6 * 60)}
"""Wall times the notebooks' text promises: 02's 40 epochs take "a few minutes on a laptop
CPU" there (about 5 in its stored run, 2 to 3 in other runs on 2-core machines)."""


def wall_figure(number: str, name: str) -> Figure:
    """The wall-time row of one notebook (with the target its text sets, if any)."""
    return Figure(
        f"wall_{number}", f"{name}: wall time", "duration", target=WALL_TARGETS.get(number)
    )


PEAK_MEMORY = (
    "__import__('resource').getrusage(__import__('resource').RUSAGE_SELF).ru_maxrss * 1024"
)
"""What a notebook's kernel evaluates after its last cell for its peak memory (resident, in
bytes; Linux counts ``ru_maxrss`` in KiB), the figure a hub's memory limit per student needs."""


def memory_figure(number: str, name: str) -> Figure:
    """The peak-memory row of one notebook (its kernel's, in the full setting)."""
    return Figure(f"memory_{number}", f"{name}: peak memory of its kernel", "bytes")


CLASSROOM_FIGURES: list[Figure] = [
    Figure(
        f"classroom_{key}", f"Classroom: {label}, speed vs one thread alone", "share", target=target
    )
    for key, label, target in [
        ("alone", "one kernel alone, torch's default threads", None),
        ("quota_before", "one kernel under a 1-core quota, torch's default threads", None),
        ("quota", "one kernel under a 1-core quota, the course's threads", Target(">=", 0.85)),
        ("hub_before", "a kernel per core, each under a 1-core quota, default threads", None),
        (
            "hub",
            "a kernel per core, each under a 1-core quota, the course's threads",
            Target(">=", 0.85),
        ),
        ("crowd", "a kernel per core, no quota, torch's default threads", None),
        ("crowd_1", "a kernel per core, no quota, NN_THREADS=1", None),
    ]
]
"""tools.benchmark.classroom: notebook 02's loop in kernels side by side (the slowest counts)."""


GRADING_FIGURES: list[Figure] = [
    Figure(
        "grading_one_student",
        "Grading: nbgrader autograde of one student's five notebooks, one after the other",
        "seconds",
    ),
    Figure(
        "grading_in_lanes",
        "Grading: the same, one lane of notebooks per core (per student, for a class)",
        "seconds",
        target=Target("<=", 36),  # a class of 100 graded in an hour
    ),
]
"""tools.benchmark.grading."""
