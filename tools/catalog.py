"""The course's notebooks, in order: the one list the tools, the tests and the README follow."""

from dataclasses import dataclass
from pathlib import Path

from tools import ROOT


@dataclass(frozen=True)
class Notebook:
    """One lecture: its file stem (``01_autograd_basics``), its title and one line on it."""

    stem: str
    title: str
    summary: str

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
    ),
    Notebook(
        "03_mlp_a_la_torch",
        "Deep learning à la torch",
        "`nn.Module`, `torch.nn.functional`, `torch.optim`, initialisation, "
        "a learning-rate explorer",
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
    ),
)
