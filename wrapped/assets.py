"""Files that ship inside the package: the fonts and the bundled sample journal.

They are found through ``importlib.resources``, so a regular (non-editable) install, a wheel
in a fresh venv, ``pipx`` and ``uvx`` all find them from any working folder.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from wrapped.errors import WrappedError


def data_path(*parts: str) -> Path:
    """A file or folder under ``wrapped/data`` as a real path on disk."""
    resource = files("wrapped").joinpath("data", *parts)
    if not isinstance(resource, Path):  # only a zipped install (zipapp, zipimport) lands here
        raise WrappedError(f"wrapped's bundled data ({'/'.join(parts)}) is not on disk; install it with pip")
    return resource


def sample_journal() -> Path:
    """The bundled sample year (synthetic; written by journals/generate_sample.py)."""
    return data_path("sample")


def font_file(bold: bool = False, script: bool = False) -> Path:
    """Inter (open licence, tabular figures) for wrapped's own words; with `script`, DejaVu Sans,
    which covers more of the world's scripts, for what the person wrote (titles, quotes)."""
    if script:
        return data_path("fonts", "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return data_path("fonts", "Inter-Bold.otf" if bold else "Inter-Regular.otf")
