"""Rendering for many users on Ray: `wrapped batch` and `wrapped render --chunks`.

Optional: it needs the `cluster` extra (`pip install "journal-wrapped[cluster]"`) and is imported only by
those two commands, lazily; `import wrapped`, the single-process render and the MCP server never
import Ray. `manifest` is pure (no Ray); `session` starts, joins and stops Ray; `tasks` holds what
runs on a worker (one job, one chunk); `chunks` cuts a video into frame ranges and joins them;
`batch` is the driver of a whole manifest.
"""

from __future__ import annotations

from wrapped.errors import WrappedError

INSTALL_HINT = 'this needs Ray, which is not installed: pip install "journal-wrapped[cluster]"'


class ClusterUnavailable(WrappedError):
    """Ray (the `cluster` extra) is not installed."""


def require_ray() -> None:
    """Raise ClusterUnavailable, one line saying how to install Ray, when it cannot be imported."""
    try:
        import ray  # noqa: F401
    except ImportError:
        raise ClusterUnavailable(INSTALL_HINT) from None
