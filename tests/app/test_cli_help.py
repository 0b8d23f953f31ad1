"""``--help`` (issue 10, finding 8): plain text in a terminal, no reStructuredText markup."""

from __future__ import annotations

import pytest

from viewer.__main__ import main


def test_help_is_plain_text(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("usage: l5s1-viewer")
    assert "`" not in text
    for option in ("--screenshot", "--size", "--caption", "--chart", "--story", "--check"):
        assert option in text
    assert "lumbosacral" in text  # says what the program is
