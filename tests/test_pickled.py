"""The data dir's pickled caches (ingest/pickled.py): computed once, recomputed when damaged or stale."""

from __future__ import annotations

from pathlib import Path

from ingest.pickled import pickled


def test_a_cache_is_computed_once_replaced_when_damaged_and_old_versions_are_removed(tmp_path: Path) -> None:
    calls = []

    def build() -> list[int]:
        calls.append(1)
        return [1, 2, 3]

    old = tmp_path / "thing-old.pkl"
    old.write_bytes(b"an older version")
    path = tmp_path / "thing-new.pkl"
    assert pickled(path, build, lambda got: isinstance(got, list), stale="thing-*.pkl") == [1, 2, 3]
    assert pickled(path, build, lambda got: isinstance(got, list), stale="thing-*.pkl") == [1, 2, 3]
    assert len(calls) == 1 and not old.exists()
    path.write_bytes(b"damaged")
    assert pickled(path, build, lambda got: isinstance(got, list)) == [1, 2, 3] and len(calls) == 2
    assert pickled(path, build, lambda got: False) == [1, 2, 3] and len(calls) == 3  # not what the caller expects
    assert pickled(None, build, lambda got: True) == [1, 2, 3] and len(calls) == 4  # no cache folder
