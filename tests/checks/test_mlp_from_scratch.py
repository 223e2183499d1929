"""The checks of notebook 02, an MLP from scratch: pass and fail paths."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from nnhelpers.checks import mlp_from_scratch

# --- 02: a stable log_softmax --------------------------------------------------------------


def stable_log_softmax(z):
    m = z.max(dim=1, keepdim=True).values
    return z - m - (z - m).exp().sum(dim=1, keepdim=True).log()


def softmax_shifted(z):
    """Notebook 02's softmax with the max trick: safe from overflow, not from the log's trap."""
    exp = (z - z.max(dim=1, keepdim=True).values).exp()
    return exp / exp.sum(dim=1, keepdim=True)


def test_log_softmax_with_the_max_trick_passes(passed):
    mlp_from_scratch.check_log_softmax(stable_log_softmax)
    assert passed()


def test_log_softmax_of_other_dtypes_keeps_them(passed):
    mlp_from_scratch.check_log_softmax(lambda z: stable_log_softmax(z.double()).float())
    assert passed()


def test_unwritten_log_softmax_says_what_to_write(assert_hint):
    def stable_log_softmax(z): ...

    mlp_from_scratch.check_log_softmax(stable_log_softmax)
    assert_hint("write the body of stable_log_softmax(z)")


@pytest.mark.parametrize(
    "answer, hint",
    [
        (lambda z: z - z.exp().sum(dim=1, keepdim=True).log(), "Subtract each row's maximum"),
        (
            lambda z: z - z.max() - (z - z.max()).exp().sum(dim=1, keepdim=True).log(),
            "the largest logit of the whole batch",
        ),
        (
            lambda z: z - (z - z.max(1, keepdim=True).values).exp().sum(1, keepdim=True).log(),
            "must come off outside too",
        ),
        (lambda z: z.softmax(dim=1), "these are the probabilities"),
        (
            lambda z: (
                z
                - z.max(1, keepdim=True).values
                - (z - z.max(1, keepdim=True).values).exp().sum().log()
            ),
            "the sum runs over the whole batch",
        ),
        (lambda z: z - z.max(dim=1, keepdim=True) - 1, "take .values"),
        (lambda z: z - z.logcumsumexp(dim=1)[:, -1:], "calls torch's own"),
        (lambda z: z.softmax(dim=1).log(), "e^-200 underflows to 0"),
        (lambda z: softmax_shifted(z).log(), "e^-200 underflows to 0"),
        (lambda z: stable_log_softmax(z.double()), "keep z's dtype"),
        (lambda z: [z.max()].clear(), "returns None"),
        (lambda z: z - z.max(dim=1).values - 1, "raised RuntimeError"),
        (lambda z: torch.log_softmax(z, dim=1), "calls torch's own"),
        (lambda z: z - z.logsumexp(dim=1, keepdim=True), "calls torch's own"),
        (lambda z: F.log_softmax(z, dim=1), "calls torch's own"),
        (lambda z: stable_log_softmax(z.T).T, "dim=0"),
        (lambda z: z - z.max(dim=1, keepdim=True).values, "row by row"),
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


WEIGHTS = torch.randn(784, 10, generator=torch.Generator().manual_seed(0)).div(28)
PARAMS = [WEIGHTS.requires_grad_()]


@pytest.fixture(scope="module")
def model():
    """A fixed random linear model on images (a function of ``PARAMS``, as in notebook 02),
    standing in for the notebook's trained MLP."""

    def forward(x):
        return x.view(-1, 784) @ WEIGHTS

    return forward


def evaluate_right(model):
    def evaluate(model, loader):
        total_loss, correct, count = 0.0, 0, 0
        with torch.no_grad():
            for x, y in loader:
                logits = model(x)
                total_loss += F.cross_entropy(logits, y).item() * len(y)
                correct += (logits.argmax(dim=1) == y).sum().item()
                count += len(y)
        return total_loss / count, correct / count

    return evaluate


def as_list(model):
    return lambda model, loader: list(evaluate_right(model)(model, loader))


def as_tensors(model):
    return lambda model, loader: tuple(map(torch.tensor, evaluate_right(model)(model, loader)))


def as_numpy(model):
    return lambda model, loader: tuple(map(np.float32, evaluate_right(model)(model, loader)))


@pytest.mark.parametrize(
    "make", [evaluate_right, as_list, as_tensors, as_numpy],
    ids=["a tuple of floats", "a list", "0-d tensors", "numpy floats"],
)  # fmt: skip
def test_evaluate_weighted_by_batch_size_passes(model, make, passed):
    mlp_from_scratch.check_evaluate(make(model), model, PARAMS)
    assert passed()


def trains(model):
    def evaluate(model, loader):
        result = evaluate_right(model)(model, loader)
        x, y = next(iter(loader))
        F.cross_entropy(model(x), y).backward()
        with torch.no_grad():
            WEIGHTS.sub_(0.1 * WEIGHTS.grad)
        return result

    return evaluate


def test_an_evaluate_that_trains_is_named_and_the_model_restored(model, assert_hint):
    before = WEIGHTS.detach().clone()
    mlp_from_scratch.check_evaluate(trains(model), model, PARAMS)
    assert_hint("evaluate(model, loader) changed the model's parameters")
    assert torch.equal(WEIGHTS, before)


def batch_means(model):
    def evaluate(model, loader):
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


def loss_of_batch_means(model):
    """The loss averaged over batches, the accuracy over images: only the loss is wrong."""

    def evaluate(model, loader):
        right = evaluate_right(model)(model, loader)
        return batch_means(model)(model, loader)[0], right[1]

    return evaluate


def variant(model, weight=lambda y: len(y), divide=lambda loader, n: n, keep="all", soft=False):
    """An evaluate that weights each batch by ``weight(y)``, divides by ``divide``, keeps
    "all" batches, the "first" only or the "last" only (``=`` instead of ``+=``), and takes
    the loss of the logits or, with ``soft``, of the probabilities."""

    def evaluate(model, loader):
        total_loss, correct, count, batches = 0.0, 0.0, 0, list(loader)
        chosen = {"all": batches, "first": batches[:1], "last": batches[-1:]}[keep]
        with torch.no_grad():
            for x, y in chosen:
                logits = model(x)
                logits = logits.softmax(dim=1) if soft else logits
                total_loss += F.cross_entropy(logits, y).item() * weight(y)
                correct += (logits.argmax(dim=1) == y).sum().item()
                count += len(y)
        n = divide(loader, count)
        return total_loss / n, correct / n

    return evaluate


def with_graph(model):
    def evaluate(model, loader):
        x, y = next(iter(loader))
        w = torch.ones(1, requires_grad=True)
        return (F.cross_entropy(model(x) * w, y), torch.tensor(0.5))

    return evaluate


@pytest.mark.parametrize(
    "make, hint",
    [
        (batch_means, "the last batch is smaller"),
        (lambda m: lambda model, loader: evaluate_right(m)(model, loader)[::-1], "swapped"),
        (
            lambda m: (
                lambda model, loader: (
                    evaluate_right(m)(model, loader)[0],
                    100 * evaluate_right(m)(model, loader)[1],
                )
            ),
            "percent",
        ),
        (lambda m: lambda model, loader: evaluate_right(m)(model, loader)[0], "two numbers"),
        (lambda m: lambda model, loader: {"loss": 0.1, "acc": 0.9}, "two numbers"),
        (with_graph, "still carries its graph"),
        (lambda m: variant(m, divide=lambda loader, n: len(loader)), "the number of batches"),
        (lambda m: variant(m, divide=lambda loader, n: 1), "the number of right answers"),
        (lambda m: variant(m, keep="first"), "the first batch alone"),
        (lambda m: variant(m, keep="last"), "the last batch alone"),
        (lambda m: variant(m, soft=True), "computed on probabilities"),
        (lambda m: variant(m, weight=lambda y: 1), "multiply each batch's mean by its size"),
        (loss_of_batch_means, "you averaged the batch averages"),
        (lambda m: variant(m, divide=lambda loader, n: 500), "use the model and the loader"),
        (lambda m: lambda model, loader: (0.1, 0.99), "the model's are"),
        (lambda m: lambda model, loader: 1 / 0, "raised ZeroDivisionError"),
        (lambda m: lambda model, loader: [len(loader)].clear(), "returns None"),
        (lambda m: lambda loader: (0.1, 0.99), "raised TypeError"),
    ],
)
def test_evaluate_mistakes_get_hints(model, make, hint, printed):
    mlp_from_scratch.check_evaluate(make(model), model, PARAMS)
    line = printed()
    assert line.startswith("❌ Not yet: ") and hint in line


def test_unwritten_evaluate_says_what_to_write(model, assert_hint):
    def evaluate(model, loader):
        """Mean cross-entropy and accuracy of `model` over all images of `loader`."""
        ...  # Your code here

    mlp_from_scratch.check_evaluate(evaluate, model, PARAMS)
    assert_hint("write the body of evaluate(model, loader)")
