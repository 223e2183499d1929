"""Auto-checks students call after an exercise: a friendly pass or a hint, never a traceback.

Every check prints one line starting with ✅ (passed) or ❌ (not yet, with a hint) and
returns nothing, so a check cell's output is only that line.
"""


def report(passed: bool, success: str, hint: str) -> None:
    """Print the outcome of a check: ``success`` if it passed, else ``hint``."""
    print(f"✅ {success}" if passed else f"❌ Not yet: {hint}")


# --- 01 Autograd basics -----------------------------------------------------------------


# --- 02 An MLP from scratch -------------------------------------------------------------


# --- 03 Deep learning à la torch --------------------------------------------------------


# --- 04 Why GPUs ------------------------------------------------------------------------


# --- 05 Classifying anomalous diffusion -------------------------------------------------
