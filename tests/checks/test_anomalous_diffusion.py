"""The auto-checks of notebook 05 (anomalous diffusion): pass and fail paths."""

import numpy as np
import pytest
import torch
from andi_datasets.datasets_theory import datasets_theory
from andi_datasets.utils_trajectories import normalize
from sklearn.metrics import confusion_matrix
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from nnhelpers.checks import anomalous_diffusion
from nnhelpers.seeding import seed_everything

N_PER_CLASS = 50


@pytest.fixture(scope="module")
def data() -> np.ndarray:
    """A small dataset made as in notebook 05: rows sorted by class, label, exponent, T = 100."""
    seed_everything(0)
    return datasets_theory().create_dataset(
        T=100, N_models=N_PER_CLASS, exponents=[0.2], models=[0, 1, 2]
    )


@pytest.fixture(scope="module")
def tensors(data) -> tuple[torch.Tensor, torch.Tensor]:
    """The whole dataset as notebook 05 makes it: normalised float32 positions, int64 labels."""
    X = torch.tensor(normalize(data[:, 2:]), dtype=torch.float32)
    return X, torch.tensor(data[:, 0], dtype=torch.long)


def split(X, Y, x_order=None, y_order=None, n_train=None):
    """Split ``X`` and ``Y`` into (X_a, Y_a, X_e, Y_e) after reordering their rows."""
    n_train = int(0.8 * len(X)) if n_train is None else n_train
    X = X if x_order is None else X[x_order]
    Y = Y if y_order is None else Y[y_order]
    return X[:n_train], Y[:n_train], X[n_train:], Y[n_train:]


@pytest.fixture
def good_split(tensors):
    """The split of the exercise's solution: one random permutation, then 80/20."""
    X, Y = tensors
    perm = torch.randperm(len(X), generator=torch.Generator().manual_seed(0))
    return split(X, Y, perm, perm)


# --- check_split ---------------------------------------------------------------------------


def test_split_passes(good_split, printed):
    anomalous_diffusion.check_split(*good_split)
    assert printed().startswith("✅ 80% for training, 20% for testing")


def test_the_data_has_what_the_split_check_relies_on(tensors):
    """CTRW trajectories (label 1) at exponent 0.2 stand still most of the time; the others move."""
    X, Y = tensors
    mostly_still = anomalous_diffusion.flat_share(X) > 0.5
    assert mostly_still[Y == 1].float().mean() > 0.9
    assert mostly_still[Y != 1].float().mean() < 0.1


def test_split_without_shuffling_gets_a_hint(tensors, assert_hint):
    anomalous_diffusion.check_split(*split(*tensors))
    assert_hint("the test set has no ATTM or CTRW trajectories")


def test_split_with_two_permutations_gets_a_hint(tensors, assert_hint):
    X, Y = tensors
    generator = torch.Generator().manual_seed(0)
    x_order, y_order = (torch.randperm(len(X), generator=generator) for _ in range(2))
    anomalous_diffusion.check_split(*split(X, Y, x_order, y_order))
    assert_hint("index X and Y with the same permutation")


def test_split_that_keeps_the_class_order_gets_a_hint(tensors, assert_hint):
    """Each class split 80/20 on its own: every class is in both sets, but nothing is shuffled."""
    X, Y = tensors
    first = [i for c in range(3) for i in range(c * N_PER_CLASS, c * N_PER_CLASS + 40)]
    rest = [i for i in range(len(X)) if i not in set(first)]
    order = torch.tensor(first + rest)
    anomalous_diffusion.check_split(*split(X, Y, order, order))
    assert_hint("still sorted by class")


@pytest.mark.parametrize(
    ("spoil", "hint"),
    [
        (
            lambda X_a, Y_a, X_e, Y_e: (X_a.numpy(), Y_a, X_e, Y_e),
            "X_a is a ndarray: make it a torch tensor",
        ),
        (lambda X_a, Y_a, X_e, Y_e: (X_a, Y_a.to("meta"), X_e, Y_e), "different devices"),
        (
            lambda X_a, Y_a, X_e, Y_e: (X_a[:, :50], Y_a, X_e, Y_e),
            "one row of 100 positions per trajectory",
        ),
        (
            lambda X_a, Y_a, X_e, Y_e: (torch.cat([X_a[:, :2], X_a], dim=1), Y_a, X_e, Y_e),
            "without the label and exponent columns",
        ),
        (lambda X_a, Y_a, X_e, Y_e: (X_a.double(), Y_a, X_e, Y_e), "use dtype=torch.float32"),
        (lambda X_a, Y_a, X_e, Y_e: (X_a, Y_a, X_e, Y_e.float()), "Y_e has dtype torch.float32"),
        (lambda X_a, Y_a, X_e, Y_e: (X_a, Y_a[:-1], X_e, Y_e), "one label per row of X_a"),
        (lambda X_a, Y_a, X_e, Y_e: (X_a, Y_a + 1, X_e, Y_e), "labels other than 0, 1 and 2"),
    ],
)
def test_split_mistakes_get_hints(good_split, spoil, hint, assert_hint):
    anomalous_diffusion.check_split(*spoil(*good_split))
    assert_hint(hint)


def test_split_with_the_wrong_shares_gets_a_hint(tensors, assert_hint):
    X, Y = tensors
    perm = torch.randperm(len(X), generator=torch.Generator().manual_seed(0))
    anomalous_diffusion.check_split(*split(X, Y, perm, perm, n_train=int(0.7 * len(X))))
    assert_hint("the test set holds 30% of the trajectories; it should hold 20%")


# --- check_loaders -------------------------------------------------------------------------


def loaders(X_a, Y_a, X_e, Y_e, batch_size=64, shuffle=True):
    return (
        DataLoader(TensorDataset(X_a, Y_a), batch_size=batch_size, shuffle=shuffle),
        DataLoader(TensorDataset(X_e, Y_e), batch_size=batch_size),
    )


def test_loaders_pass(good_split, printed):
    X_a, _, X_e, _ = good_split
    anomalous_diffusion.check_loaders(*loaders(*good_split), X_a, X_e)
    assert printed() == "✅ batches of 64; the training batches come in a new order every epoch."


def test_loader_mistakes_get_hints(good_split, assert_hint):
    X_a, Y_a, X_e, Y_e = good_split
    train_loader, test_loader = loaders(*good_split)
    cases = [
        ((TensorDataset(X_a, Y_a), test_loader), "train_loader serves one trajectory at a time"),
        ((test_loader, test_loader), "train_loader serves the trajectories of X_e"),
        ((train_loader, train_loader), "test_loader serves the trajectories of X_a"),
        (loaders(X_a[:60], Y_a[:60], X_e, Y_e), "serves 60 trajectories that are not those of"),
        (loaders(*good_split, batch_size=32), "use batches of 64"),
        (loaders(*good_split, shuffle=False), "pass shuffle=True"),
    ]
    for (train, test), hint in cases:
        anomalous_diffusion.check_loaders(train, test, X_a, X_e)
        assert_hint(hint)


# --- check_model ---------------------------------------------------------------------------


def mlp(sizes=(100, 500, 500, 500, 500, 3)) -> nn.Sequential:
    """A fully connected network with ReLUs between the layers of ``sizes``."""
    layers = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
    return nn.Sequential(*layers[:-1])


def test_the_exercise_model_passes(good_split, printed):
    anomalous_diffusion.check_model(mlp(), good_split[2])
    assert (
        printed() == "✅ the model maps trajectories to 3 logits each; it learns 803,503 numbers."
    )


def test_a_cnn_on_the_steps_passes(good_split, printed):
    steps = torch.diff(good_split[2], dim=1)
    cnn = nn.Sequential(
        nn.Unflatten(1, (1, 99)),
        nn.Conv1d(1, 4, 5),
        nn.AdaptiveAvgPool1d(1),
        nn.Flatten(),
        nn.Linear(4, 3),
    )
    anomalous_diffusion.check_model(cnn, steps)
    assert printed().startswith("✅")


@pytest.mark.parametrize(
    ("model", "hint"),
    [
        (lambda: "a model", "model is a str"),
        (lambda: nn.Sequential(nn.Flatten()), "nothing to learn"),
        (lambda: mlp((102, 50, 3)), "the first layer should take the 100 numbers"),
        (lambda: mlp((100, 50, 10)), "returns (8, 10), not (8, 3)"),
        (
            lambda: nn.Sequential(*mlp((100, 50, 3)), nn.Softmax(dim=1)),
            "end with the last Linear layer",
        ),
        (
            lambda: nn.Sequential(nn.Linear(100, 3), nn.Unflatten(1, (3, 1)), nn.Conv1d(5, 3, 1)),
            "give each trajectory a channel dimension",
        ),
        (lambda: mlp((100, 50, 3)).to("meta"), "model.to(device)"),
    ],
)
def test_model_mistakes_get_hints(good_split, model, hint, assert_hint):
    anomalous_diffusion.check_model(model(), good_split[2])
    assert_hint(hint)


def test_model_check_changes_nothing(good_split, printed):
    model = nn.Sequential(nn.Linear(100, 8), nn.BatchNorm1d(8), nn.Linear(8, 3))
    before = {k: v.clone() for k, v in model.state_dict().items()}
    anomalous_diffusion.check_model(model, good_split[2])
    assert printed().startswith("✅")
    assert model.training
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


# --- check_confusion_matrix ----------------------------------------------------------------


class Constant(nn.Module):
    """A 'model' that puts every trajectory in class ``label``."""

    def __init__(self, label: int):
        super().__init__()
        self.logits = nn.Parameter(torch.nn.functional.one_hot(torch.tensor(label), 3).float())

    def forward(self, x):
        return self.logits.expand(len(x), 3)


@pytest.fixture
def trained(good_split):
    """A small model (seeded, untrained) and its true confusion matrix on the test set."""
    torch.manual_seed(0)
    model = mlp((100, 20, 3))
    X_e, Y_e = good_split[2], good_split[3]
    with torch.no_grad():
        predicted = model(X_e).argmax(dim=1)
    return model, confusion_matrix(Y_e.numpy(), predicted.numpy(), labels=[0, 1, 2])


def test_confusion_matrix_passes(good_split, trained, printed):
    model, matrix = trained
    for answer in (matrix, torch.tensor(matrix), matrix.tolist()):
        anomalous_diffusion.check_confusion_matrix(answer, model, good_split[2], good_split[3])
        assert printed().startswith("✅ the matrix counts every test trajectory once")


def test_confusion_matrix_mistakes_get_hints(good_split, assert_hint):
    X_e, Y_e = good_split[2], good_split[3]
    model = Constant(0)  # every prediction ATTM: the matrix is not symmetric
    matrix = confusion_matrix(Y_e.numpy(), np.zeros(len(Y_e), dtype=int), labels=[0, 1, 2])
    cases = [
        ("not a matrix", "make it an array"),
        (matrix[:2, :2], "it should be 3 × 3"),
        (matrix.T, "rows and columns are swapped"),
        (matrix / matrix.sum(axis=1, keepdims=True), "the matrix holds fractions"),
        (matrix / matrix.sum(), "the matrix holds fractions"),
        (matrix + np.eye(3, dtype=int), f"the test set {len(Y_e)}: count the test set's"),
        (matrix[:, [1, 0, 2]], "differ from the model's predictions"),
    ]
    for answer, hint in cases:
        anomalous_diffusion.check_confusion_matrix(answer, model, X_e, Y_e)
        assert_hint(hint)


# --- check_accuracy ------------------------------------------------------------------------


@pytest.mark.parametrize("accuracy", [0.6, 0.5, torch.tensor(0.75), np.float64(1.0)])
def test_accuracy_at_or_above_the_target_passes(accuracy, printed):
    anomalous_diffusion.check_accuracy(accuracy, target=0.5)
    assert printed() == f"✅ test accuracy {float(accuracy):.3f} reaches the target 0.50."


@pytest.mark.parametrize(
    ("accuracy", "hint"),
    [
        (0.433, "test accuracy 0.433 is below the target 0.50: train longer"),
        (60.1, "a fraction between 0 and 1, not in percent"),
        (-0.1, "a fraction between 0 and 1"),
        (None, "give one number"),
        ([0.5, 0.6], "give one number"),
    ],
)
def test_accuracy_below_the_target_or_malformed_gets_a_hint(accuracy, hint, assert_hint):
    anomalous_diffusion.check_accuracy(accuracy, target=0.5)
    assert_hint(hint)
