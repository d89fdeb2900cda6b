"""How much memory a process holds — reported per process by the engine pool, `finbot worker` and the load benchmark.

Kept apart so the bot's event-loop process can read it without importing the engine.
"""

from __future__ import annotations

import os
from pathlib import Path


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process in MB (Linux /proc; 0 where that is not available)."""
    try:
        status = Path(f"/proc/{pid or os.getpid()}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
