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


INIT_LOOP = """def init_for_relu(model):
    for m in model.modules():
        if isinstance(m, nn.Linear):
"""
"""The start of most answers to notebook 03's exercise 4: a loop over every linear layer."""

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


# --- notebook 05: answers written in other styles than the solution's ---------------------

SPLIT_SKLEARN = """
from sklearn.model_selection import train_test_split

X_train, X_test, y_train, y_test = train_test_split(X, labels, test_size=0.2{options})
X_a = torch.tensor(X_train, dtype=torch.float32, device=device)
X_e = torch.tensor(X_test, dtype=torch.float32, device=device)
Y_a = torch.tensor(y_train, dtype=torch.long, device=device)
Y_e = torch.tensor(y_test, dtype=torch.long, device=device)
"""

SPLIT_NUMPY = """
order = np.random.permutation(len(X))
n_test = len(X) // 5
X_shuffled = torch.from_numpy(X[order]).float().to(device)
Y_shuffled = torch.from_numpy(labels[order]).long().to(device)
X_a, X_e = X_shuffled[:-n_test], X_shuffled[-n_test:]
Y_a, Y_e = Y_shuffled[:-n_test], Y_shuffled[-n_test:]
"""

SPLIT_RANDOM_SPLIT = """
from torch.utils.data import random_split

train_part, test_part = random_split(range(len(X)), [0.8, 0.2])
X_t = torch.as_tensor(X, dtype=torch.float32).to(device)
Y_t = torch.as_tensor(labels).long().to(device)
X_a, Y_a = X_t[train_part.indices], Y_t[train_part.indices]
X_e, Y_e = X_t[test_part.indices], Y_t[test_part.indices]
"""

SPLIT_TABLE = """
table = np.column_stack([labels, X])  # a copy: shuffling it leaves X and labels alone
np.random.default_rng(0).shuffle(table)
cut = round(0.8 * len(table))
X_a = torch.tensor(table[:cut, 1:], dtype=torch.float32, device=device)
Y_a = torch.tensor(table[:cut, 0], device=device).long()
X_e = torch.tensor(table[cut:, 1:], dtype=torch.float32, device=device)
Y_e = torch.tensor(table[cut:, 0], device=device).long()
"""

SPLIT_TORCH_SPLIT = """
X_all = torch.from_numpy(X).to(device, torch.float32)
Y_all = torch.from_numpy(labels).to(device, torch.long)
perm = torch.randperm(len(X_all), device=device)
n_train = int(0.8 * len(perm))
sizes = [n_train, len(perm) - n_train]
X_a, X_e = torch.split(X_all.index_select(0, perm), sizes)
Y_a, Y_e = torch.split(Y_all[perm], sizes)
"""

SPLIT_AFTER = """
X_all = torch.tensor(X, dtype=torch.float32, device=device)
Y_all = torch.tensor(labels, dtype=torch.long, device=device)
n_train = int(0.8 * len(X_all))
X_a, Y_a, X_e, Y_e = X_all[:n_train], Y_all[:n_train], X_all[n_train:], Y_all[n_train:]
perm_a, perm_e = torch.randperm(len(X_a)), torch.randperm(len(X_e))
X_a, Y_a, X_e, Y_e = X_a[perm_a], Y_a[perm_a], X_e[perm_e], Y_e[perm_e]
"""

SPLIT_NUMPY_ONLY = """
perm = np.random.permutation(len(X))
n_train = int(0.8 * len(X))
X_a, Y_a = X[perm][:n_train], labels[perm][:n_train]
X_e, Y_e = X[perm][n_train:], labels[perm][n_train:]
"""

LOADERS_DATASET_CLASS = """
from torch.utils.data import Dataset


class Trajectories(Dataset):
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


train_loader = DataLoader(Trajectories(X_a, Y_a), batch_size=64, shuffle=True)
test_loader = DataLoader(Trajectories(X_e, Y_e), batch_size=64)
"""

LOADERS_SAMPLERS = """
from torch.utils.data import RandomSampler, SequentialSampler

train_set, test_set = TensorDataset(X_a, Y_a), TensorDataset(X_e, Y_e)
train_loader = DataLoader(train_set, batch_size=64, sampler=RandomSampler(train_set))
test_loader = DataLoader(test_set, batch_size=64, sampler=SequentialSampler(test_set))
"""

LOADERS_KEYWORDS = """
BATCH_SIZE = 64
train_set = TensorDataset(X_a, Y_a)
test_set = TensorDataset(X_e, Y_e)
train_loader = DataLoader(dataset=train_set, batch_size=BATCH_SIZE, shuffle=True, drop_last=False)
test_loader = DataLoader(dataset=test_set, batch_size=BATCH_SIZE, shuffle=False)
"""


def loaders_answer(train="TensorDataset(X_a, Y_a), batch_size=64, shuffle=True", wrap="{}"):
    """Exercise 2 of notebook 05 like the solution, with the training loader changed."""
    return (
        f"train_loader = {wrap.format(f'DataLoader({train})')}\n"
        "test_loader = DataLoader(TensorDataset(X_e, Y_e), batch_size=64)"
    )


MLP_FUNCTIONAL = """
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(100, 500)
        self.fc2 = nn.Linear(500, 500)
        self.fc3 = nn.Linear(500, 500)
        self.fc4 = nn.Linear(500, 500)
        self.fc5 = nn.Linear(500, 3)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = F.relu(self.fc3(x))
        x = F.relu(self.fc4(x))
        return self.fc5(x)


def make_mlp():
    return {made}
"""

MLP_LOOP = """
def make_mlp(sizes=(100, 500, 500, 500, 500, 3)):
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
    return nn.Sequential(*layers[:-1])  # no ReLU after the logits
"""

MLP_NAMED = """
from collections import OrderedDict


def make_mlp():
    return nn.Sequential(OrderedDict([
        ("hidden1", nn.Linear(100, 500)), ("relu1", nn.ReLU()),
        ("hidden2", nn.Linear(500, 500)), ("relu2", nn.ReLU()),
        ("hidden3", nn.Linear(500, 500)), ("relu3", nn.ReLU()),
        ("hidden4", nn.Linear(500, 500)), ("relu4", nn.ReLU()),
        ("logits", nn.Linear(500, 3)),
    ]))
"""

MLP_SUBCLASS = """
class MLP(nn.Sequential):
    def __init__(self):
        super().__init__(
            nn.Linear(100, 500), nn.ReLU(inplace=True),
            nn.Linear(500, 500), nn.ReLU(inplace=True),
            nn.Linear(500, 500), nn.ReLU(inplace=True),
            nn.Linear(500, 500), nn.ReLU(inplace=True),
            nn.Linear(500, 3),
        )


make_mlp = MLP  # calling the class makes a new network
"""

MLP_PLAIN_LIST = """
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        sizes = [100, 500, 500, 500, 500, 3]
        self.layers = [nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])]

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)


def make_mlp():
    return MLP()
"""

TRAIN_COUNTED = """
def train(model, optimizer, train_loader, val_loader, n_epochs):
    history = {"train_loss": [], "val_loss": [], "val_acc": []}
    for epoch in tqdm(range(n_epochs), desc="epochs"):
        model.train()
        loss_sum, n_seen = torch.zeros(()), 0
        for inputs, targets in train_loader:
            logits = model(inputs)
            loss = loss_fn(logits, targets)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            loss_sum += loss.detach().cpu() * inputs.size(0)
            n_seen += inputs.size(0)
        val_loss, val_acc = evaluate(model, val_loader)
        history["train_loss"].append((loss_sum / n_seen).item())
        history["val_loss"].append(val_loss)
        history["val_acc"].append(val_acc)
    return history
"""

TRAIN_OWN_VALIDATION = """
from tqdm.auto import trange


def train(model, optimizer, train_loader, val_loader, n_epochs):
    history = {key: [] for key in ("train_loss", "val_loss", "val_acc")}
    for _ in trange(n_epochs):
        model.train()
        running = 0.0
        for x, y in train_loader:
            model.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            running += float(loss) * len(x)
        model.eval()
        val_sum, hits = 0.0, 0
        with torch.no_grad():
            for x, y in val_loader:
                out = model(x)
                val_sum += loss_fn(out, y).item() * len(y)
                hits += (out.argmax(1) == y).sum().item()
        n_val = len(val_loader.dataset)
        history["train_loss"].append(running / len(train_loader.dataset))
        history["val_loss"].append(val_sum / n_val)
        history["val_acc"].append(hits / n_val)
    return history
"""

TRAIN_WHILE = """
from collections import defaultdict


def train(model, optimizer, train_loader, val_loader, n_epochs):
    history = defaultdict(list)
    bar = tqdm(total=n_epochs)
    epoch = 0
    while epoch < n_epochs:
        model.train()
        batch_losses = []
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            batch_losses.append(loss.item() * len(y))
        history["train_loss"].append(sum(batch_losses) / len(train_loader.dataset))
        for key, value in zip(("val_loss", "val_acc"), evaluate(model, val_loader)):
            history[key].append(value)
        bar.update(1)
        bar.set_postfix(val_acc=history["val_acc"][-1])
        epoch += 1
    bar.close()
    return dict(history)
"""

TRAIN_STEP_PER_EPOCH = """
def train(model, optimizer, train_loader, val_loader, n_epochs):
    history = {"train_loss": [], "val_loss": [], "val_acc": []}
    for epoch in tqdm(range(n_epochs)):
        model.train()
        total_loss = 0.0
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            total_loss += loss.item() * len(y)
        optimizer.step()
        val_loss, val_acc = evaluate(model, val_loader)
        history["train_loss"].append(total_loss / len(train_loader.dataset))
        history["val_loss"].append(val_loss)
        history["val_acc"].append(val_acc)
    return history
"""

PREDICTED = "model.eval()\nwith torch.no_grad():\n    predicted = model(X_e).argmax(dim=1)\n"

CONFUSION_LOADER = """
model.eval()
preds, trues = [], []
with torch.no_grad():
    for x, y in test_loader:
        preds.append(model(x).argmax(dim=1).cpu())
        trues.append(y.cpu())
y_pred, y_true = torch.cat(preds).numpy(), torch.cat(trues).numpy()
matrix = np.zeros((3, 3), dtype=int)
np.add.at(matrix, (y_true, y_pred), 1)
plot_confusion_matrix(matrix, class_names, "SGD: test set")
"""

CONFUSION_BY_HAND = """
matrix = torch.zeros(3, 3, dtype=torch.long)
for true, guess in zip(Y_e.tolist(), predicted.tolist()):
    matrix[{index}] += 1
plot_confusion_matrix(matrix.numpy(), class_names, "SGD: test set")
"""

OPTIMIZERS_WRITTEN_OUT = """
torch.manual_seed(MODEL_SEED)
adagrad_net = make_mlp().to(device)
adagrad_history = train(adagrad_net, torch.optim.Adagrad(adagrad_net.parameters(), lr=1e-3),
                        train_loader, test_loader, n_epochs)
torch.manual_seed(MODEL_SEED)
adam_net = make_mlp().to(device)
adam_history = train(adam_net, torch.optim.Adam({adam_parameters}, lr=1e-3),
                     train_loader, test_loader, n_epochs)
models["Adagrad"], histories["Adagrad"] = adagrad_net, adagrad_history
models["Adam"], histories["Adam"] = adam_net, adam_history
"""

OPTIMIZERS_DICT = """
optimizer_classes = {"Adagrad": torch.optim.Adagrad, "Adam": torch.optim.Adam}
for name, make_optimizer in optimizer_classes.items():
    torch.manual_seed(MODEL_SEED)
    net = make_mlp().to(device)
    run_history = train(net, make_optimizer(net.parameters(), lr=1e-3),
                        train_loader, {val_loader}, n_epochs)
    models.update({name: net})
    histories.update({name: {stored}})
"""

OPTIMIZERS_DEEPCOPY = """
import copy

torch.manual_seed(MODEL_SEED)
start = make_mlp().to(device)  # the weights the SGD model started from
for name in ("Adagrad", "Adam"):
    models[name] = copy.deepcopy(start)
    optimizer = getattr(torch.optim, name)(models[name].parameters(), lr=1e-3)
    histories[name] = train(models[name], optimizer, train_loader, test_loader, n_epochs)
"""

OPTIMIZERS_FACTORIES = """
def run(make_optimizer):
    torch.manual_seed(MODEL_SEED)
    net = make_mlp().to(device)
    return net, train(net, make_optimizer(net.parameters()), train_loader, test_loader, n_epochs)


runs = {
    "Adagrad": run(lambda params: torch.optim.Adagrad(params, lr=1e-3)),
    "Adam": run(lambda params: torch.optim.Adam(params, lr=1e-3)),
}
for name, (net, run_history) in runs.items():
    models[name], histories[name] = net, run_history
"""

OPTIMIZERS_ONE_NETWORK = """
torch.manual_seed(MODEL_SEED)
net = make_mlp().to(device)
for name, cls in (("Adagrad", torch.optim.Adagrad), ("Adam", torch.optim.Adam)):
    models[name] = net
    optimizer = cls(net.parameters(), lr=1e-3)
    histories[name] = train(net, optimizer, train_loader, test_loader, n_epochs)
"""

OPTIMIZERS_NEW_DICTS = """
new_models, new_histories = {}, {}
for name, cls in (("Adagrad", torch.optim.Adagrad), ("Adam", torch.optim.Adam)):
    torch.manual_seed(MODEL_SEED)
    new_models[name] = make_mlp().to(device)
    new_histories[name] = train(new_models[name], cls(new_models[name].parameters(), lr=1e-3),
                                train_loader, test_loader, n_epochs)
models, histories = new_models, new_histories
"""

STEPS = """
D_a, D_e = {steps}
steps_train_loader = DataLoader(TensorDataset(D_a, Y_a), batch_size=64, shuffle=True)
steps_test_loader = DataLoader(TensorDataset(D_e, Y_e), batch_size=64)
"""

CNN_FUNCTIONAL = (
    STEPS.replace("{steps}", "X_a[:, 1:] - X_a[:, :-1], X_e[:, 1:] - X_e[:, :-1]")
    + """
import torch.nn.functional as F


class StepsCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(1, 32, 5, padding=2)
        self.conv2 = nn.Conv1d(32, 32, 5, padding=2)
        self.conv3 = nn.Conv1d(32, 64, 5, padding=2)
        self.head = nn.Linear(64, 3)

    def forward(self, x):
        x = x.view(len(x), 1, -1)  # one channel
        x = F.relu(self.conv1(x))
        x = F.max_pool1d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.conv3(x))
        return self.head(x.mean(dim=2))


torch.manual_seed(MODEL_SEED)
cnn = StepsCNN().to(device)
"""
)

CNN_POOL_FIRST = (
    STEPS.replace("{steps}", "X_a.diff(dim=-1), X_e.diff(dim=-1)")
    + """
torch.manual_seed(MODEL_SEED)
cnn = nn.Sequential(
    nn.Unflatten(1, (1, 99)),
    nn.Conv1d(1, 32, 5, padding=2), nn.ReLU(),
    nn.Conv1d(32, 32, 5, padding=2), nn.MaxPool1d(2), nn.ReLU(),  # pool and ReLU commute
    nn.Conv1d(32, 64, 5, padding=2), nn.ReLU(),
    nn.AdaptiveAvgPool1d(1), nn.Flatten(1), nn.Linear(64, 3),
).to(device)
"""
)

CNN_BLOCKS = (
    STEPS.replace(
        "{steps}",
        "(torch.from_numpy(np.diff(part.cpu().numpy(), axis=1)).to(device) for part in (X_a, X_e))",
    )
    + """
torch.manual_seed(MODEL_SEED)
features = nn.Sequential(
    nn.Conv1d(1, 32, kernel_size=5, padding="same"), nn.ReLU(),
    nn.Conv1d(32, 32, kernel_size=5, padding="same"), nn.ReLU(), nn.MaxPool1d(kernel_size=2),
    nn.Conv1d(32, 64, kernel_size=5, padding="same"), nn.ReLU(),
)
classifier = nn.Sequential(nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(64, 3))
cnn = nn.Sequential(nn.Unflatten(1, (1, -1)), features, classifier).to(device)
"""
)

CNN_WITH_CHANNEL = (
    STEPS.replace(
        "{steps}", "torch.diff(X_a, dim=1).unsqueeze(1), torch.diff(X_e, dim=1).unsqueeze(1)"
    )
    + """
torch.manual_seed(MODEL_SEED)
cnn = nn.Sequential(  # D_a and D_e have their channel already: (trajectories, 1, 99)
    nn.Conv1d(1, 32, kernel_size=5, padding=2), nn.ReLU(),
    nn.Conv1d(32, 32, kernel_size=5, padding=2), nn.ReLU(),
    nn.MaxPool1d(2),
    nn.Conv1d(32, 64, kernel_size=5, padding=2), nn.ReLU(),
    nn.AdaptiveAvgPool1d(1),
    nn.Flatten(),
    nn.Linear(64, 3),
).to(device)
"""
)

CNN_HISTORY_BY_EPOCH = """
optimizer = torch.optim.Adam(cnn.parameters(), lr=1e-3)
cnn_history = {"train_loss": [], "val_loss": [], "val_acc": []}
for epoch in range(n_epochs_cnn):
    one = train(cnn, optimizer, steps_train_loader, steps_test_loader, 1)
    for key in cnn_history:
        cnn_history[key] += one[key]
"""

CNN_HISTORY_FRESH = """
torch.manual_seed(MODEL_SEED)
for layer in cnn.modules():
    if hasattr(layer, "reset_parameters"):
        layer.reset_parameters()  # start again from new random weights
t0 = time.time()
cnn_history = train(cnn, torch.optim.Adam(cnn.parameters(), lr=1e-3),
                    steps_train_loader, steps_test_loader, n_epochs_cnn)
print(f"{time.time() - t0:.1f} s")
"""


def cnn_train_answer(parameters="cnn.parameters()", model="cnn", epochs="n_epochs_cnn") -> str:
    """Exercise 7b of notebook 05 like the solution, with one thing changed."""
    return (
        f"optimizer = torch.optim.Adam({parameters}, lr=1e-3)\n"
        f"cnn_history = train({model}, optimizer, steps_train_loader, steps_test_loader, {epochs})"
    )


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
        "exercise-3": [
            Answer(
                "p.data, and the gradients zeroed in place",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params, self.lr = list(params), lr\n\n"
                "    def step(self):\n        for p in self.params:\n"
                "            if p.grad is not None:\n"
                "                p.data.add_(p.grad.data, alpha=-self.lr)\n\n"
                "    def zero_grad(self):\n        for p in self.params:\n"
                "            if p.grad is not None:\n                p.grad.zero_()",
                "✅",
            ),
            Answer(
                "a subclass of torch.optim.Optimizer",
                "class MySGD(torch.optim.Optimizer):\n    def __init__(self, params, lr):\n"
                "        super().__init__(params, dict(lr=lr))\n\n"
                "    @torch.no_grad()\n    def step(self):\n"
                "        for group in self.param_groups:\n"
                "            for p in group['params']:\n"
                "                if p.grad is not None:\n"
                "                    p.add_(-group['lr'] * p.grad)",
                "✅",
            ),
            Answer(
                "a decorated step over a filtered tuple",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params = tuple(params)\n        self.lr = lr\n\n"
                "    @torch.no_grad()\n    def step(self):\n"
                "        for p in filter(lambda p: p.grad is not None, self.params):\n"
                "            p.sub_(p.grad, alpha=self.lr)\n\n"
                "    def zero_grad(self):\n        for p in self.params:\n"
                "            p.grad = None",
                "✅",
            ),
            Answer(
                "copy_ of the new value, zeros for the gradients",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params = [*params]\n        self.lr = lr\n\n"
                "    def step(self):\n        with torch.no_grad():\n"
                "            for p in self.params:\n                if p.grad is None:\n"
                "                    continue\n"
                "                p.copy_(p - self.lr * p.grad)\n\n"
                "    def zero_grad(self):\n        for p in self.params:\n"
                "            p.grad = torch.zeros_like(p)",
                "✅",
            ),
            Answer(
                "up the gradient",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params, self.lr = list(params), lr\n\n"
                "    def step(self):\n        with torch.no_grad():\n"
                "            for p in self.params:\n                if p.grad is not None:\n"
                "                    p += self.lr * p.grad\n\n"
                "    def zero_grad(self):\n        for p in self.params:\n"
                "            p.grad = None",
                "the wrong sign",
            ),
            Answer(
                "the notebook's learning rate written in",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params = list(params)\n\n"
                "    def step(self):\n        with torch.no_grad():\n"
                "            for p in self.params:\n                if p.grad is not None:\n"
                "                    p -= 0.1 * p.grad\n\n"
                "    def zero_grad(self):\n        for p in self.params:\n"
                "            p.grad = None",
                "use the lr given to MySGD",
            ),
            Answer(
                "no learning rate",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params, self.lr = list(params), lr\n\n"
                "    def step(self):\n        with torch.no_grad():\n"
                "            for p in self.params:\n                if p.grad is not None:\n"
                "                    p -= p.grad\n\n"
                "    def zero_grad(self):\n        for p in self.params:\n"
                "            p.grad = None",
                "ignores the learning rate",
            ),
            Answer(
                "p = p - lr * grad",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params, self.lr = list(params), lr\n\n"
                "    def step(self):\n        with torch.no_grad():\n"
                "            for p in self.params:\n                if p.grad is not None:\n"
                "                    p = p - self.lr * p.grad\n\n"
                "    def zero_grad(self):\n        for p in self.params:\n"
                "            p.grad = None",
                "only rebinds the name p",
            ),
            Answer(
                "no torch.no_grad()",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params, self.lr = list(params), lr\n\n"
                "    def step(self):\n        for p in self.params:\n"
                "            if p.grad is not None:\n                p -= self.lr * p.grad\n\n"
                "    def zero_grad(self):\n        for p in self.params:\n"
                "            p.grad = None",
                "inside torch.no_grad()",
            ),
            Answer(
                "the generator kept",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params, self.lr = params, lr\n\n"
                "    def step(self):\n        with torch.no_grad():\n"
                "            for p in self.params:\n                if p.grad is not None:\n"
                "                    p -= self.lr * p.grad\n\n"
                "    def zero_grad(self):\n        for p in self.params:\n"
                "            p.grad = None",
                "Keep the parameters as a list",
            ),
            Answer(
                "zero_grad left empty",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params, self.lr = list(params), lr\n\n"
                "    def step(self):\n        with torch.no_grad():\n"
                "            for p in self.params:\n                if p.grad is not None:\n"
                "                    p -= self.lr * p.grad\n\n"
                "    def zero_grad(self):\n        pass",
                "pile up",
            ),
            Answer(
                "every parameter updated, with or without a gradient",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params, self.lr = list(params), lr\n\n"
                "    def step(self):\n        with torch.no_grad():\n"
                "            for p in self.params:\n                p -= self.lr * p.grad\n\n"
                "    def zero_grad(self):\n        for p in self.params:\n"
                "            p.grad = None",
                "must skip such parameters",
            ),
            Answer(
                "zero_grad() forgotten",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params, self.lr = list(params), lr\n\n"
                "    def step(self):\n        with torch.no_grad():\n"
                "            for p in self.params:\n                if p.grad is not None:\n"
                "                    p -= self.lr * p.grad",
                "MySGD has no method zero_grad()",
            ),
            Answer(
                "momentum added",
                "class MySGD:\n    def __init__(self, params, lr):\n"
                "        self.params, self.lr = list(params), lr\n"
                "        self.velocity = [torch.zeros_like(p) for p in self.params]\n\n"
                "    def step(self):\n        with torch.no_grad():\n"
                "            for p, v in zip(self.params, self.velocity):\n"
                "                if p.grad is not None:\n"
                "                    v.mul_(0.9).add_(p.grad)\n"
                "                    p -= self.lr * v\n\n"
                "    def zero_grad(self):\n        for p in self.params:\n"
                "            p.grad = None",
                "no momentum",
            ),
        ],
        "exercise-4": [
            Answer(
                "kaiming_normal_",
                INIT_LOOP + "            nn.init.kaiming_normal_(m.weight, nonlinearity='relu')\n"
                "            if m.bias is not None:\n                nn.init.zeros_(m.bias)",
                "✅",
            ),
            Answer(
                "kaiming_uniform_ through model.apply",
                "def init_for_relu(model):\n    def init(m):\n"
                "        if type(m) is nn.Linear:\n"
                "            nn.init.kaiming_uniform_(m.weight)\n"
                "            if m.bias is not None:\n                m.bias.data.zero_()\n\n"
                "    return model.apply(init)",
                "✅",
            ),
            Answer(
                "copy_ of scaled randn under no_grad, math.sqrt",
                "import math\n\n\ndef init_for_relu(model):\n    with torch.no_grad():\n"
                "        for name, m in model.named_modules():\n"
                "            if isinstance(m, nn.Linear):\n"
                "                fan_in = m.weight.shape[1]\n"
                "                std = math.sqrt(2 / fan_in)\n"
                "                m.weight.copy_(torch.randn_like(m.weight) * std)\n"
                "                if m.bias is not None:\n                    m.bias.fill_(0)",
                "✅",
            ),
            Answer(
                ".data replaced, a list of the linear layers",
                "def init_for_relu(model):\n"
                "    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]\n"
                "    for m in linears:\n"
                "        m.weight.data = torch.randn(m.out_features, m.in_features) "
                "* (2 / m.in_features) ** 0.5\n"
                "        if m.bias is not None:\n"
                "            m.bias.data = torch.zeros(m.out_features)\n"
                "    return model",
                "✅",
            ),
            Answer(
                "notebook 02's std",
                INIT_LOOP + "            nn.init.normal_(m.weight, std=m.in_features ** -0.5)\n"
                "            if m.bias is not None:\n                nn.init.zeros_(m.bias)",
                "the factor 2",
            ),
            Answer(
                "fan-out",
                INIT_LOOP + "            nn.init.kaiming_normal_(m.weight, mode='fan_out')\n"
                "            if m.bias is not None:\n                nn.init.zeros_(m.bias)",
                "fan-in is the number of inputs",
            ),
            Answer(
                "the variance as std",
                INIT_LOOP + "            nn.init.normal_(m.weight, 0, 2 / m.in_features)\n"
                "            if m.bias is not None:\n                nn.init.zeros_(m.bias)",
                "the variance",
            ),
            Answer(
                "biases left as they were",
                INIT_LOOP + "            nn.init.kaiming_normal_(m.weight)",
                "are not zero",
            ),
            Answer(
                "every bias zeroed, bias=False or not",
                INIT_LOOP + "            nn.init.kaiming_normal_(m.weight)\n"
                "            nn.init.zeros_(m.bias)",
                "bias=False",
            ),
            Answer(
                "the top level only",
                "def init_for_relu(model):\n    for m in model.children():\n"
                "        if isinstance(m, nn.Linear):\n"
                "            nn.init.kaiming_normal_(m.weight)\n"
                "            if m.bias is not None:\n                nn.init.zeros_(m.bias)",
                "model.modules()",
            ),
            Answer(
                "every parameter by its shape",
                "def init_for_relu(model):\n    for p in model.parameters():\n"
                "        if p.dim() > 1:\n            nn.init.kaiming_normal_(p)\n"
                "        else:\n            nn.init.zeros_(p)",
                "not nn.Linear",
            ),
            Answer(
                "new Parameters",
                INIT_LOOP + "            std = (2 / m.in_features) ** 0.5\n"
                "            w = torch.randn(m.out_features, m.in_features) * std\n"
                "            m.weight = nn.Parameter(w)\n"
                "            if m.bias is not None:\n"
                "                m.bias = nn.Parameter(torch.zeros(m.out_features))",
                "replaced parameters",
            ),
            Answer(
                "in place, without no_grad",
                INIT_LOOP + "            m.weight.normal_(0, (2 / m.in_features) ** 0.5)\n"
                "            if m.bias is not None:\n                m.bias.zero_()",
                "torch.no_grad()",
            ),
            Answer(
                "uniform with the std as its bound",
                INIT_LOOP + "            a = (2 / m.in_features) ** 0.5\n"
                "            nn.init.uniform_(m.weight, -a, a)\n"
                "            if m.bias is not None:\n                nn.init.zeros_(m.bias)",
                "a/sqrt(3)",
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
            Answer(
                "the rows shuffled, the labels not",
                split_answer(y_perm=":"),
                "the labels no longer belong to their trajectories",
            ),
            Answer("float64", split_answer(x_dtype="torch.float64"), "dtype torch.float64"),
            Answer(
                "labels left as floats",
                split_answer().replace("dtype=torch.long, ", ""),
                "the loss wants class indices, dtype torch.long",
            ),
            Answer(
                "one-hot labels",
                split_answer().replace(
                    "Y_all = torch.tensor(labels, dtype=torch.long, device=device)",
                    "Y_all = nn.functional.one_hot(\n"
                    "    torch.tensor(labels, dtype=torch.long, device=device), num_classes=3)",
                ),
                "holds one-hot vectors",
            ),
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
            Answer(
                "positions, not normalised",
                split_answer().replace("torch.tensor(X,", "torch.tensor(positions,"),
                "are not the trajectories of X",
            ),
            Answer(
                "every row in the training set",
                split_answer().replace(
                    "X_a, Y_a = X_all[:n_train], Y_all[:n_train]", "X_a, Y_a = X_all, Y_all"
                ),
                "in both the training and the test set?",
            ),
            Answer(
                "one row in both sets",
                split_answer().replace(
                    "X_all[n_train:], Y_all[n_train:]", "X_all[n_train - 1:], Y_all[n_train - 1:]"
                ),
                "1 trajectories are in the two sets more often than in X",
            ),
            Answer(
                "sklearn, 70% + 20%",
                SPLIT_SKLEARN.replace("{options}", ", train_size=0.7"),
                "every trajectory goes into one of the two sets",
            ),
            Answer(
                "shuffled after the split",
                SPLIT_AFTER,
                "the rows come sorted by class, so shuffle them before you split",
            ),
            Answer("numpy arrays", SPLIT_NUMPY_ONLY, "make it a torch tensor"),
            Answer("sklearn's train_test_split", SPLIT_SKLEARN.replace("{options}", ""), "✅"),
            Answer(
                "sklearn, stratified",
                SPLIT_SKLEARN.replace("{options}", ", stratify=labels, random_state=0"),
                "✅",
            ),
            Answer("numpy's permutation, the last fifth for testing", SPLIT_NUMPY, "✅"),
            Answer("random_split of the row numbers", SPLIT_RANDOM_SPLIT, "✅"),
            Answer("labels and rows shuffled as one table", SPLIT_TABLE, "✅"),
            Answer("index_select and torch.split", SPLIT_TORCH_SPLIT, "✅"),
        ],
        "exercise-2": [
            Answer(
                "not shuffled",
                loaders_answer("TensorDataset(X_a, Y_a), batch_size=64"),
                "same order every epoch",
            ),
            Answer(
                "batches of 32",
                "train_loader = DataLoader(TensorDataset(X_a, Y_a), batch_size=32, shuffle=True)\n"
                "test_loader = DataLoader(TensorDataset(X_e, Y_e), batch_size=32)",
                "batches of 32",
            ),
            Answer(
                "batch size forgotten",
                "train_loader = DataLoader(TensorDataset(X_a, Y_a), shuffle=True)\n"
                "test_loader = DataLoader(TensorDataset(X_e, Y_e))",
                "serves batches of 1; use batches of 64",
            ),
            Answer(
                "swapped",
                "test_loader = DataLoader(TensorDataset(X_a, Y_a), batch_size=64, shuffle=True)\n"
                "train_loader = DataLoader(TensorDataset(X_e, Y_e), batch_size=64)",
                "swapped",
            ),
            Answer(
                "the last batch dropped",
                loaders_answer(
                    "TensorDataset(X_a, Y_a), batch_size=64, shuffle=True, drop_last=True"
                ),
                "the last, smaller batch is left out",
            ),
            Answer(
                "a list of batches",
                loaders_answer(wrap="list({})"),
                "a list of batches, so its order is fixed",
            ),
            Answer(
                "an iterator",
                loaders_answer(wrap="iter({})"),
                "a generator or iterator is used up after one pass",
            ),
            Answer(
                "labels first",
                loaders_answer("TensorDataset(Y_a, X_a), batch_size=64, shuffle=True"),
                "serves (labels, inputs)",
            ),
            Answer(
                "the labels shuffled on their own",
                loaders_answer(
                    "TensorDataset(X_a, Y_a[torch.randperm(len(Y_a))]), batch_size=64, shuffle=True"
                ),
                "not each with its own label",
            ),
            Answer(
                "every trajectory in the training loader",
                loaders_answer(
                    "TensorDataset(torch.tensor(X, dtype=torch.float32, device=device),"
                    " torch.tensor(labels, dtype=torch.long, device=device)),"
                    " batch_size=64, shuffle=True"
                ),
                "rows that are not those of X_a",
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
            Answer("every argument by name", LOADERS_KEYWORDS, "✅"),
            Answer("samplers of their own", LOADERS_SAMPLERS, "✅"),
            Answer("a Dataset class of one's own", LOADERS_DATASET_CLASS, "✅"),
            Answer(
                "a seeded generator, positional arguments",
                loaders_answer(
                    "TensorDataset(X_a, Y_a), 64, True, generator=torch.Generator().manual_seed(0)"
                ),
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
                "log-softmax after the logits",
                MLP.replace("{end}", " nn.LogSoftmax(dim=1),"),
                "ends with a log-softmax",
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
                "sigmoids",
                MLP.replace("{end}", "").replace("nn.ReLU()", "nn.Sigmoid()"),
                "go through a sigmoid, not a ReLU",
            ),
            Answer(
                "99 inputs, as many as the steps",
                MLP.replace("{end}", "").replace("nn.Linear(100, 500)", "nn.Linear(99, 500)"),
                "takes rows of 99 numbers, but it got rows of 100",
            ),
            Answer(
                "lazy first layer",
                MLP.replace("{end}", "").replace("nn.Linear(100, 500)", "nn.LazyLinear(500)"),
                "give each nn.Linear its input size",
            ),
            Answer(
                "one network for all",
                "the_network = nn.Sequential(nn.Linear(100, 500), nn.ReLU(), nn.Linear(500, 500),"
                " nn.ReLU(), nn.Linear(500, 500), nn.ReLU(), nn.Linear(500, 500), nn.ReLU(),"
                " nn.Linear(500, 3))\n\n\ndef make_mlp():\n    return the_network",
                "the same model every time",
            ),
            Answer(
                "no return",
                MLP.replace("{end}", "").replace(
                    "    return nn.Sequential(", "    net = nn.Sequential("
                ),
                "make_mlp() returns None",
            ),
            Answer(
                "the class, not a network",
                MLP_FUNCTIONAL.replace("{made}", "Net"),
                "is the class Net itself",
            ),
            Answer(
                "layers in a plain list",
                MLP_PLAIN_LIST,
                "invisible to model.parameters()",
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
            Answer(
                "a class with F.relu, layer by layer",
                MLP_FUNCTIONAL.replace("{made}", "Net()"),
                "✅",
            ),
            Answer("a Sequential built in a loop", MLP_LOOP, "✅"),
            Answer("named layers", MLP_NAMED, "✅"),
            Answer("the class itself, in-place ReLUs", MLP_SUBCLASS, "✅"),
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
            Answer(
                "validated on the notebook's test_loader",
                train_answer(val_loader="test_loader"),
                "use its train_loader and val_loader arguments",
            ),
            Answer("sum, not mean", train_answer(divide_by="1"), "a sum over the epoch"),
            Answer(
                "the loss added up with its graph",
                train_answer().replace("loss.item() * len(y)", "loss * len(y)"),
                "still carries its graph",
            ),
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
                "step before backward",
                train_answer().replace(
                    "loss.backward()\n            optimizer.step()",
                    "optimizer.step()\n            loss.backward()",
                ),
                "loss.backward() must come before optimizer.step()",
            ),
            Answer(
                "no backward",
                train_answer().replace("            loss.backward()\n", ""),
                "the parameters had no gradients",
            ),
            Answer(
                "zero_grad between backward and step",
                train_answer(zero_grad="pass").replace(
                    "loss.backward()\n", "loss.backward()\n            optimizer.zero_grad()\n"
                ),
                "not between it and the step",
            ),
            Answer(
                "loss and accuracy unpacked the wrong way round",
                train_answer().replace(
                    "val_loss, val_acc = evaluate", "val_acc, val_loss = evaluate"
                ),
                "val_loss holds the accuracy and val_acc the loss",
            ),
            Answer(
                "softmax before the loss",
                train_answer().replace(
                    "loss_fn(model(x), y)", "loss_fn(torch.softmax(model(x), dim=1), y)"
                ),
                "the loss got the model's outputs after a softmax",
            ),
            Answer(
                "model.train() forgotten",
                train_answer().replace("        model.train()\n", ""),
                "call model.train() at the start of every epoch",
            ),
            Answer("one step per epoch", TRAIN_STEP_PER_EPOCH, "once per batch"),
            Answer(
                "the epochs of the notebook",
                train_answer().replace("range(n_epochs)", "range(30)"),
                "loop over its n_epochs argument",
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
            Answer("rows counted, the loss summed as a tensor", TRAIN_COUNTED, "✅"),
            Answer("model.zero_grad(), a validation loop of its own", TRAIN_OWN_VALIDATION, "✅"),
            Answer("a while loop, a defaultdict, a manual progress bar", TRAIN_WHILE, "✅"),
        ],
        "exercise-5": [
            Answer(
                "prediction and truth swapped",
                PREDICTED + "matrix = confusion_matrix(\n"
                "    predicted.cpu().numpy(), Y_e.cpu().numpy(), labels=[0, 1, 2])",
                "rows and columns are swapped",
            ),
            Answer(
                "by hand, the indices swapped",
                PREDICTED + CONFUSION_BY_HAND.replace("{index}", "guess, true"),
                "rows and columns are swapped",
            ),
            Answer(
                "fractions",
                PREDICTED + "matrix = confusion_matrix(\n"
                "    Y_e.cpu().numpy(), predicted.cpu().numpy(), normalize='true')",
                "fractions",
            ),
            Answer(
                "percents",
                PREDICTED + "matrix = 100 * confusion_matrix(\n"
                "    Y_e.cpu().numpy(), predicted.cpu().numpy(), normalize='true')",
                "percents",
            ),
            Answer(
                "the training set",
                "model.eval()\nwith torch.no_grad():\n    predicted = model(X_a).argmax(dim=1)\n"
                "matrix = confusion_matrix(\n"
                "    Y_a.cpu().numpy(), predicted.cpu().numpy(), labels=[0, 1, 2])",
                "count each test trajectory once",
            ),
            Answer(
                "one batch",
                "x, y = next(iter(test_loader))\nmodel.eval()\nwith torch.no_grad():\n"
                "    predicted = model(x).argmax(dim=1)\n"
                "matrix = confusion_matrix(\n"
                "    y.cpu().numpy(), predicted.cpu().numpy(), labels=[0, 1, 2])",
                "the matrix counts 64 trajectories",
            ),
            Answer(
                "the labels of the table's last rows",
                PREDICTED + "matrix = confusion_matrix(\n"
                "    labels[-len(X_e):], predicted.cpu().numpy(), labels=[0, 1, 2])",
                "pair each prediction with its own trajectory's label",
            ),
            Answer(
                "a list of predictions",
                "model.eval()\nwith torch.no_grad():\n    matrix = model(X_e).argmax(dim=1)",
                "it should be 3 × 3",
            ),
            Answer(
                "counted, not reshaped",
                PREDICTED + "matrix = torch.bincount(3 * Y_e + predicted, minlength=9)",
                "matrix has shape (9,)",
            ),
            Answer(
                "inference mode, labels left to sklearn",
                "model.eval()\nwith torch.inference_mode():\n"
                "    y_pred = model(X_e).argmax(1).cpu().numpy()\n"
                "y_true = Y_e.cpu().numpy()\nmatrix = confusion_matrix(y_true, y_pred)\n"
                'plot_confusion_matrix(matrix, class_names, "SGD: test set")',
                "✅",
            ),
            Answer(
                "counted by hand in a loop",
                PREDICTED + CONFUSION_BY_HAND.replace("{index}", "true, guess"),
                "✅",
            ),
            Answer(
                "torch.bincount",
                PREDICTED
                + "matrix = torch.bincount(3 * Y_e + predicted, minlength=9).reshape(3, 3).cpu()\n"
                'plot_confusion_matrix(matrix.numpy(), class_names, "SGD: test set")',
                "✅",
            ),
            Answer("batch by batch, np.add.at", CONFUSION_LOADER, "✅"),
            Answer(
                "lists, no no_grad",
                "matrix = confusion_matrix(Y_e.tolist(), model(X_e).argmax(1).tolist(),"
                " labels=range(3))\n"
                'plot_confusion_matrix(matrix, class_names, "SGD")',
                "✅",
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
                "Adam over Adagrad's network",
                OPTIMIZERS_WRITTEN_OUT.replace("{adam_parameters}", "adagrad_net.parameters()"),
                "the training loss in histories['Adam'] is the same in every epoch",
            ),
            Answer(
                "one epoch",
                "for name, cls in (('Adagrad', torch.optim.Adagrad), ('Adam', torch.optim.Adam)):\n"
                "    torch.manual_seed(MODEL_SEED)\n    models[name] = make_mlp().to(device)\n"
                "    histories[name] = train(models[name], cls(models[name].parameters(), lr=1e-3),"
                " train_loader, test_loader, 1)",
                "holds 1 values for",
            ),
            Answer(
                "one network for both",
                OPTIMIZERS_ONE_NETWORK,
                "is the same network as another optimizer's",
            ),
            Answer(
                "the SGD run's history stored",
                OPTIMIZERS_DICT.replace("{val_loader}", "test_loader").replace(
                    "{stored}", "history"
                ),
                "hold the very same numbers",
            ),
            Answer(
                "validated on the training set",
                OPTIMIZERS_DICT.replace("{val_loader}", "train_loader").replace(
                    "{stored}", "run_history"
                ),
                "validated on the test set?",
            ),
            Answer(
                "the optimizers kept in models",
                "for name, cls in (('Adagrad', torch.optim.Adagrad), ('Adam', torch.optim.Adam)):\n"
                "    torch.manual_seed(MODEL_SEED)\n    net = make_mlp().to(device)\n"
                "    models[name] = cls(net.parameters(), lr=1e-3)\n"
                "    histories[name] = train(\n"
                "        net, models[name], train_loader, test_loader, n_epochs)",
                "models['Adagrad'] is a Adagrad: models holds networks",
            ),
            Answer(
                "new dicts, SGD left out",
                OPTIMIZERS_NEW_DICTS,
                "histories has no SGD",
            ),
            Answer(
                "written out",
                OPTIMIZERS_WRITTEN_OUT.replace("{adam_parameters}", "adam_net.parameters()"),
                "✅",
            ),
            Answer(
                "a dict of optimizer classes, update",
                OPTIMIZERS_DICT.replace("{val_loader}", "test_loader").replace(
                    "{stored}", "run_history"
                ),
                "✅",
            ),
            Answer("copies of one start, getattr", OPTIMIZERS_DEEPCOPY, "✅"),
            Answer("a function and lambdas", OPTIMIZERS_FACTORIES, "✅"),
            Answer(
                "the initial weights saved and loaded",
                "torch.manual_seed(MODEL_SEED)\ninitial = make_mlp().state_dict()\n"
                "for name in ['Adagrad', 'Adam']:\n"
                "    opt_class = getattr(torch.optim, name)\n"
                "    net = make_mlp().to(device)\n    net.load_state_dict(initial)\n"
                "    histories[name] = train(net, opt_class(net.parameters(), lr=1e-3),\n"
                "                            train_loader, test_loader, n_epochs)\n"
                "    models[name] = net",
                "✅",
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
                "D_e from X_a",
                cnn_answer(steps="torch.diff(X_a, dim=1)"),
                "trajectories have 99 steps each",
            ),
            Answer(
                "the steps loaders over the positions",
                cnn_answer().replace("TensorDataset(D_a, Y_a)", "TensorDataset(X_a, Y_a)"),
                "serves rows of shape (100,), but the rows of D_a have shape (99,)",
            ),
            Answer(
                "no channel dimension",
                cnn_answer(unflatten=""),
                "nn.Conv1d wants (batch, channels, time)",
            ),
            Answer(
                "no padding",
                cnn_answer().replace("kernel_size=5, padding=2", "kernel_size=5"),
                "turns 99 time steps into 95: give it padding=2",
            ),
            Answer(
                "filters of width 3",
                cnn_answer().replace("kernel_size=5, padding=2", "kernel_size=3, padding=1"),
                "filters of width 3",
            ),
            Answer(
                "32 → 64 → 64 channels",
                cnn_answer()
                .replace("nn.Conv1d(32, 32,", "nn.Conv1d(32, 64,")
                .replace(
                    "nn.Conv1d(32, 64, kernel_size=5, padding=2), nn.ReLU(),\n    nn.Ada",
                    "nn.Conv1d(64, 64, kernel_size=5, padding=2), nn.ReLU(),\n    nn.Ada",
                ),
                "the convolutions' channels go 1 → 32 → 64 → 64",
            ),
            Answer(
                "a ReLU missing",
                cnn_answer().replace(
                    "nn.Conv1d(1, 32, kernel_size=5, padding=2), nn.ReLU(),",
                    "nn.Conv1d(1, 32, kernel_size=5, padding=2),",
                ),
                "between convolutions 1 and 2 should come a ReLU",
            ),
            Answer(
                "no max-pool",
                cnn_answer().replace("    nn.MaxPool1d(2),\n", ""),
                "a ReLU, then nn.MaxPool1d(2)",
            ),
            Answer(
                "the maximum over time",
                cnn_answer().replace("nn.AdaptiveAvgPool1d(1)", "nn.AdaptiveMaxPool1d(1)"),
                "the average of each channel over time",
            ),
            Answer(
                "flattened without the average",
                cnn_answer()
                .replace("    nn.AdaptiveAvgPool1d(1),\n", "")
                .replace("nn.Linear(64, 3)", "nn.Linear(64 * 49, 3)"),
                "nn.AdaptiveAvgPool1d(1)",
            ),
            Answer(
                "a hidden layer in the head",
                cnn_answer().replace(
                    "nn.Linear(64, 3)", "nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 3)"
                ),
                "2 Linear layers follow the convolutions",
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
            Answer("F.relu, F.max_pool1d and a mean over time", CNN_FUNCTIONAL, "✅"),
            Answer("max-pool before the ReLU", CNN_POOL_FIRST, "✅"),
            Answer("numpy's diff, blocks, padding='same'", CNN_BLOCKS, "✅"),
            Answer("the steps with their channel already", CNN_WITH_CHANNEL, "✅"),
        ],
        "exercise-7b": [
            Answer("one epoch", cnn_train_answer(epochs="1"), "holds 1 values for"),
            Answer(
                "the MLP's n_epochs",
                cnn_train_answer(epochs="n_epochs"),
                "append one number per epoch",
            ),
            Answer("the SGD run's history", "cnn_history = history", "append one number per epoch"),
            Answer(
                "validated on the training steps",
                "cnn_history = train(cnn, torch.optim.Adam(cnn.parameters(), lr=1e-3),"
                " steps_train_loader, steps_train_loader, n_epochs_cnn)",
                "is it this model's run",
            ),
            Answer(
                "Adam over the MLP's parameters",
                cnn_train_answer(parameters="model.parameters()"),
                "the training loss in cnn_history is the same in every epoch",
            ),
            Answer(
                "trained further after its run",
                cnn_train_answer()
                + "\ntrain(cnn, optimizer, steps_train_loader, steps_test_loader, 1)",
                "A model trained further after its run",
            ),
            Answer(
                "a copy trained",
                "import copy\n\nnet = copy.deepcopy(cnn)\n"
                + cnn_train_answer(parameters="net.parameters()", model="net"),
                "is it this model's run",
            ),
            Answer(
                "the evaluation's numbers only",
                "train(cnn, torch.optim.Adam(cnn.parameters(), lr=1e-3),"
                " steps_train_loader, steps_test_loader, n_epochs_cnn)\n"
                "cnn_history = evaluate(cnn, steps_test_loader)",
                "it should be the dict train returns",
            ),
            Answer(
                "the accuracies only",
                cnn_train_answer() + '["val_acc"]',
                "cnn_history is a list of",
            ),
            Answer(
                "every argument by name",
                "adam = torch.optim.Adam(cnn.parameters(), lr=1e-3)\n"
                "cnn_history = train(model=cnn, optimizer=adam, train_loader=steps_train_loader,\n"
                "                    val_loader=steps_test_loader, n_epochs=n_epochs_cnn)",
                "✅",
            ),
            Answer("epoch by epoch, one optimizer", CNN_HISTORY_BY_EPOCH, "✅"),
            Answer(
                "train with its loaders bound by functools.partial",
                "from functools import partial\n\n"
                "train_on_steps = partial(train, train_loader=steps_train_loader,"
                " val_loader=steps_test_loader)\n"
                "cnn_history = train_on_steps(cnn, torch.optim.Adam(cnn.parameters(), lr=1e-3),"
                " n_epochs=n_epochs_cnn)",
                "✅",
            ),
            Answer("new weights first, timed", CNN_HISTORY_FRESH, "✅"),
            Answer(
                "Adam's defaults written out, a list of parameters",
                "params = list(cnn.parameters())\n"
                "cnn_history = dict(train(cnn, torch.optim.Adam(params, lr=0.001,"
                " betas=(0.9, 0.999), eps=1e-8), steps_train_loader, steps_test_loader,"
                " n_epochs_cnn))",
                "✅",
            ),
        ],
    },
}
