"""The checks of notebook 02, an MLP from scratch: pass and fail paths."""

import pytest
import torch
import torch.nn.functional as F

from nnhelpers.checks import mlp_from_scratch

# --- 02: a stable log_softmax --------------------------------------------------------------


def stable_log_softmax(z):
    m = z.max(dim=1, keepdim=True).values
    return z - m - (z - m).exp().sum(dim=1, keepdim=True).log()


def test_log_softmax_with_the_max_trick_passes(passed):
    mlp_from_scratch.check_log_softmax(stable_log_softmax)
    assert passed()


@pytest.mark.parametrize(
    "answer, hint",
    [
        (lambda z: z - z.exp().sum(dim=1, keepdim=True).log(), "Subtract each row's maximum"),
        (lambda z: z.softmax(dim=1).log(), "Subtract each row's maximum"),
        (lambda z: torch.log_softmax(z, dim=1), "calls torch's own"),
        (lambda z: z - z.logsumexp(dim=1, keepdim=True), "calls torch's own"),
        (lambda z: F.log_softmax(z, dim=1), "calls torch's own"),
        (lambda z: stable_log_softmax(z.T).T, "dim=0"),
        (lambda z: z - z.max(dim=1, keepdim=True).values, "values differ"),
        (lambda z: z.sub_(z.max(dim=1, keepdim=True).values), "in place"),
        (lambda z: stable_log_softmax(z)[:, 0], "z's shape"),
        (lambda z: undefined_name, "raised NameError"),  # noqa: F821
    ],
)
def test_log_softmax_mistakes_get_hints(answer, hint, printed):
    mlp_from_scratch.check_log_softmax(answer)
    line = printed()
    assert line.startswith("❌ Not yet: ") and hint in line


def test_torch_functions_are_restored_after_the_check():
    functions = mlp_from_scratch.log_softmax_functions()
    originals = [getattr(owner, name) for owner, name in functions]
    tensor_attributes = set(vars(torch.Tensor))
    mlp_from_scratch.check_log_softmax(lambda z: torch.log_softmax(z, dim=1))
    assert [getattr(owner, name) for owner, name in functions] == originals
    assert set(vars(torch.Tensor)) == tensor_attributes and len(functions) >= 6
    z = torch.tensor([[0.0, 0.0]])
    assert torch.equal(z.log_softmax(dim=1), torch.log(torch.tensor([[0.5, 0.5]])))


# --- 02: evaluate(loader) ------------------------------------------------------------------


@pytest.fixture(scope="module")
def model():
    """A fixed random linear model on images, standing in for the notebook's trained MLP."""
    torch.manual_seed(0)
    weights = torch.randn(784, 10) / 28

    def forward(x):
        return x.view(-1, 784) @ weights

    return forward


def evaluate_right(model):
    def evaluate(loader):
        total_loss, correct, count = 0.0, 0, 0
        with torch.no_grad():
            for x, y in loader:
                logits = model(x)
                total_loss += F.cross_entropy(logits, y).item() * len(y)
                correct += (logits.argmax(dim=1) == y).sum().item()
                count += len(y)
        return total_loss / count, correct / count

    return evaluate


def test_evaluate_weighted_by_batch_size_passes(model, passed):
    mlp_from_scratch.check_evaluate(evaluate_right(model), model)
    assert passed()


def batch_means(model):
    def evaluate(loader):
        with torch.no_grad():
            pairs = [
                (
                    F.cross_entropy(model(x), y).item(),
                    (model(x).argmax(1) == y).float().mean().item(),
                )
                for x, y in loader
            ]
        return sum(p[0] for p in pairs) / len(pairs), sum(p[1] for p in pairs) / len(pairs)

    return evaluate


def with_graph(model):
    def evaluate(loader):
        x, y = next(iter(loader))
        w = torch.ones(1, requires_grad=True)
        return (F.cross_entropy(model(x) * w, y), torch.tensor(0.5))

    return evaluate


@pytest.mark.parametrize(
    "make, hint",
    [
        (batch_means, "the last batch is smaller"),
        (lambda m: lambda loader: evaluate_right(m)(loader)[::-1], "swapped"),
        (
            lambda m: (
                lambda loader: (evaluate_right(m)(loader)[0], 100 * evaluate_right(m)(loader)[1])
            ),
            "percent",
        ),
        (lambda m: lambda loader: evaluate_right(m)(loader)[0], "two numbers"),
        (with_graph, "torch.no_grad()"),
        (lambda m: lambda loader: (0.1, 0.99), "the model's are"),
        (lambda m: lambda loader: 1 / 0, "raised ZeroDivisionError"),
    ],
)
def test_evaluate_mistakes_get_hints(model, make, hint, printed):
    mlp_from_scratch.check_evaluate(make(model), model)
    line = printed()
    assert line.startswith("❌ Not yet: ") and hint in line
