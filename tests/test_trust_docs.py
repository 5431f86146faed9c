"""The trust page's examples print what the page says they print."""

import contextlib
import io
import re
from pathlib import Path

PAGE = Path(__file__).parents[1] / "docs" / "trust.md"
EXAMPLE = re.compile(r"^```python\n(.*?)^```\n\n```text\n(.*?)^```", re.M | re.S)


def test_each_example_prints_the_text_below_it() -> None:
    namespace: dict[str, object] = {}
    text = PAGE.read_text()
    examples = EXAMPLE.findall(text)
    assert text.count("```python") == len(examples)
    for code, shown in examples:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, str(PAGE), "exec"), namespace)
        assert shown == out.getvalue()
