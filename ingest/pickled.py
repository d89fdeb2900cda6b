"""Things worth computing once, kept as pickles in the data dir's cache folder between runs.

The file name carries a digest of everything the thing is computed from, so an edit computes it again; a missing,
damaged or unwritable file only costs the computing. Files are our own (FINBOT_DATA_DIR/cache), never downloaded.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def pickled(path: Path | None, build: Callable[[], T], valid: Callable[[Any], bool], stale: str | None = None) -> T:
    """What is stored at path when valid() accepts it, else build() — then stored at path (and files matching the
    glob `stale` beside it, older versions of the same thing, removed)."""
    if path is not None and path.exists():
        try:
            with path.open("rb") as fh:
                got = pickle.load(fh)  # our own cache file, in the data dir
            if valid(got):
                return got
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            pass  # damaged: computed and written again
    value = build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            for old in path.parent.glob(stale) if stale else ():
                if old != path:
                    old.unlink(missing_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            pass  # a read-only data dir only costs the computing next time
    return value
