"""Where MNIST comes from: the data folder, a download, or the sample shipped here.

Notebooks keep torchvision's own code path and only ask this module for ``root``::

    from nnhelpers.data import mnist_root
    train_data = MNIST(root=mnist_root(), train=True, download=True, transform=ToTensor())

``mnist_root()`` makes sure the four raw MNIST files are in the data folder (downloading
them with torchvision if needed), checks that none is truncated or corrupted, and, when
they cannot be had (no internet, no local copy), says so and falls back to a small real
MNIST sample shipped inside ``nnhelpers`` so that every notebook still runs.

Run ``python -m nnhelpers.data`` to fetch everything the course needs in advance, e.g.
before teaching in a classroom without internet.
"""

import math
import sys
from pathlib import Path

from nnhelpers.config import DATA_VARIABLE, QUICK, data_dir

SAMPLE_ROOT: Path = Path(__file__).resolve().parent / "mnist_sample"
"""A ``root`` for torchvision's MNIST holding the first 2,000 training and 500 test
images of the original MNIST (see ``mnist_sample/README.md``)."""

MNIST_FILES: dict[str, int] = {
    "train-images-idx3-ubyte": 0x0803,
    "train-labels-idx1-ubyte": 0x0801,
    "t10k-images-idx3-ubyte": 0x0803,
    "t10k-labels-idx1-ubyte": 0x0801,
}
"""The raw files torchvision's ``MNIST`` reads from ``root/MNIST/raw``, with their magic numbers."""


class MnistDataError(RuntimeError):
    """A raw MNIST file is present but unusable (truncated or corrupted)."""


def raw_folder(root: Path) -> Path:
    """The folder in which torchvision's ``MNIST(root=root)`` looks for the raw files."""
    return Path(root) / "MNIST" / "raw"


def check_idx_file(path: Path, magic: int) -> int:
    """Check one IDX file's header and length; return how many items it holds.

    Raises ``MnistDataError`` naming the file and the fix when the file is unusable.
    """
    fix = (
        f"Delete {path} and run the cell again to download a fresh copy "
        f"(or copy a good one there, or point {DATA_VARIABLE} at a folder that has one)."
    )
    size = path.stat().st_size
    with path.open("rb") as f:
        header = f.read(4)
        if len(header) < 4 or int.from_bytes(header, "big") != magic:
            raise MnistDataError(f"{path} is not an MNIST file (wrong header). {fix}")
        ndim = header[3]
        dims_bytes = f.read(4 * ndim)
    if len(dims_bytes) < 4 * ndim:
        raise MnistDataError(f"{path} is truncated ({size:,} bytes). {fix}")
    dims = [int.from_bytes(dims_bytes[4 * i : 4 * i + 4], "big") for i in range(ndim)]
    expected = 4 + 4 * ndim + math.prod(dims)
    if size != expected:
        state = "truncated" if size < expected else "longer than its header says"
        raise MnistDataError(f"{path} is {state} ({size:,} bytes, expected {expected:,}). {fix}")
    return dims[0]


def check_mnist(root: Path) -> None:
    """Check all four raw MNIST files under ``root``; raise ``MnistDataError`` if one is bad."""
    folder = raw_folder(root)
    counts = {name: check_idx_file(folder / name, magic) for name, magic in MNIST_FILES.items()}
    for split in ("train", "t10k"):
        n_images, n_labels = counts[f"{split}-images-idx3-ubyte"], counts[f"{split}-labels-idx1-ubyte"]
        if n_images != n_labels:
            raise MnistDataError(
                f"{folder} holds {n_images:,} {split} images but {n_labels:,} labels. "
                f"Delete both {split} files and run again to download fresh copies."
            )


def has_mnist(root: Path) -> bool:
    """True when all four raw MNIST files exist under ``root`` (not yet checked)."""
    return all((raw_folder(root) / name).is_file() for name in MNIST_FILES)


def download_mnist(root: Path) -> None:
    """Download MNIST into ``root`` with torchvision (both splits)."""
    from torchvision.datasets import MNIST

    for train in (True, False):
        MNIST(root=str(root), train=train, download=True)


def offline_message(root: Path, error: BaseException) -> str:
    """The paragraph shown when MNIST can be neither found nor downloaded."""
    return (
        f"Could not download MNIST into {root} ({type(error).__name__}: {error}). "
        "This notebook will run on the small MNIST sample shipped with nnhelpers "
        "(2,000 training and 500 test images), so results will be worse than in the text. "
        "To use the full dataset, connect to the internet and run the cell again, or run "
        "`python -m nnhelpers.data` on a machine that is online and copy its data/ folder "
        f"here, or set {DATA_VARIABLE} to a folder that holds MNIST/raw."
    )


def mnist_root(quick: bool | None = None) -> Path:
    """Return the ``root`` to pass to ``torchvision.datasets.MNIST``.

    In the test setting (``QUICK``) this is the shipped sample. Otherwise it is the data
    folder, after downloading MNIST there if needed and checking the files; if MNIST can
    be neither found nor downloaded, a message explains what happened and how to fix it,
    and the shipped sample is used instead.
    """
    if QUICK if quick is None else quick:
        print("Test setting (NN_QUICK=1): using the MNIST sample shipped with nnhelpers.")
        return SAMPLE_ROOT
    root = data_dir()
    if not has_mnist(root):
        try:
            download_mnist(root)
        except (OSError, RuntimeError) as error:
            print(offline_message(root, error), file=sys.stderr)
            return SAMPLE_ROOT
    check_mnist(root)
    return root


def main() -> None:
    """Fetch every dataset the course needs into the data folder and check it."""
    root = data_dir()
    print(f"Data folder: {root}")
    if not has_mnist(root):
        print("Downloading MNIST ...")
        download_mnist(root)
    check_mnist(root)
    print(f"MNIST: ready in {raw_folder(root)}")
    print("AnDi trajectories (notebook 05) are generated on your machine: nothing to fetch.")


if __name__ == "__main__":
    main()
