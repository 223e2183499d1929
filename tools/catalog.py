"""The course's notebooks, in order: the one list the tools, the tests and the README follow.

Each entry carries what the tools need of its notebook: its title and summary (the README's
table, the website), the packages its Colab setup cell adds (``tools.students.colab``),
the results its text cites (``tools.benchmark``) and whether its full setting is tested
offline on the shipped MNIST sample (``tests/test_student_path.py``).
"""

from dataclasses import dataclass, field
from pathlib import Path

from tools import ROOT


@dataclass(frozen=True)
class Notebook:
    """One lecture: its file stem (``01_autograd_basics``), its title and one line on it,
    and what the tools need of it (see the module's docstring)."""

    stem: str
    title: str
    summary: str
    colab_packages: str = ""
    """What its Colab setup cell installs besides the course helpers (with ``--no-deps``)."""
    results: dict[str, str] = field(default_factory=dict)
    """The results its text cites: benchmark figure key -> the expression that reads it in
    the notebook's kernel after its last cell."""
    offline_tested: bool = False
    """Whether a test runs it in the full setting offline, on the shipped MNIST sample."""

    @property
    def number(self) -> str:
        """The two-digit prefix, e.g. ``01``."""
        return self.stem[:2]

    @property
    def heading(self) -> str:
        """The notebook's first line: ``# 01 Autograd basics``."""
        return f"# {self.number} {self.title}"

    def solution(self, root: Path = ROOT) -> Path:
        """The solution notebook (the source)."""
        return root / "solutions" / f"{self.stem}.ipynb"

    def student(self, root: Path = ROOT) -> Path:
        """The student notebook (generated)."""
        return root / "notebooks" / f"{self.stem}.ipynb"


NOTEBOOKS: tuple[Notebook, ...] = (
    Notebook(
        "01_autograd_basics",
        "Autograd basics",
        "tensors, `requires_grad`, `backward()`, gradient accumulation and zeroing, "
        "the computational graph",
    ),
    Notebook(
        "02_mlp_from_scratch",
        "A fully connected network from scratch",
        "MNIST, raw parameter tensors, ReLU, softmax, cross-entropy, a hand-written SGD loop",
        results={"02_val_acc": 'history["val_acc"][-1]'},
        offline_tested=True,
    ),
    Notebook(
        "03_mlp_a_la_torch",
        "Deep learning à la torch",
        "`nn.Module`, `torch.optim` and an optimizer of your own, initialisation, "
        "a learning-rate explorer, the test set, saving a model, dropout",
        results={
            "03_val_acc_default": 'history_default["val_acc"][-1]',
            "03_val_acc_matched": 'history_matched["val_acc"][-1]',
        },
        offline_tested=True,
    ),
    Notebook(
        "04_why_gpus",
        "Why GPUs",
        "timing CPU vs GPU correctly, and why the input pipeline matters as much",
    ),
    Notebook(
        "05_anomalous_diffusion",
        "Classifying anomalous diffusion",
        "classify random-walk trajectories; SGD vs Adagrad vs Adam; a better model",
        # On Colab (Python 3.13, NumPy 2) andi-datasets installs only without its NumPy pin;
        # h5py, which it imports, is preinstalled there today, named in case Colab drops it.
        colab_packages="andi-datasets==2.1.13 stochastic==0.6.0 h5py",
        results={
            "05_test_acc_sgd": 'test_accuracy["SGD"]',
            "05_test_acc_adagrad": 'test_accuracy["Adagrad"]',
            "05_test_acc_adam": 'test_accuracy["Adam"]',
            "05_test_acc_best": 'test_accuracy["best"]',
        },
    ),
)


TABLE_START = "<!-- the notebooks: written from tools/catalog.py by ./course students -->"
TABLE_END = "<!-- end of the notebooks -->"


def readme_table() -> str:
    """The README's table of the notebooks, from this catalogue."""
    rows = [
        f"| {n.number} | [{n.title}](notebooks/{n.stem}.ipynb) | {n.summary} |" for n in NOTEBOOKS
    ]
    return "\n".join(["| # | Notebook | What you learn |", "|---|---|---|", *rows])


def with_readme_table(readme: str) -> str:
    """``readme`` with the table between its two markers written from the catalogue."""
    before, rest = readme.split(TABLE_START, 1)
    _, after = rest.split(TABLE_END, 1)
    return f"{before}{TABLE_START}\n{readme_table()}\n{TABLE_END}{after}"
