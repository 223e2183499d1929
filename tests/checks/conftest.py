"""Fixtures shared by the tests of the checks: reading the one line a check printed."""

from collections.abc import Callable

import pytest


@pytest.fixture
def printed(capsys) -> Callable[[], str]:
    """A function that returns the one line a check printed since the last call."""

    def read() -> str:
        lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith(("✅ ", "❌ Not yet: ")), lines[0]
        return lines[0]

    return read


@pytest.fixture
def passed(printed) -> Callable[[], bool]:
    """A function that tells whether the check that just ran passed."""
    return lambda: printed().startswith("✅ ")


@pytest.fixture
def assert_hint(printed) -> Callable[[str], None]:
    """A function that asserts that the check failed with a hint containing its argument."""

    def check_hint(hint: str) -> None:
        line = printed()
        assert line.startswith("❌ Not yet: ") and hint in line, line

    return check_hint
