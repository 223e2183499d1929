"""Typical answers students type into the exercises, each with what its check should say.

Each entry is what a student might write in an exercise's cell (the cell's id is the key)
and a piece of the ❌ hint that names the mistake, or "✅" for another correct answer the
check must accept. They come from real mistakes: the ones the course's text warns about,
the ones reviews found, and the common slips of each operation.
"""

from student_support import Answer

STABLE = """
def stable_log_softmax(z):
    m = z.max(dim=1, keepdim=True).values
    return z - m - (z - m).exp().sum(dim=1, keepdim=True).log()
"""

GRADIENT = """
def grad_by_hand(w, x):
    return {formula}


L = {loss}
{backward}
"""


def gradient_answer(
    formula="2 * w * x**2", loss="((w * x) ** 2).sum()", backward="L.backward()"
) -> str:
    """Exercise 1 of notebook 01 like the solution, with one thing changed."""
    return (
        GRADIENT.replace("{formula}", formula)
        .replace("{loss}", loss)
        .replace("{backward}", backward)
    )


TRAIN_RIGHT = """
def train(model, optimizer, train_loader, val_loader, n_epochs):
    history = {"train_loss": [], "val_loss": [], "val_acc": []}
    for epoch in tqdm(range(n_epochs)):
        model.train()
        total_loss = 0.0
        for x, y in train_loader:
            {zero_grad}
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(y)
        val_loss, val_acc = evaluate(model, {val_loader})
        history["{train_key}"].append(total_loss / {divide_by})
        history["val_loss"].append(val_loss)
        history["val_acc"].append(val_acc)
    return history
"""


def train_answer(
    zero_grad="optimizer.zero_grad()",
    val_loader="val_loader",
    train_key="train_loss",
    divide_by="len(train_loader.dataset)",
) -> str:
    """A train() like the solution's, with one thing changed."""
    return (
        TRAIN_RIGHT.replace("{zero_grad}", zero_grad)
        .replace("{val_loader}", val_loader)
        .replace("{train_key}", train_key)
        .replace("{divide_by}", divide_by)
        .replace('"train_loss": []', f'"{train_key}": []')
    )


SPLIT = """
X_all = torch.tensor(X, dtype={x_dtype}, device=device)
Y_all = torch.tensor({y_source}, dtype=torch.long, device=device)
perm = torch.randperm(len(X_all))
X_all, Y_all = X_all[{x_perm}], Y_all[{y_perm}]
n_train = int({share} * len(X_all))
X_a, Y_a = X_all[:n_train], Y_all[:n_train]
X_e, Y_e = X_all[n_train:], Y_all[n_train:]
"""


def split_answer(
    x_dtype="torch.float32", y_source="labels", x_perm="perm", y_perm="perm", share="0.8"
) -> str:
    """A split like the solution's, with one thing changed."""
    return (
        SPLIT.replace("{x_dtype}", x_dtype)
        .replace("{y_source}", y_source)
        .replace("{x_perm}", x_perm)
        .replace("{y_perm}", y_perm)
        .replace("{share}", share)
    )


MLP = """
def make_mlp():
    return nn.Sequential(
        nn.Linear(100, 500), nn.ReLU(),
        nn.Linear(500, 500), nn.ReLU(),
        nn.Linear(500, 500), nn.ReLU(),
        nn.Linear(500, 500), nn.ReLU(),
        nn.Linear(500, 3),{end}
    )
"""

CNN = """
D_a, D_e = torch.diff(X_a, dim=1), {steps}
steps_train_loader = DataLoader(TensorDataset(D_a, Y_a), batch_size=64, shuffle=True)
steps_test_loader = DataLoader(TensorDataset(D_e, Y_e), batch_size=64)
torch.manual_seed(MODEL_SEED)
cnn = nn.Sequential(
    {unflatten}
    nn.Conv1d(1, 32, kernel_size=5, padding=2), nn.ReLU(),
    nn.Conv1d(32, 32, kernel_size=5, padding=2), nn.ReLU(),
    nn.MaxPool1d(2),
    nn.Conv1d(32, 64, kernel_size=5, padding=2), nn.ReLU(),
    nn.AdaptiveAvgPool1d(1),
    nn.Flatten(),
    nn.Linear(64, 3),{end}
).to(device)
"""


def cnn_answer(steps="torch.diff(X_e, dim=1)", unflatten="nn.Unflatten(1, (1, T - 1)),", end=""):
    """Exercise 7a like the solution, with one thing changed."""
    return CNN.replace("{steps}", steps).replace("{unflatten}", unflatten).replace("{end}", end)


CATALOGUE: dict[str, dict[str, list[Answer]]] = {
    "01_autograd_basics": {
        "exercise-1": [
            Answer(
                "inner derivative forgotten", gradient_answer("2 * w * x"), "which is not ∂L/∂w"
            ),
            Answer(
                "its numbers typed in",
                gradient_answer("torch.tensor([1.0, -8.0, 36.0])"),
                "not its numbers",
            ),
            Answer(
                "a tensor, not a function",
                "grad_by_hand = 2 * w.detach() * x**2\nL = ((w * x) ** 2).sum()\nL.backward()",
                "make it a function of w and x",
            ),
            Answer(
                "w.grad returned",
                gradient_answer("w.grad"),
                "one entry per entry of w",
            ),
            Answer(
                "summed",
                gradient_answer("(2 * w * x**2).sum()"),
                "one entry per entry of w",
            ),
            Answer("no backward", gradient_answer(backward=""), "its backward() has not run yet"),
            Answer(
                "backward twice",
                gradient_answer(backward="L.backward(retain_graph=True)\nL.backward()"),
                "backward ran 2 times",
            ),
            Answer(
                "loss not summed",
                gradient_answer(loss="(w * x) ** 2"),
                "a loss is one number",
            ),
            Answer(
                "loss from w.detach()",
                gradient_answer(loss="((w.detach() * x) ** 2).sum()"),
                "no graph back to w",
            ),
            Answer(
                "square of the sum",
                gradient_answer(loss="(w * x).sum() ** 2"),
                "is L the sum of (w_i·x_i)²?",
            ),
            Answer("float64", gradient_answer("2 * w.double() * x.double() ** 2"), "✅"),
            Answer("x times x first", gradient_answer("2 * x * x * w"), "✅"),
            Answer(
                "a lambda, autograd's loss by torch.dot",
                "grad_by_hand = lambda w, x: 2 * w * torch.pow(x, 2)\n"
                "L = torch.dot(w * x, w * x)\nL.backward()",
                "✅",
            ),
            Answer(
                "entry by entry, stacked",
                "def grad_by_hand(w, x):\n"
                "    return torch.stack([2 * wi * xi * xi for wi, xi in zip(w, x)])\n\n\n"
                "L = sum((wi * xi) ** 2 for wi, xi in zip(w, x))\nL.backward()",
                "✅",
            ),
            Answer(
                "method chains",
                gradient_answer("x.pow(2).mul(w).mul(2)", loss="w.mul(x).pow(2).sum()"),
                "✅",
            ),
            Answer(
                "outer times inner, a helper of one's own",
                "def outer(u):\n    return 2 * u\n\n\n"
                "def grad_by_hand(w, x):\n    return outer(w * x) * x\n\n\n"
                "L = torch.square(w * x).sum()\nL.backward()",
                "✅",
            ),
            Answer(
                "a list of entries, not a tensor",
                gradient_answer("[2 * wi * xi**2 for wi, xi in zip(w, x)]"),
                "not a tensor",
            ),
            Answer(
                "differentiated with respect to x",
                gradient_answer("2 * w**2 * x"),
                "which is not ∂L/∂w",
            ),
        ],
        "exercise-2": [
            Answer(
                "gradient never reset",
                "for step in range(3):\n    L = ((w - t) ** 2).sum()\n    L.backward()\n"
                "    with torch.no_grad():\n        w -= lr * w.grad",
                "add up",
            ),
            Answer(
                "update outside no_grad",
                "for step in range(3):\n    L = ((w - t) ** 2).sum()\n    L.backward()\n"
                "    w -= lr * w.grad\n    w.grad = None",
                "Change w in place inside torch.no_grad()",
            ),
            Answer(
                "new tensor instead of in place",
                "for step in range(3):\n    L = ((w - t) ** 2).sum()\n    L.backward()\n"
                "    with torch.no_grad():\n        w = w - lr * w.grad",
                "a new tensor replaced it",
            ),
            Answer(
                "four steps",
                "for step in range(4):\n    L = ((w - t) ** 2).sum()\n    L.backward()\n"
                "    with torch.no_grad():\n        w -= lr * w.grad\n    w.grad.zero_()",
                "where 4 steps of gradient descent lead, not 3",
            ),
            Answer(
                "uphill",
                "for step in range(3):\n    L = ((w - t) ** 2).sum()\n    L.backward()\n"
                "    with torch.no_grad():\n        w += lr * w.grad\n    w.grad = None",
                "when w moved uphill",
            ),
            Answer(
                "zero_ instead of None",
                "for step in range(3):\n    L = ((w - t) ** 2).sum()\n    L.backward()\n"
                "    with torch.no_grad():\n        w -= lr * w.grad\n    w.grad.zero_()",
                "✅",
            ),
            Answer(
                "w.data and a while loop",
                "step = 0\nwhile step < 3:\n    loss = torch.sum((w - t) ** 2)\n"
                "    loss.backward()\n    w.data -= lr * w.grad.data\n    w.grad = None\n"
                "    step += 1",
                "✅",
            ),
            Answer(
                "torch.optim.SGD",
                "optimizer = torch.optim.SGD([w], lr=lr)\nfor _ in range(3):\n"
                "    optimizer.zero_grad()\n    loss = ((w - t) ** 2).sum()\n"
                "    loss.backward()\n    optimizer.step()",
                "✅",
            ),
            Answer(
                "a step function of one's own, sub_ and a reset first",
                "def step():\n    w.grad = None\n    L = (w - t).pow(2).sum()\n    L.backward()\n"
                "    with torch.no_grad():\n        w.sub_(lr * w.grad)\n\n\n"
                "for _ in range(3):\n    step()",
                "✅",
            ),
            Answer(
                "torch.autograd.grad and add_ with alpha",
                "for _ in range(3):\n    L = torch.sum(torch.square(w - t))\n"
                "    (g,) = torch.autograd.grad(L, w)\n    with torch.no_grad():\n"
                "        w.add_(g, alpha=-lr)",
                "✅",
            ),
            Answer(
                "F.mse_loss with reduction='sum'",
                "import torch.nn.functional as F\n\nfor _ in range(3):\n"
                "    F.mse_loss(w, t, reduction='sum').backward()\n"
                "    with torch.no_grad():\n        w -= lr * w.grad\n        w.grad = None",
                "✅",
            ),
            Answer(
                "F.mse_loss, which takes the mean",
                "import torch.nn.functional as F\n\nfor _ in range(3):\n"
                "    F.mse_loss(w, t).backward()\n"
                "    with torch.no_grad():\n        w -= lr * w.grad\n        w.grad = None",
                "not their mean",
            ),
            Answer(
                "mean instead of sum",
                "for step in range(3):\n    L = ((w - t) ** 2).mean()\n    L.backward()\n"
                "    with torch.no_grad():\n        w -= lr * w.grad\n    w.grad = None",
                "not their mean",
            ),
            Answer(
                "no learning rate",
                "for step in range(3):\n    L = ((w - t) ** 2).sum()\n    L.backward()\n"
                "    with torch.no_grad():\n        w -= w.grad\n    w.grad = None",
                "the step has no learning rate",
            ),
            Answer(
                "reset before the update",
                "for step in range(3):\n    L = ((w - t) ** 2).sum()\n    L.backward()\n"
                "    w.grad.zero_()\n    with torch.no_grad():\n        w -= lr * w.grad",
                "the gradient was reset before the update could use it",
            ),
        ],
    },
    "02_mlp_from_scratch": {
        "exercise-1": [
            Answer(
                "log of the shifted softmax",
                "def stable_log_softmax(z):\n    return softmax_shifted(z).log()",
                "underflows to 0",
            ),
            Answer(
                "no max trick",
                "def stable_log_softmax(z):\n    return z - z.exp().sum(dim=1, keepdim=True).log()",
                "overflows to inf in float32",
            ),
            Answer(
                "torch's own",
                "def stable_log_softmax(z):\n    return torch.log_softmax(z, dim=1)",
                "calls torch's own",
            ),
            Answer(
                "over the batch",
                "def stable_log_softmax(z):\n    m = z.max(dim=0, keepdim=True).values\n"
                "    return z - m - (z - m).exp().sum(dim=0, keepdim=True).log()",
                "dim=0",
            ),
            Answer(
                "without keepdim",
                "def stable_log_softmax(z):\n    m = z.max(dim=1).values\n"
                "    return z - m - (z - m).exp().sum(dim=1).log()",
                "keepdim=True",
            ),
            Answer(
                "float64",
                "def stable_log_softmax(z):\n    z = z.double()\n"
                "    m = z.max(dim=1, keepdim=True).values\n"
                "    return z - m - (z - m).exp().sum(dim=1, keepdim=True).log()",
                "keep z's dtype",
            ),
            Answer("no return", STABLE.replace("return z - m", "result = z - m"), "returns None"),
            Answer(
                "the log of the sum inside",
                "def stable_log_softmax(z):\n    m = z.max(dim=1, keepdim=True).values\n"
                "    return z - m - (z - m).exp().log().sum(dim=1, keepdim=True)",
                "row by row, log_softmax(z) = z - m - log(Σ exp(z - m))",
            ),
            Answer(
                "changed z in place",
                "def stable_log_softmax(z):\n    z -= z.max(dim=1, keepdim=True).values\n"
                "    return z - z.exp().sum(dim=1, keepdim=True).log()",
                "changed z in place",
            ),
            Answer(
                "the largest logit of the whole batch",
                "def stable_log_softmax(z):\n    m = z.max()\n"
                "    return z - m - (z - m).exp().sum(dim=1, keepdim=True).log()",
                "the largest logit of the whole batch",
            ),
            Answer(
                "m subtracted inside the exp only",
                "def stable_log_softmax(z):\n    m = z.max(dim=1, keepdim=True).values\n"
                "    return z - (z - m).exp().sum(dim=1, keepdim=True).log()",
                "must come off outside too",
            ),
            Answer(
                "row by row in a loop",
                "def stable_log_softmax(z):\n    rows = []\n    for row in z:\n"
                "        m = row.max()\n"
                "        rows.append(row - m - torch.log(torch.sum(torch.exp(row - m))))\n"
                "    return torch.stack(rows)",
                "✅",
            ),
            Answer(
                "torch functions, amax",
                "def stable_log_softmax(z):\n"
                "    shifted = z - torch.amax(z, dim=1, keepdim=True)\n"
                "    return shifted - torch.log(\n"
                "        torch.sum(torch.exp(shifted), dim=1, keepdim=True))",
                "✅",
            ),
            Answer(
                "lambdas, max()[0]",
                "shift = lambda z: z - z.max(dim=1, keepdim=True)[0]\n"
                "stable_log_softmax = lambda z: shift(z) - "
                "shift(z).exp().sum(1, keepdim=True).log()",
                "✅",
            ),
            Answer(
                "unsqueeze, dim=-1, the log-sum-exp first",
                "def stable_log_softmax(z):\n    m = z.max(dim=-1).values.unsqueeze(-1)\n"
                "    log_sum_exp = m + (z - m).exp().sum(dim=-1).log().unsqueeze(-1)\n"
                "    return z - log_sum_exp",
                "✅",
            ),
            Answer(
                "in place on a copy",
                "def stable_log_softmax(z):\n    out = z.clone()\n"
                "    out -= z.max(dim=1, keepdim=True).values\n"
                "    out -= out.exp().sum(dim=1, keepdim=True).log()\n    return out",
                "✅",
            ),
        ],
        "exercise-2": [
            Answer(
                "mean of batch means",
                "def evaluate(model, loader):\n    losses, accuracies = [], []\n"
                "    with torch.no_grad():\n        for x, y in loader:\n"
                "            logits = model(x)\n"
                "            losses.append(cross_entropy(logits, y).item())\n"
                "            accuracies.append(accuracy(logits, y).item())\n"
                "    return sum(losses) / len(losses), sum(accuracies) / len(accuracies)",
                "the last batch is smaller",
            ),
            Answer(
                "accuracy in percent",
                "def evaluate(model, loader):\n    total_loss, correct = 0.0, 0.0\n"
                "    with torch.no_grad():\n        for x, y in loader:\n"
                "            logits = model(x)\n"
                "            total_loss += cross_entropy(logits, y).item() * len(y)\n"
                "            correct += accuracy(logits, y).item() * len(y)\n"
                "    n = len(loader.dataset)\n    return total_loss / n, 100 * correct / n",
                "in percent",
            ),
            Answer(
                "swapped",
                "def evaluate(model, loader):\n    total_loss, correct = 0.0, 0.0\n"
                "    with torch.no_grad():\n        for x, y in loader:\n"
                "            logits = model(x)\n"
                "            total_loss += cross_entropy(logits, y).item() * len(y)\n"
                "            correct += accuracy(logits, y).item() * len(y)\n"
                "    n = len(loader.dataset)\n    return correct / n, total_loss / n",
                "swapped",
            ),
            Answer(
                "tensors with a graph",
                "def evaluate(model, loader):\n    total_loss, correct = 0.0, 0.0\n"
                "    for x, y in loader:\n        logits = model(x)\n"
                "        total_loss = total_loss + cross_entropy(logits, y) * len(y)\n"
                "        correct = correct + accuracy(logits, y) * len(y)\n"
                "    n = len(loader.dataset)\n    return total_loss / n, correct / n",
                "still carries its graph",
            ),
            Answer(
                "the validation loader instead of the one given",
                "def evaluate(model, loader):\n    total_loss, correct = 0.0, 0.0\n"
                "    with torch.no_grad():\n        for x, y in val_loader:\n"
                "            logits = model(x)\n"
                "            total_loss += cross_entropy(logits, y).item() * len(y)\n"
                "            correct += accuracy(logits, y).item() * len(y)\n"
                "    n = len(val_loader.dataset)\n    return total_loss / n, correct / n",
                "use the model and the loader given as arguments",
            ),
            Answer(
                "a list, counted with argmax",
                "def evaluate(model, loader):\n    loss_sum, hits, n = 0.0, 0, 0\n"
                "    for x, y in loader:\n        with torch.no_grad():\n"
                "            logits = model(x)\n"
                "        loss_sum += float(cross_entropy(logits, y)) * y.shape[0]\n"
                "        hits += int((logits.argmax(1) == y).sum())\n        n += y.shape[0]\n"
                "    return [loss_sum / n, hits / n]",
                "✅",
            ),
            Answer(
                "all logits at once",
                "def evaluate(model, loader):\n    with torch.no_grad():\n"
                "        pairs = [(model(x), y) for x, y in loader]\n"
                "    logits = torch.cat([out for out, _ in pairs])\n"
                "    targets = torch.cat([y for _, y in pairs])\n"
                "    return (cross_entropy(logits, targets).item(),\n"
                "            accuracy(logits, targets).item())",
                "✅",
            ),
            Answer(
                "decorated, torch's summed cross-entropy",
                "@torch.no_grad()\ndef evaluate(model, loader):\n"
                "    loss, right, seen = 0.0, 0, 0\n"
                "    for images, labels in loader:\n        out = model(images)\n"
                "        loss += torch.nn.functional.cross_entropy(\n"
                "            out, labels, reduction='sum').item()\n"
                "        right += (out.argmax(dim=1) == labels).sum().item()\n"
                "        seen += len(labels)\n    return loss / seen, right / seen",
                "✅",
            ),
            Answer(
                "inference_mode, a tuple of tensors turned to floats",
                "def evaluate(model, loader):\n    sums = torch.zeros(2)\n"
                "    with torch.inference_mode():\n        for x, y in loader:\n"
                "            logits = model(x)\n"
                "            sums += len(y) * torch.stack(\n"
                "                [cross_entropy(logits, y), accuracy(logits, y)])\n"
                "    mean_loss, acc = (sums / len(loader.dataset)).tolist()\n"
                "    return mean_loss, acc",
                "✅",
            ),
            Answer(
                "return inside the loop",
                "def evaluate(model, loader):\n    total_loss, correct = 0.0, 0.0\n"
                "    with torch.no_grad():\n        for x, y in loader:\n"
                "            logits = model(x)\n"
                "            total_loss += cross_entropy(logits, y).item() * len(y)\n"
                "            correct += accuracy(logits, y).item() * len(y)\n"
                "            return total_loss / len(y), correct / len(y)",
                "the first batch alone",
            ),
            Answer(
                "divided by the number of batches",
                "def evaluate(model, loader):\n    total_loss, correct = 0.0, 0.0\n"
                "    with torch.no_grad():\n        for x, y in loader:\n"
                "            logits = model(x)\n"
                "            total_loss += cross_entropy(logits, y).item() * len(y)\n"
                "            correct += accuracy(logits, y).item() * len(y)\n"
                "    return total_loss / len(loader), correct / len(loader)",
                "divide by the number of images",
            ),
            Answer(
                "right answers counted, not divided",
                "def evaluate(model, loader):\n    total_loss, hits = 0.0, 0\n"
                "    with torch.no_grad():\n        for x, y in loader:\n"
                "            logits = model(x)\n"
                "            total_loss += cross_entropy(logits, y).item() * len(y)\n"
                "            hits += (logits.argmax(dim=1) == y).sum().item()\n"
                "    return total_loss / len(loader.dataset), hits",
                "the number of right answers",
            ),
            Answer(
                "the loss of the probabilities",
                "def evaluate(model, loader):\n    total_loss, correct = 0.0, 0.0\n"
                "    with torch.no_grad():\n        for x, y in loader:\n"
                "            probabilities = softmax(model(x))\n"
                "            total_loss += cross_entropy(probabilities, y).item() * len(y)\n"
                "            correct += accuracy(probabilities, y).item() * len(y)\n"
                "    n = len(loader.dataset)\n    return total_loss / n, correct / n",
                "computed on probabilities",
            ),
            Answer(
                "batch means added up, divided by the images",
                "def evaluate(model, loader):\n    total_loss, correct = 0.0, 0.0\n"
                "    with torch.no_grad():\n        for x, y in loader:\n"
                "            logits = model(x)\n"
                "            total_loss += cross_entropy(logits, y).item()\n"
                "            correct += (logits.argmax(dim=1) == y).sum().item()\n"
                "    n = len(loader.dataset)\n    return total_loss / n, correct / n",
                "multiply each batch's mean by its size",
            ),
            Answer(
                "the loss averaged over batches, the hits counted",
                "def evaluate(model, loader):\n    losses, hits = [], 0\n"
                "    with torch.no_grad():\n        for x, y in loader:\n"
                "            logits = model(x)\n"
                "            losses.append(cross_entropy(logits, y).item())\n"
                "            hits += (logits.argmax(dim=1) == y).sum().item()\n"
                "    return sum(losses) / len(losses), hits / len(loader.dataset)",
                "you averaged the batch averages",
            ),
            Answer(
                "trains while it evaluates",
                "def evaluate(model, loader):\n    total_loss, correct = 0.0, 0.0\n"
                "    for x, y in loader:\n        logits = model(x)\n"
                "        loss = cross_entropy(logits, y)\n        loss.backward()\n"
                "        with torch.no_grad():\n            for p in params:\n"
                "                p -= lr * p.grad\n                p.grad.zero_()\n"
                "        total_loss += loss.item() * len(y)\n"
                "        correct += accuracy(logits, y).item() * len(y)\n"
                "    n = len(loader.dataset)\n    return total_loss / n, correct / n",
                "changed the model's parameters",
            ),
        ],
    },
    "03_mlp_a_la_torch": {
        "exercise-1": [
            Answer(
                "counts tensors",
                "def count_parameters(model):\n    return len(list(model.parameters()))",
                "parameter tensors",
            ),
            Answer(
                "weights only",
                "def count_parameters(model):\n"
                "    return sum(p.numel() for p in model.parameters() if p.dim() > 1)",
                "weights only",
            ),
            Answer(
                "rows only",
                "def count_parameters(model):\n    return sum(len(p) for p in model.parameters())",
                "len(p) counts only the rows",
            ),
            Answer(
                "numel of the generator",
                "def count_parameters(model):\n    return model.parameters().numel()",
                "raised AttributeError",
            ),
            Answer(
                "trainable only",
                "def count_parameters(model):\n"
                "    return sum(p.numel() for p in model.parameters() if p.requires_grad)",
                "✅",
            ),
            Answer(
                "a loop with +=",
                "def count_parameters(model):\n    total = 0\n"
                "    for p in model.parameters():\n        total += p.numel()\n    return total",
                "✅",
            ),
            Answer(
                "the product of each shape, named_parameters",
                "import math\n\n\ndef count_parameters(model):\n"
                "    return sum(math.prod(p.shape) for _, p in model.named_parameters())",
                "✅",
            ),
            Answer(
                "a lambda with map",
                "count_parameters = lambda model: sum(map(torch.numel, model.parameters()))",
                "✅",
            ),
            Answer(
                "a tensor of counts summed",
                "def count_parameters(model):\n"
                "    return torch.tensor([p.nelement() for p in model.parameters()]).sum()",
                "✅",
            ),
            Answer(
                "one long vector of all parameters",
                "def count_parameters(model):\n"
                "    return nn.utils.parameters_to_vector(model.parameters()).numel()",
                "✅",
            ),
            Answer(
                "state_dict counted",
                "def count_parameters(model):\n"
                "    return sum(t.numel() for t in model.state_dict().values())",
                "you counted the buffers too",
            ),
            Answer(
                "every module's parameters",
                "def count_parameters(model):\n"
                "    return sum(p.numel() for m in model.modules() for p in m.parameters())",
                "counted more than once",
            ),
            Answer(
                "return inside the loop",
                "def count_parameters(model):\n    for p in model.parameters():\n"
                "        return p.numel()",
                "only the first parameter tensor",
            ),
            Answer(
                "the notebook's model, not the argument",
                "def count_parameters(model):\n"
                "    return sum(p.numel() for p in FullyConnected(784, 500, 10).parameters())",
                "count the model given as the argument",
            ),
            Answer(
                "printed, not returned",
                "def count_parameters(model):\n"
                "    print(sum(p.numel() for p in model.parameters()))",
                "returns None",
            ),
        ],
        "exercise-2": [
            Answer(
                "no flatten",
                "deeper = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128),"
                " nn.ReLU(), nn.Linear(128, 10))",
                "nn.Flatten()",
            ),
            Answer(
                "no ReLU",
                "deeper = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.Linear(256, 128),"
                " nn.Linear(128, 10))",
                "the numbers pass unchanged",
            ),
            Answer(
                "softmax at the end",
                "deeper = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(),"
                " nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10), nn.Softmax(dim=1))",
                "ends with a softmax",
            ),
            Answer(
                "ReLU after the logits, nested",
                "hidden = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(),"
                " nn.Linear(256, 128), nn.ReLU())\n"
                "deeper = nn.Sequential(hidden, nn.Sequential(nn.Linear(128, 10), nn.ReLU()))",
                "ends with a ReLU",
            ),
            Answer(
                "sizes swapped",
                "deeper = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(),"
                " nn.Linear(128, 256), nn.ReLU(), nn.Linear(256, 10))",
                "they should go 784 → 256 → 128 → 10",
            ),
            Answer(
                "a class of one's own",
                "class Deeper(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                "        self.a, self.b = nn.Linear(784, 256), nn.Linear(256, 128)\n"
                "        self.c = nn.Linear(128, 10)\n\n    def forward(self, x):\n"
                "        x = F.relu(self.a(x.flatten(1)))\n"
                "        return self.c(F.relu(self.b(x)))\n\n\ndeeper = Deeper()",
                "✅",
            ),
            Answer(
                "no bias on the last layer, lazy first layer",
                "deeper = nn.Sequential(nn.Flatten(), nn.LazyLinear(256), nn.ReLU(),"
                " nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10, bias=False))",
                "✅",
            ),
            Answer(
                "named layers in an OrderedDict",
                "from collections import OrderedDict\n\n"
                "deeper = nn.Sequential(OrderedDict([\n    ('flatten', nn.Flatten()),\n"
                "    ('hidden_1', nn.Linear(784, 256)), ('relu_1', nn.ReLU()),\n"
                "    ('hidden_2', nn.Linear(256, 128)), ('relu_2', nn.ReLU()),\n"
                "    ('output', nn.Linear(128, 10)),\n]))",
                "✅",
            ),
            Answer(
                "built in a loop over the sizes",
                "sizes = [784, 256, 128, 10]\nlayers = [nn.Flatten()]\n"
                "for n_in, n_out in zip(sizes, sizes[1:]):\n"
                "    layers += [nn.Linear(n_in, n_out), nn.ReLU()]\n"
                "deeper = nn.Sequential(*layers[:-1])",
                "✅",
            ),
            Answer(
                "appended one by one, the flatten inserted first",
                "deeper = nn.Sequential()\n"
                "for layer in (nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),\n"
                "              nn.Linear(128, 10)):\n    deeper.append(layer)\n"
                "deeper.insert(0, nn.Flatten())",
                "✅",
            ),
            Answer(
                "in-place ReLUs, as in many tutorials",
                "deeper = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(inplace=True),"
                " nn.Linear(256, 128), nn.ReLU(inplace=True), nn.Linear(128, 10))",
                "✅",
            ),
            Answer(
                "an in-place ReLU after the logits",
                "deeper = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(),"
                " nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10), nn.ReLU(inplace=True))",
                "ends with a ReLU",
            ),
            Answer(
                "the whole batch flattened",
                "deeper = nn.Sequential(nn.Flatten(0), nn.Linear(784, 256), nn.ReLU(),"
                " nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))",
                "the whole batch as one row",
            ),
            Answer(
                "layers in a plain list",
                "class Deeper(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                "        self.layers = [\n"
                "            nn.Linear(784, 256), nn.Linear(256, 128), nn.Linear(128, 10)]\n\n"
                "    def forward(self, x):\n        x = x.flatten(1)\n"
                "        for layer in self.layers[:-1]:\n            x = F.relu(layer(x))\n"
                "        return self.layers[-1](x)\n\n\ndeeper = Deeper()",
                "not its own parameters",
            ),
            Answer(
                "sigmoids instead of ReLUs",
                "deeper = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.Sigmoid(),"
                " nn.Linear(256, 128), nn.Sigmoid(), nn.Linear(128, 10))",
                "go through a sigmoid, not a ReLU",
            ),
            Answer(
                "log-softmax at the end",
                "deeper = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(),"
                " nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10), nn.LogSoftmax(dim=1))",
                "ends with a log-softmax",
            ),
        ],
    },
    "04_why_gpus": {
        "exercise-1": [
            Answer(
                "the .data shortcut",
                "def preload(dataset):\n"
                "    data = dataset.dataset.data[dataset.indices].float().div(255).unsqueeze(1)\n"
                "    return TensorDataset(data, dataset.dataset.targets[dataset.indices])",
                "differ from the dataset's",
            ),
            Answer(
                "int32 labels",
                "def preload(dataset):\n    items = [dataset[i] for i in range(len(dataset))]\n"
                "    images = torch.stack([image for image, _ in items])\n"
                "    labels = torch.tensor([label for _, label in items], dtype=torch.int32)\n"
                "    return TensorDataset(images, labels)",
                "int64",
            ),
            Answer(
                "a list, not a TensorDataset",
                "def preload(dataset):\n    return [dataset[i] for i in range(len(dataset))]",
                "TensorDataset of two tensors",
            ),
            Answer(
                "no return",
                "def preload(dataset):\n    items = [dataset[i] for i in range(len(dataset))]",
                "returns None",
            ),
            Answer(
                "stacked with cat",
                "def preload(dataset):\n    items = [dataset[i] for i in range(len(dataset))]\n"
                "    images = torch.cat([image for image, _ in items])\n"
                "    labels = torch.tensor([label for _, label in items])\n"
                "    return TensorDataset(images, labels)",
                "one image per item, each kept as it is",
            ),
            Answer(
                "a loop with appends",
                "def preload(dataset):\n    images, labels = [], []\n"
                "    for i in range(len(dataset)):\n        image, label = dataset[i]\n"
                "        images.append(image)\n        labels.append(label)\n"
                "    return TensorDataset(\n"
                "        torch.stack(images), torch.tensor(labels, dtype=torch.long))",
                "✅",
            ),
            Answer(
                "the dataset iterated, unzipped with zip(*)",
                "def preload(dataset):\n    images, labels = zip(*dataset)\n"
                "    return TensorDataset(torch.stack(images), torch.as_tensor(labels))",
                "✅",
            ),
            Answer(
                "filled into tensors made first",
                "def preload(dataset):\n    first_image, first_label = dataset[0]\n"
                "    images = torch.empty(len(dataset), *first_image.shape)\n"
                "    labels = torch.empty(len(dataset), dtype=torch.int64)\n"
                "    images[0], labels[0] = first_image, first_label\n"
                "    for i in range(1, len(dataset)):\n        images[i], labels[i] = dataset[i]\n"
                "    return TensorDataset(images, labels)",
                "✅",
            ),
            Answer(
                "one DataLoader batch of everything",
                "def preload(dataset):\n"
                "    everything = DataLoader(dataset, batch_size=len(dataset))\n"
                "    images, labels = next(iter(everything))\n"
                "    return TensorDataset(images, labels)",
                "✅",
            ),
            Answer(
                "collated as a DataLoader would",
                "from torch.utils.data import default_collate\n\n\ndef preload(dataset):\n"
                "    images, labels = default_collate([dataset[i] for i in range(len(dataset))])\n"
                "    return TensorDataset(images, labels)",
                "✅",
            ),
            Answer(
                "labels first",
                "def preload(dataset):\n    items = [dataset[i] for i in range(len(dataset))]\n"
                "    images = torch.stack([image for image, _ in items])\n"
                "    labels = torch.tensor([label for _, label in items])\n"
                "    return TensorDataset(labels, images)",
                "holds the labels first",
            ),
            Answer(
                "every item read twice",
                "def preload(dataset):\n"
                "    images = torch.stack([dataset[i][0] for i in range(len(dataset))])\n"
                "    labels = torch.tensor([dataset[i][1] for i in range(len(dataset))])\n"
                "    return TensorDataset(images, labels)",
                "read each once",
            ),
            Answer(
                "shuffled on the way",
                "def preload(dataset):\n"
                "    loader = DataLoader(dataset, batch_size=len(dataset), shuffle=True)\n"
                "    return TensorDataset(*next(iter(loader)))",
                "in another order",
            ),
            Answer(
                "the Subset's own dataset",
                "def preload(dataset):\n"
                "    items = [dataset.dataset[i] for i in range(len(dataset))]\n"
                "    images = torch.stack([image for image, _ in items])\n"
                "    labels = torch.tensor([label for _, label in items])\n"
                "    return TensorDataset(images, labels)",
                "any Subset apply",
            ),
        ],
        "exercise-2": [
            Answer(
                "multiply-adds, not FLOPs",
                "def forward_flops(layer_sizes, batch_size):\n"
                "    return batch_size * sum(a * b for a, b in zip(layer_sizes, layer_sizes[1:]))",
                "A multiply-add is 2 FLOPs",
            ),
            Answer(
                "with the biases",
                "def forward_flops(layer_sizes, batch_size):\n"
                "    pairs = zip(layer_sizes, layer_sizes[1:])\n"
                "    return batch_size * sum(2 * a * b + b for a, b in pairs)",
                "that counts the biases",
            ),
            Answer(
                "first layer only",
                "def forward_flops(layer_sizes, batch_size):\n"
                "    return 2 * batch_size * layer_sizes[0] * layer_sizes[1]",
                "that is the first layer alone",
            ),
            Answer(
                "every size times every size",
                "def forward_flops(layer_sizes, batch_size):\n"
                "    return 2 * batch_size * sum(a * b for a in layer_sizes for b in layer_sizes)",
                "each layer multiplies a batch × n_in matrix by an n_in × n_out one",
            ),
            Answer(
                "a loop over the indices",
                "def forward_flops(layer_sizes, batch_size):\n    total = 0\n"
                "    for i in range(len(layer_sizes) - 1):\n"
                "        total += 2 * batch_size * layer_sizes[i] * layer_sizes[i + 1]\n"
                "    return total",
                "✅",
            ),
            Answer(
                "NumPy's dot product",
                "import numpy as np\n\n\ndef forward_flops(layer_sizes, batch_size):\n"
                "    sizes = np.array(layer_sizes)\n"
                "    return 2 * batch_size * np.dot(sizes[:-1], sizes[1:])",
                "✅",
            ),
            Answer(
                "a helper per layer, itertools.pairwise",
                "from itertools import pairwise\n\n\n"
                "def layer_flops(n_in, n_out, batch_size):\n"
                "    return 2 * batch_size * n_in * n_out\n\n\n"
                "def forward_flops(layer_sizes, batch_size):\n"
                "    return sum(layer_flops(a, b, batch_size) for a, b in pairwise(layer_sizes))",
                "✅",
            ),
            Answer(
                "a lambda on tensors",
                "forward_flops = lambda layer_sizes, batch_size: 2 * batch_size * (\n"
                "    torch.tensor(layer_sizes[:-1]) * torch.tensor(layer_sizes[1:])\n"
                ").sum().item()",
                "✅",
            ),
            Answer(
                "one input only",
                "def forward_flops(layer_sizes, batch_size):\n"
                "    return 2 * sum(a * b for a, b in zip(layer_sizes, layer_sizes[1:]))",
                "the FLOPs of one input",
            ),
            Answer(
                "in GFLOPs",
                "def forward_flops(layer_sizes, batch_size):\n"
                "    pairs = zip(layer_sizes, layer_sizes[1:])\n"
                "    return 2 * batch_size * sum(a * b for a, b in pairs) / 1e9",
                "that is in GFLOPs",
            ),
            Answer(
                "printed, not returned",
                "def forward_flops(layer_sizes, batch_size):\n"
                "    pairs = zip(layer_sizes, layer_sizes[1:])\n"
                "    print(2 * batch_size * sum(a * b for a, b in pairs))",
                "returns None",
            ),
            Answer(
                "one layer too many",
                "def forward_flops(layer_sizes, batch_size):\n    total = 0\n"
                "    for i in range(len(layer_sizes)):\n"
                "        total += 2 * batch_size * layer_sizes[i] * layer_sizes[i + 1]\n"
                "    return total",
                "IndexError",
            ),
        ],
    },
    "05_anomalous_diffusion": {
        "exercise-1": [
            Answer(
                "not shuffled",
                split_answer(x_perm=":", y_perm=":").replace("X_all[:], Y_all[:]", "X_all, Y_all"),
                "no ATTM or CTRW trajectories",
            ),
            Answer(
                "two permutations",
                split_answer(y_perm="torch.randperm(len(Y_all))"),
                "one permutation for both",
            ),
            Answer("float64", split_answer(x_dtype="torch.float64"), "dtype torch.float64"),
            Answer(
                "labels from the exponent column",
                split_answer(y_source="exponents"),
                "every label is 0",
            ),
            Answer("70/30", split_answer(share="0.7"), "it should hold 20%"),
            Answer(
                "label and exponent columns kept",
                split_answer().replace("torch.tensor(X,", "torch.tensor(data,"),
                "without the label and exponent columns",
            ),
        ],
        "exercise-2": [
            Answer(
                "not shuffled",
                "train_loader = DataLoader(TensorDataset(X_a, Y_a), batch_size=64)\n"
                "test_loader = DataLoader(TensorDataset(X_e, Y_e), batch_size=64)",
                "same order every epoch",
            ),
            Answer(
                "batches of 32",
                "train_loader = DataLoader(TensorDataset(X_a, Y_a), batch_size=32, shuffle=True)\n"
                "test_loader = DataLoader(TensorDataset(X_e, Y_e), batch_size=32)",
                "batches of 32",
            ),
            Answer(
                "swapped",
                "test_loader = DataLoader(TensorDataset(X_a, Y_a), batch_size=64, shuffle=True)\n"
                "train_loader = DataLoader(TensorDataset(X_e, Y_e), batch_size=64)",
                "swapped",
            ),
            Answer(
                "whole batches, as in notebook 04",
                "from torch.utils.data import BatchSampler, RandomSampler, SequentialSampler\n"
                "train_set, test_set = TensorDataset(X_a, Y_a), TensorDataset(X_e, Y_e)\n"
                "train_loader = DataLoader(train_set, batch_size=None,\n"
                "    sampler=BatchSampler(RandomSampler(train_set), 64, drop_last=False))\n"
                "test_loader = DataLoader(test_set, batch_size=None,\n"
                "    sampler=BatchSampler(SequentialSampler(test_set), 64, drop_last=False))",
                "✅",
            ),
        ],
        "exercise-3": [
            Answer(
                "ReLU after the logits", MLP.replace("{end}", " nn.ReLU(),"), "ends with a ReLU"
            ),
            Answer(
                "softmax after the logits",
                MLP.replace("{end}", " nn.Softmax(dim=1),"),
                "ends with a softmax",
            ),
            Answer(
                "one hidden layer too few",
                MLP.replace("{end}", "").replace(
                    "        nn.Linear(500, 500), nn.ReLU(),\n", "", 1
                ),
                "they should go 100 → 500 → 500 → 500 → 500 → 3",
            ),
            Answer(
                "a ReLU missing",
                MLP.replace("{end}", "").replace(
                    "nn.Linear(100, 500), nn.ReLU(),", "nn.Linear(100, 500),", 1
                ),
                "between Linear layers 1 and 2 (sizes 100 → 500 → 500) the numbers pass unchanged",
            ),
            Answer(
                "one network for all",
                "the_network = nn.Sequential(nn.Linear(100, 500), nn.ReLU(), nn.Linear(500, 500),"
                " nn.ReLU(), nn.Linear(500, 500), nn.ReLU(), nn.Linear(500, 500), nn.ReLU(),"
                " nn.Linear(500, 3))\n\n\ndef make_mlp():\n    return the_network",
                "the same model every time",
            ),
            Answer(
                "a class with torch.relu",
                "class MLP(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                "        sizes = [100, 500, 500, 500, 500]\n"
                "        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in"
                " zip(sizes, sizes[1:]))\n"
                "        self.out = nn.Linear(500, 3)\n\n    def forward(self, x):\n"
                "        for layer in self.hidden:\n            x = torch.relu(layer(x))\n"
                "        return self.out(x)\n\n\ndef make_mlp():\n    return MLP()",
                "✅",
            ),
        ],
        "exercise-4": [
            Answer(
                "gradients never reset",
                train_answer(zero_grad="pass"),
                "nothing reset them between steps",
            ),
            Answer(
                "the old keys",
                train_answer(train_key="training loss"),
                "the history has no 'train_loss'",
            ),
            Answer(
                "validated on the training set",
                train_answer(val_loader="train_loader"),
                "those of the training set",
            ),
            Answer("sum, not mean", train_answer(divide_by="1"), "a sum over the epoch"),
            Answer(
                "no return",
                train_answer().replace("    return history\n", ""),
                "the history is None",
            ),
            Answer(
                "an optimizer of its own",
                train_answer().replace(
                    '    history = {"train_loss"',
                    "    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
                    '    history = {"train_loss"',
                ),
                "never called optimizer.step() on the optimizer it was given",
            ),
            Answer(
                "zero_grad after the step, as in the original lesson",
                train_answer(zero_grad="pass").replace(
                    "optimizer.step()\n", "optimizer.step()\n            optimizer.zero_grad()\n"
                ),
                "✅",
            ),
            Answer(
                "a train_acc kept too",
                train_answer().replace(
                    '        history["val_acc"].append(val_acc)\n',
                    '        history["val_acc"].append(val_acc)\n'
                    '        history.setdefault("train_acc", []).append(\n'
                    "            evaluate(model, train_loader)[1])\n",
                ),
                "✅",
            ),
        ],
        "exercise-5": [
            Answer(
                "prediction and truth swapped",
                "model.eval()\nwith torch.no_grad():\n    predicted = model(X_e).argmax(dim=1)\n"
                "matrix = confusion_matrix(\n"
                "    predicted.cpu().numpy(), Y_e.cpu().numpy(), labels=[0, 1, 2])",
                "rows and columns are swapped",
            ),
            Answer(
                "fractions",
                "model.eval()\nwith torch.no_grad():\n    predicted = model(X_e).argmax(dim=1)\n"
                "matrix = confusion_matrix(\n"
                "    Y_e.cpu().numpy(), predicted.cpu().numpy(), normalize='true')",
                "fractions",
            ),
            Answer(
                "the training set",
                "model.eval()\nwith torch.no_grad():\n    predicted = model(X_a).argmax(dim=1)\n"
                "matrix = confusion_matrix(\n"
                "    Y_a.cpu().numpy(), predicted.cpu().numpy(), labels=[0, 1, 2])",
                "count each test trajectory once",
            ),
            Answer(
                "a list of predictions",
                "model.eval()\nwith torch.no_grad():\n    matrix = model(X_e).argmax(dim=1)",
                "it should be 3 × 3",
            ),
        ],
        "exercise-6": [
            Answer(
                "Adam only",
                "torch.manual_seed(MODEL_SEED)\nmodels['Adam'] = make_mlp().to(device)\n"
                "optimizer = torch.optim.Adam(models['Adam'].parameters(), lr=1e-3)\n"
                "histories['Adam'] = train(\n"
                "    models['Adam'], optimizer, train_loader, test_loader, n_epochs)",
                "histories has no Adagrad",
            ),
            Answer(
                "lower-case names",
                "for name, cls in (('adagrad', torch.optim.Adagrad), ('adam', torch.optim.Adam)):\n"
                "    torch.manual_seed(MODEL_SEED)\n    models[name] = make_mlp().to(device)\n"
                "    histories[name] = train(models[name], cls(models[name].parameters(), lr=1e-3),"
                " train_loader, test_loader, n_epochs)",
                "histories has no Adagrad or Adam",
            ),
            Answer(
                "optimizers over the SGD network's parameters",
                "for name, cls in (('Adagrad', torch.optim.Adagrad), ('Adam', torch.optim.Adam)):\n"
                "    torch.manual_seed(MODEL_SEED)\n    models[name] = make_mlp().to(device)\n"
                "    histories[name] = train(models[name], cls(model.parameters(), lr=1e-3),"
                " train_loader, test_loader, n_epochs)",
                "the network never changed",
            ),
            Answer(
                "one epoch",
                "for name, cls in (('Adagrad', torch.optim.Adagrad), ('Adam', torch.optim.Adam)):\n"
                "    torch.manual_seed(MODEL_SEED)\n    models[name] = make_mlp().to(device)\n"
                "    histories[name] = train(models[name], cls(models[name].parameters(), lr=1e-3),"
                " train_loader, test_loader, 1)",
                "holds 1 values for",
            ),
        ],
        "exercise-7a": [
            Answer("positions, not steps", cnn_answer(steps="X_e"), "D_e holds the positions"),
            Answer(
                "steps along the batch",
                cnn_answer(steps="torch.diff(X_e, dim=0)"),
                "one row too few",
            ),
            Answer(
                "no channel dimension",
                cnn_answer(unflatten=""),
                "nn.Conv1d wants (batch, channels, time)",
            ),
            Answer(
                "softmax at the end", cnn_answer(end=" nn.Softmax(dim=1),"), "ends with a softmax"
            ),
            Answer(
                "unsqueeze in a forward of one's own",
                cnn_answer(unflatten="").replace("cnn = nn.Sequential(", "layers = nn.Sequential(")
                + "\n\nclass CNN(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                "        self.layers = layers\n\n    def forward(self, x):\n"
                "        return self.layers(x.unsqueeze(1))\n\n\ncnn = CNN()",
                "✅",
            ),
        ],
        "exercise-7b": [
            Answer(
                "one epoch",
                "cnn_history = train(cnn, torch.optim.Adam(cnn.parameters(), lr=1e-3),"
                " steps_train_loader, steps_test_loader, 1)",
                "holds 1 values for",
            ),
            Answer("the SGD run's history", "cnn_history = history", "append one number per epoch"),
            Answer(
                "validated on the training steps",
                "cnn_history = train(cnn, torch.optim.Adam(cnn.parameters(), lr=1e-3),"
                " steps_train_loader, steps_train_loader, n_epochs_cnn)",
                "is it this model's run",
            ),
            Answer(
                "the evaluation's numbers only",
                "train(cnn, torch.optim.Adam(cnn.parameters(), lr=1e-3),"
                " steps_train_loader, steps_test_loader, n_epochs_cnn)\n"
                "cnn_history = evaluate(cnn, steps_test_loader)",
                "it should be the dict train returns",
            ),
        ],
    },
}
