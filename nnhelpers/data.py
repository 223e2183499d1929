"""Where MNIST comes from: the data folder, a download, or the sample shipped here.

Notebooks 02, 03 and 04 keep torchvision's own code path and only ask this module for
``root``::

    from nnhelpers.data import mnist_root
    train_data = MNIST(root=mnist_root(), train=True, download=True, transform=ToTensor())

``mnist_root()`` makes sure the four raw MNIST files are in the data folder (downloading
them with torchvision if needed), checks that none is missing, truncated or corrupted, and,
when they cannot be had (no internet, no local copy), says so once and falls back to a small
real MNIST sample shipped inside ``nnhelpers`` so that every notebook still runs.

On a hub the admin puts MNIST in one read-only folder (``./course fetch-data --data-dir
DIR``) and sets ``NN_DATA_DIR=DIR`` for every student: notebooks read it there and never
write into it. Without it, each student's first run downloads MNIST into the course's
``data/`` folder in their home, and says so.

``python -m nnhelpers.data [--data-dir DIR]`` (``./course fetch-data``) fetches everything the
course needs in advance, e.g. before teaching in a classroom without internet.
"""

import argparse
import contextlib
import io
import math
import os
import sys
from pathlib import Path

from nnhelpers import config

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

_announced: set[Path] = set()
"""Data folders whose fallback to the sample was already announced in this process."""


class MnistDataError(RuntimeError):
    """A raw MNIST file is present but unusable (truncated or corrupted)."""


class MnistUnavailable(RuntimeError):
    """MNIST is not (all) in the data folder and could not be downloaded."""


def raw_folder(root: Path) -> Path:
    """The folder in which torchvision's ``MNIST(root=root)`` looks for the raw files."""
    return Path(root) / "MNIST" / "raw"


def check_idx_file(path: Path, magic: int) -> int:
    """Check one IDX file's header and length; return how many items it holds.

    Raises ``MnistDataError`` naming the file and the fix when the file is unusable.
    """
    fix = (
        f"Delete {path} and run the cell again to download a fresh copy "
        f"(or copy a good one there, or point {config.DATA_VARIABLE} at a folder that has one)."
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
        n_images = counts[f"{split}-images-idx3-ubyte"]
        n_labels = counts[f"{split}-labels-idx1-ubyte"]
        if n_images != n_labels:
            raise MnistDataError(
                f"{folder} holds {n_images:,} {split} images but {n_labels:,} labels. "
                f"Delete both {split} files and run again to download fresh copies."
            )


def missing_files(root: Path) -> list[str]:
    """The raw MNIST files not (yet) under ``root``."""
    return [name for name in MNIST_FILES if not (raw_folder(root) / name).is_file()]


def download_mnist(root: Path) -> None:
    """Download MNIST into ``root`` with torchvision (both splits), quietly.

    Raises ``MnistUnavailable`` naming the files still missing when the download fails;
    torchvision's own messages (one per mirror tried) are left out.
    """
    from torchvision.datasets import MNIST

    chatter = io.StringIO()
    try:
        with contextlib.redirect_stdout(chatter), contextlib.redirect_stderr(chatter):
            for train in (True, False):
                MNIST(root=str(root), train=train, download=True)
    except (OSError, RuntimeError) as error:
        missing = ", ".join(missing_files(root)) or "none"
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise MnistUnavailable(
            f"MNIST could not be downloaded into {raw_folder(root)} ({reason}); "
            f"files missing there: {missing}."
        ) from None


def fallback_message(problem: MnistUnavailable) -> str:
    """The short paragraph a notebook shows when it falls back to the shipped sample."""
    return (
        f"{problem} This notebook runs on the small MNIST sample shipped with nnhelpers "
        "(2,000 training and 500 test images) instead, so its results will be worse than "
        "in the text. For the full dataset: connect and run the cell again, or copy a data/ "
        f"folder made by `./course fetch-data` here, or set {config.DATA_VARIABLE}."
    )


def mnist_root(quick: bool | None = None, data_dir: Path | None = None) -> Path:
    """Return the ``root`` to pass to ``torchvision.datasets.MNIST``.

    ``quick`` and ``data_dir`` default to the settings (``NN_QUICK``, ``NN_DATA_DIR``) read
    now. In the test setting this is the shipped sample. Otherwise it is the data folder,
    after downloading MNIST there if needed and checking the files; if MNIST can be neither
    found nor downloaded, a short message says so (once per data folder and process) and
    the shipped sample is used instead.
    """
    if config.quick() if quick is None else quick:
        print("Test setting (NN_QUICK=1): using the MNIST sample shipped with nnhelpers.")
        return SAMPLE_ROOT
    root = config.data_dir() if data_dir is None else Path(data_dir)
    if missing := missing_files(root):
        try:
            if not writable(root):
                raise MnistUnavailable(
                    f"The data folder {root} is read-only (a shared folder?) and lacks "
                    f"{', '.join(missing)}: whoever set it up can complete it with "
                    f"`./course fetch-data --data-dir {root}`."
                )
            if root not in _announced:
                print(f"Downloading MNIST (about 11 MB) into {root}, once for every notebook.")
            download_mnist(root)
        except MnistUnavailable as problem:
            if root not in _announced:
                print(fallback_message(problem), file=sys.stderr)
            _announced.add(root)
            return SAMPLE_ROOT
    check_mnist(root)
    return root


def writable(folder: Path) -> bool:
    """Whether files can be written into ``folder`` (made first, with its parents, if it
    does not exist yet). A hub's shared data folder is read-only: nothing is written there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def main(argv: list[str] | None = None) -> int:
    """Fetch every dataset the course needs into the data folder and check it."""
    parser = argparse.ArgumentParser(
        prog="./course fetch-data",
        description="Download MNIST into the course's data folder and check it, e.g. before "
        "teaching in a classroom without internet (copy the folder to the offline machines).",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help=f"where to put the data (default: ${config.DATA_VARIABLE}, else data/ in the course)",
    )
    args = parser.parse_args(argv)
    root = (args.data_dir or config.data_dir()).expanduser().resolve()
    print(f"Data folder: {root}")
    try:
        if missing_files(root):
            print("Downloading MNIST (about 11 MB) ...", flush=True)
            download_mnist(root)
        check_mnist(root)
    except (MnistUnavailable, MnistDataError) as problem:
        print(
            f"{problem} Run this again on a machine that is online, then copy the folder "
            f"{root} to the machines without internet (or set {config.DATA_VARIABLE} there).",
            file=sys.stderr,
        )
        return 1
    print(f"MNIST: ready in {raw_folder(root)}")
    print("AnDi trajectories (notebook 05) are generated on your machine: nothing to fetch.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
