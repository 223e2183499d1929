"""The auto-checks of notebook 05 (anomalous diffusion): pass and fail paths."""

import numpy as np
import pytest
import torch
from andi_datasets.datasets_theory import datasets_theory
from andi_datasets.utils_trajectories import normalize
from sklearn.metrics import confusion_matrix
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from train_variants import make_train

from nnhelpers.checks import anomalous_diffusion as checks
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
def perm(tensors):
    return torch.randperm(len(tensors[0]), generator=torch.Generator().manual_seed(0))


@pytest.fixture
def good_split(tensors, perm):
    """The split of the exercise's solution: one random permutation, then 80/20."""
    return split(*tensors, perm, perm)


def check_split(parts, tensors, data) -> None:
    """check_split as the notebook calls it, with X and labels as numpy arrays."""
    checks.check_split(*parts, normalize(data[:, 2:]), data[:, 0])


# --- check_split ---------------------------------------------------------------------------


def test_split_passes(good_split, tensors, data, printed):
    check_split(good_split, tensors, data)
    assert printed().startswith("✅ 80% for training, 20% for testing")


def test_split_in_other_styles_passes(tensors, data, passed):
    """numpy's permutation, sklearn's stratified split, and a split on the device later."""
    from sklearn.model_selection import train_test_split

    X, Y = tensors
    order = torch.from_numpy(np.random.default_rng(0).permutation(len(X)))
    check_split(split(X, Y, order, order), tensors, data)
    assert passed()
    X_a, X_e, Y_a, Y_e = train_test_split(X, Y, test_size=0.2, stratify=Y, random_state=0)
    check_split((X_a, Y_a, X_e, Y_e), tensors, data)
    assert passed()


def test_the_data_has_duplicate_rows(tensors):
    """CTRW walkers that never move are all rows of zeros: the split check counts rows as a
    multiset, so a correct split with duplicates passes (test_split_passes)."""
    X, Y = tensors
    still = (X == 0).all(dim=1)
    assert still.sum() > 5 and (Y[still] == 1).all()


@pytest.mark.parametrize(
    "make, hint",
    [
        (lambda X, Y, p: split(X, Y), "the test set has no ATTM or CTRW trajectories"),
        (lambda X, Y, p: split(X, Y, p, torch.roll(p, 1)), "the labels no longer belong"),
        (lambda X, Y, p: split(X, Y, p), "the labels no longer belong"),
        (lambda X, Y, p: split(X, Y, p, p, n_train=int(0.7 * len(X))), "holds 30% of the"),
        (
            lambda X, Y, p: (X[p][:120], Y[p][:120], X[p][:30], Y[p][:30]),
            "in both the training and the test set",
        ),
        (lambda X, Y, p: split(X, Y, p, p)[:2] + (X[p][-20:], Y[p][-20:]), "every trajectory goes"),
        (lambda X, Y, p: split(2 * X, Y, p, p), "are not the trajectories of X"),
        (
            lambda X, Y, p: split(X, torch.zeros_like(Y), p, p),
            "every label is 0: the labels are the first column",
        ),
        (lambda X, Y, p: split(X, Y, p, p)[:3] + (Y[p][120:].float(),), "Y_e has dtype"),
        (lambda X, Y, p: (X[p][:120].numpy(),) + split(X, Y, p, p)[1:], "X_a is a ndarray"),
        (lambda X, Y, p: split(X.double(), Y, p, p), "X_a has dtype torch.float64"),
        (lambda X, Y, p: split(X[:, :50], Y, p, p), "one row of 100 positions"),
        (
            lambda X, Y, p: split(torch.cat([X[:, :2], X], dim=1), Y, p, p),
            "without the label and exponent columns",
        ),
        (
            lambda X, Y, p: split(X, Y, p, p)[:1] + (Y[p][:119],) + split(X, Y, p, p)[2:],
            "one label per row of X_a",
        ),
    ],
)
def test_split_mistakes_are_named(make, hint, tensors, data, perm, assert_hint):
    check_split(make(*tensors, perm), tensors, data)
    assert_hint(hint)


def test_a_split_that_keeps_the_class_order_is_named(tensors, data, assert_hint):
    """Each class split 80/20 on its own: every class is in both sets, but nothing is shuffled."""
    X, Y = tensors
    first = [i for c in range(3) for i in range(c * N_PER_CLASS, c * N_PER_CLASS + 40)]
    rest = [i for i in range(len(X)) if i not in set(first)]
    order = torch.tensor(first + rest)
    check_split(split(X, Y, order, order), tensors, data)
    assert_hint("still sorted by class")


# --- check_loaders -------------------------------------------------------------------------


def loaders(X_a, Y_a, X_e, Y_e, batch_size=64, shuffle=True, drop_last=False):
    return (
        DataLoader(
            TensorDataset(X_a, Y_a), batch_size=batch_size, shuffle=shuffle, drop_last=drop_last
        ),
        DataLoader(TensorDataset(X_e, Y_e), batch_size=batch_size),
    )


def test_loaders_pass(good_split, printed):
    checks.check_loaders(*loaders(*good_split), *good_split)
    assert printed() == "✅ batches of 64; the training batches come in a new order every epoch."


def test_loaders_that_fetch_whole_batches_pass(good_split, passed):
    from torch.utils.data import BatchSampler, RandomSampler, SequentialSampler

    X_a, Y_a, X_e, Y_e = good_split
    train, test = TensorDataset(X_a, Y_a), TensorDataset(X_e, Y_e)
    train_loader = DataLoader(
        train, sampler=BatchSampler(RandomSampler(train), 64, drop_last=False), batch_size=None
    )
    test_loader = DataLoader(
        test, sampler=BatchSampler(SequentialSampler(test), 64, drop_last=False), batch_size=None
    )
    checks.check_loaders(train_loader, test_loader, *good_split)
    assert passed()


def generator_of(loader):
    return (batch for batch in loader)


def test_loader_mistakes_are_named(good_split, assert_hint):
    X_a, Y_a, X_e, Y_e = good_split
    train_loader, test_loader = loaders(*good_split)
    shuffled_rows = X_a[torch.randperm(len(X_a), generator=torch.Generator().manual_seed(1))]
    cases = [
        ((TensorDataset(X_a, Y_a), test_loader), "train_loader is a TensorDataset"),
        ((DataLoader(TensorDataset(X_a, Y_a), batch_size=None), test_loader), "one row at a time"),
        ((test_loader, train_loader), "train_loader serves the rows of X_e"),
        ((train_loader, train_loader), "test_loader serves the rows of X_a"),
        (loaders(X_a[:60], Y_a[:60], X_e, Y_e), "serves 60 of the 120 rows of X_a"),
        (loaders(*good_split, drop_last=True), "the last, smaller batch is left out"),
        (loaders(2 * X_a, Y_a, X_e, Y_e), "serves 120 rows that are not those of X_a"),
        (loaders(shuffled_rows, Y_a, X_e, Y_e), "but not each with its own label"),
        (loaders(*good_split, batch_size=32), "use batches of 64"),
        (loaders(*good_split, shuffle=False), "in the same order every epoch"),
        ((list(train_loader), test_loader), "a list of batches"),
        ((generator_of(train_loader), test_loader), "served nothing: a generator"),
        (
            (DataLoader(TensorDataset(Y_a, X_a), batch_size=64, shuffle=True), test_loader),
            "serves (labels, inputs)",
        ),
    ]
    for (train, test), hint in cases:
        checks.check_loaders(train, test, *good_split)
        assert_hint(hint)


# --- check_mlp -------------------------------------------------------------------------------


def mlp(sizes=(100, 500, 500, 500, 500, 3)) -> nn.Sequential:
    """A fully connected network with ReLUs between the layers of ``sizes``."""
    layers = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
    return nn.Sequential(*layers[:-1])


class MLP(nn.Module):
    """Exercise 3 as a class, with torch.relu and layers 2 to 5 without biases."""

    def __init__(self):
        super().__init__()
        self.first = nn.Linear(100, 500)
        self.hidden = nn.ModuleList(nn.Linear(500, 500, bias=False) for _ in range(3))
        self.last = nn.Linear(500, 3, bias=False)

    def forward(self, x):
        x = torch.relu(self.first(x))
        for layer in self.hidden:
            x = torch.relu(layer(x))
        return self.last(x)


class SkipsOne(MLP):
    def forward(self, x):
        x = torch.relu(self.first(x))
        for layer in self.hidden[:2]:
            x = torch.relu(layer(x))
        return self.last(x)


def forgot_return():
    network = mlp()  # noqa: F841


@pytest.mark.parametrize("make", [mlp, MLP], ids=["Sequential", "a class"])
def test_make_mlp_passes(make, good_split, printed):
    checks.check_mlp(make, good_split[2])
    assert printed().startswith("✅ make_mlp() builds the network")


@pytest.mark.parametrize(
    "make, hint",
    [
        (forgot_return, "make_mlp() returns None"),
        (lambda: "a network", "what make_mlp() returns is a str"),
        (lambda: MLP, "is the class MLP itself: make a network from it, MLP()"),
        (
            lambda: nn.Sequential(
                nn.Linear(100, 500),
                nn.ReLU(),
                *[nn.Linear(500, 500), nn.ReLU()] * 3,
                nn.Linear(500, 3),
            ),
            "uses one layer several times",
        ),
        (SkipsOne, "has a Linear layer (500 → 500) that never runs"),
        (
            lambda: nn.Sequential(nn.LazyLinear(500), *list(mlp())[1:]),
            "make_mlp() returns lazy layers",
        ),
        (lambda: mlp((100, 500, 500, 500, 3)), "they should go 100 → 500 → 500 → 500 → 500 → 3"),
        (lambda: mlp((102, 500, 500, 500, 500, 3)), "takes rows of 102 numbers"),
        (
            lambda: nn.Sequential(*list(mlp())[:3], *list(mlp())[4:]),
            "between Linear layers 2 and 3",
        ),
        (lambda: nn.Sequential(*mlp(), nn.Softmax(dim=1)), "ends with a softmax"),
        (lambda: nn.Sequential(*mlp(), nn.ReLU()), "ends with a ReLU"),
    ],
)
def test_make_mlp_mistakes_are_named(make, hint, good_split, assert_hint):
    checks.check_mlp(make, good_split[2])
    assert_hint(hint)


def test_a_make_mlp_that_returns_one_network_every_time_is_named(good_split, assert_hint):
    network = mlp()
    checks.check_mlp(lambda: network, good_split[2])
    assert_hint("returns the same model every time")


# --- check_train ---------------------------------------------------------------------------
# (the training loop's judge is tested in test_training.py)


def test_unanswered_train_says_what_to_write(assert_hint):
    def train(model, optimizer, train_loader, val_loader, n_epochs): ...

    checks.check_train(train)
    assert_hint("write the body of train(model, optimizer, train_loader, val_loader, n_epochs)")


def test_check_train_leaves_the_global_random_numbers_alone(printed):
    torch.manual_seed(5)
    expected = torch.rand(3)
    torch.manual_seed(5)
    checks.check_train(make_train())
    assert printed().startswith("✅ train takes one clean step per batch")
    assert torch.equal(torch.rand(3), expected)


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
        checks.check_confusion_matrix(answer, model, good_split[2], good_split[3])
        assert printed().startswith("✅ the matrix counts every test trajectory once")


def test_confusion_matrix_mistakes_are_named(good_split, assert_hint):
    X_e, Y_e = good_split[2], good_split[3]
    model = Constant(0)  # every prediction ATTM: the matrix is not symmetric
    matrix = confusion_matrix(Y_e.numpy(), np.zeros(len(Y_e), dtype=int), labels=[0, 1, 2])
    cases = [
        ("not a matrix", "make it a 3 × 3 array"),
        (matrix[:2, :2], "it should be 3 × 3"),
        (matrix.T, "rows and columns are swapped"),
        (matrix / matrix.sum(axis=1, keepdims=True), "the matrix holds fractions"),
        (matrix / matrix.sum(), "the matrix holds fractions"),
        (matrix + np.eye(3, dtype=int), f"the test set has {len(Y_e)}"),
        (matrix[:, [1, 0, 2]], "differ from what the model predicts"),
    ]
    for answer, hint in cases:
        checks.check_confusion_matrix(answer, model, X_e, Y_e)
        assert_hint(hint)


# --- check_optimizers ----------------------------------------------------------------------


def run_of(model, X_e, Y_e, losses=(1.0, 0.9)):
    """A history whose last validation numbers are ``model``'s on the test set."""
    with torch.no_grad():
        logits = model(X_e)
    loss = torch.nn.functional.cross_entropy(logits, Y_e).item()
    accuracy = (logits.argmax(dim=1) == Y_e).float().mean().item()
    return {"train_loss": list(losses), "val_loss": [2.0, loss], "val_acc": [0.1, accuracy]}


@pytest.fixture
def trained_three(good_split):
    X_e, Y_e = good_split[2], good_split[3]
    torch.manual_seed(0)
    models = {name: mlp((100, 4, 3)) for name in ("SGD", "Adagrad", "Adam")}
    losses = {"SGD": (1.0, 0.9), "Adagrad": (1.0, 0.8), "Adam": (1.0, 0.7)}
    histories = {name: run_of(model, X_e, Y_e, losses[name]) for name, model in models.items()}
    return models, histories, X_e, Y_e


def test_optimizers_pass(trained_three, printed):
    models, histories, X_e, Y_e = trained_three
    checks.check_optimizers(models, histories, 2, X_e, Y_e)
    assert printed().startswith("✅ SGD, Adagrad and Adam each trained a network of their own")


@pytest.mark.parametrize(
    "change, hint",
    [
        (lambda m, h: h.pop("Adam") and h.pop("Adagrad"), "histories holds SGD only"),
        (lambda m, h: h.update(adam=h.pop("Adam")), "histories has no Adam"),
        (lambda m, h: m.update(Adam=m["SGD"]), "the same network as another optimizer's"),
        (lambda m, h: h["Adam"].update(train_loss=[1.0]), "holds 1 values for 2 epochs"),
        (lambda m, h: h["Adam"].update(train_loss=[1.2, 1.2]), "the same in every epoch"),
        (lambda m, h: h.update(Adam=h["Adagrad"]), "hold the very same numbers"),
        (lambda m, h: h["Adam"].update(val_acc=[0.1, 0.99]), "is it this model's run"),
        (lambda m, h: m.pop("Adagrad"), "models has no 'Adagrad'"),
        (
            lambda m, h: m.update(Adam=torch.optim.Adam(m["Adam"].parameters())),
            "models['Adam'] is a Adam: models holds networks",
        ),
    ],
)
def test_optimizer_mistakes_are_named(change, hint, trained_three, assert_hint):
    models, histories, X_e, Y_e = trained_three
    change(models, histories)
    checks.check_optimizers(models, histories, 2, X_e, Y_e)
    assert_hint(hint)


# --- check_cnn -----------------------------------------------------------------------------


def exercise_cnn(
    *, channel=True, end=(), pool=True, relu=True, channels=(32, 32, 64), width=5, padding=2
):
    """The exercise's CNN, with what is asked left out or changed."""
    a, b, c = channels
    act = nn.ReLU if relu else nn.Identity
    return nn.Sequential(
        *([nn.Unflatten(1, (1, 99))] if channel else []),
        nn.Conv1d(1, a, width, padding=padding), act(),
        nn.Conv1d(a, b, width, padding=padding), act(),
        *([nn.MaxPool1d(2)] if pool else []),
        nn.Conv1d(b, c, width, padding=padding), act(),
        nn.AdaptiveAvgPool1d(1),
        nn.Flatten(),
        nn.Linear(c, 3),
        *end,
    )  # fmt: skip


class CNN(nn.Module):
    """The exercise's CNN as a class: the channel added in forward, F.relu, a mean."""

    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList(
            nn.Conv1d(n_in, n_out, 5, padding=2) for n_in, n_out in ((1, 32), (32, 32), (32, 64))
        )
        self.out = nn.Linear(64, 3)

    def forward(self, x):
        x = torch.relu(self.convs[0](x.unsqueeze(1)))
        x = torch.nn.functional.max_pool1d(torch.relu(self.convs[1](x)), 2)
        return self.out(torch.relu(self.convs[2](x)).mean(dim=2))


@pytest.fixture
def steps(good_split):
    X_a, Y_a, X_e, Y_e = good_split
    D_a, D_e = torch.diff(X_a, dim=1), torch.diff(X_e, dim=1)
    return D_a, D_e, *loaders(D_a, Y_a, D_e, Y_e)


@pytest.mark.parametrize("make", [exercise_cnn, CNN], ids=["Sequential", "a class"])
def test_cnn_passes(make, steps, good_split, printed):
    checks.check_cnn(make(), *steps, *good_split)
    assert printed().startswith("✅ the CNN maps the steps to 3 logits each")


def test_steps_that_have_their_channel_already_pass(good_split, printed):
    X_a, Y_a, X_e, Y_e = good_split
    D_a, D_e = torch.diff(X_a, dim=1).unsqueeze(1), torch.diff(X_e, dim=1).unsqueeze(1)
    checks.check_cnn(
        exercise_cnn(channel=False), D_a, D_e, *loaders(D_a, Y_a, D_e, Y_e), *good_split
    )
    assert printed().startswith("✅ the CNN maps the steps to 3 logits each")


@pytest.mark.parametrize(
    "make, hint",
    [
        (lambda: exercise_cnn(channel=False), "nn.Conv1d wants (batch, channels, time)"),
        (lambda: exercise_cnn(end=[nn.Softmax(dim=1)]), "ends with a softmax"),
        (lambda: exercise_cnn(pool=False), "a ReLU, then nn.MaxPool1d(2)"),
        (lambda: exercise_cnn(relu=False), "between convolutions 1 and 2 should come a ReLU"),
        (lambda: exercise_cnn(channels=(16, 16, 32)), "channels go 1 → 16 → 16 → 32"),
        (lambda: exercise_cnn(padding=0), "turns 99 time steps into 95: give it padding=2"),
        (lambda: exercise_cnn(width=3, padding=1), "has filters of width 3: use kernel_size=5"),
        (lambda: nn.Sequential(*list(exercise_cnn())[:-3], nn.Flatten(), nn.Linear(64, 3)),
         "average each channel over time"),
        (lambda: nn.Sequential(*list(exercise_cnn())[:-2], nn.Linear(64, 3)),
         "drop the time dimension"),
        (lambda: nn.Sequential(*list(exercise_cnn())[:-1], nn.Linear(64, 16), nn.ReLU(),
                               nn.Linear(16, 3)), "2 Linear layers follow the convolutions"),
        (lambda: "a CNN", "cnn is a str"),
        (lambda: CNN, "cnn is the class CNN itself"),
    ],
)  # fmt: skip
def test_cnn_mistakes_are_named(make, hint, steps, good_split, assert_hint):
    checks.check_cnn(make(), *steps, *good_split)
    assert_hint(hint)


def test_cnn_steps_and_loaders_mistakes_are_named(steps, good_split, assert_hint):
    D_a, D_e, train_loader, test_loader = steps
    X_a, Y_a, X_e, Y_e = good_split
    cases = [
        ((X_a, D_e, train_loader, test_loader), "D_a holds the positions"),
        ((D_a, torch.diff(X_e, dim=0), train_loader, test_loader), "D_e has one row too few"),
        ((D_a, D_e, test_loader, train_loader), "steps_train_loader serves the rows of D_e"),
        (
            (D_a, D_e, *loaders(X_a, Y_a, X_e, Y_e)),
            "steps_train_loader serves rows of shape (100,), but the rows of D_a have shape (99,)",
        ),
    ]
    for given, hint in cases:
        checks.check_cnn(exercise_cnn(), *given, *good_split)
        assert_hint(hint)


def test_a_lazy_cnn_passes_and_stays_lazy(steps, good_split, passed):
    cnn = nn.Sequential(
        nn.Unflatten(1, (1, 99)),
        nn.LazyConv1d(32, 5, padding=2), nn.ReLU(),
        nn.LazyConv1d(32, 5, padding=2), nn.ReLU(), nn.MaxPool1d(2),
        nn.LazyConv1d(64, 5, padding=2), nn.ReLU(),
        nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.LazyLinear(3),
    )  # fmt: skip
    checks.check_cnn(cnn, *steps, *good_split)
    assert passed()
    assert isinstance(cnn[1].weight, torch.nn.parameter.UninitializedParameter)


# --- check_history -------------------------------------------------------------------------


def test_history_of_the_model_passes_and_of_another_is_named(good_split, trained, printed):
    model, _ = trained
    X_e, Y_e = good_split[2], good_split[3]
    right = {**run_of(model, X_e, Y_e), "train_acc": [0.1, 0.2]}
    checks.check_history(right, model, X_e, Y_e, 2)
    assert printed().startswith("✅ one entry per epoch")
    checks.check_history({**right, "val_acc": [0.1, 0.99]}, model, X_e, Y_e, 2)
    assert "is it this model's run" in printed()
    checks.check_history({**right, "train_loss": [1.1, 1.1]}, model, X_e, Y_e, 2)
    assert "never changed" in printed()
