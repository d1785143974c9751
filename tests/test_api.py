"""The public Python API: what `import wrapped` promises, and the README's example run as written."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import wrapped

README = Path(__file__).parent.parent / "README.md"


def test_the_version_is_the_installed_package_version():
    assert wrapped.__version__ == importlib.metadata.version("journal-wrapped")
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", wrapped.__version__)


def test_every_public_name_is_there_and_every_error_is_a_wrapped_error():
    for name in wrapped.__all__:
        assert hasattr(wrapped, name), name
    for error in (
        wrapped.JournalError,
        wrapped.NoEntriesForYear,
        wrapped.SettingsError,
        wrapped.OutputError,
        wrapped.EncodeError,
        wrapped.RenderCancelled,
    ):
        assert issubclass(error, wrapped.WrappedError)


def test_the_bundled_sample_is_found_through_the_package():
    sample = wrapped.sample_journal()
    assert sample.is_dir() and sample.parent.parent == Path(wrapped.__file__).parent
    assert wrapped.read_journal(sample).years() == {2024: 13, 2025: 287}


def test_the_readme_python_example_runs_as_written(tmp_path):
    block = re.search(r"## As a Python library.*?```python\n(.*?)```", README.read_text(), re.DOTALL)
    assert block, "README has no Python example under '## As a Python library'"
    code = block.group(1)
    assert len(code.strip().splitlines()) <= 12
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "287 entries" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wrapped-2025.mp4"]
