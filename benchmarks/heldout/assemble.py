"""Put a finished held-out part into the repository: check the draft's hash, write the set with its header.

    python benchmarks/heldout/assemble.py WORKDIR/PART NUMBER PART KB_COMMIT "THEME"

Writes knowledge/eval/heldoutNUMBER-PART.yaml (header: how it was written, counts) and the draft beside the others
in knowledge/eval/drafts/. Commit both before any run.
"""

from __future__ import annotations

import collections
import hashlib
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate import DRAFT_FIELDS, counts_of

EVAL = Path(__file__).resolve().parents[2] / "knowledge" / "eval"


def main(folder: Path, number: str, part: str, commit: str, theme: str) -> int:
    draft = (folder / "draft.yaml").read_bytes()
    want = (folder / "draft.sha256").read_text().split()[0]
    if hashlib.sha256(draft).hexdigest() != want:
        print(f"{folder}/draft.yaml changed after it was hashed: not a blind set", file=sys.stderr)
        return 1
    body = (folder / "labelled.yaml").read_text(encoding="utf-8")
    lab, first = yaml.safe_load(body), yaml.safe_load(draft.decode("utf-8"))
    if any(a.get(f) != b.get(f) for a, b in zip(first, lab, strict=True) for f in DRAFT_FIELDS):
        print("a field other than kind differs from the draft", file=sys.stderr)
        return 1
    changed = sum(a.get("kind") != b.get("kind") for a, b in zip(first, lab, strict=True))
    kinds = collections.Counter(i["kind"] for i in lab)
    langs = collections.Counter(i["lang"] for i in lab)
    counts = counts_of(lab)
    lines = [
        f"finbot held-out evaluation set {number}, {theme} (heldout{number}-{part})",
        f"Written by a helper, blind: the questions (draft.yaml, sha256 {want[:16]}…, checked) were written",
        "  before the helper opened the knowledge base; then labelled by the same helper from the knowledge base",
        f"  of {commit} alone (an index of every section's direct answer, the headings and the articles), without",
        "  running the engine;",
        f"  every field but kind unchanged (checked; {changed} kinds changed), validate.py: 0 problems (every fact is",
        "  in every labelled section's direct answer). Committed before any run.",
        "NEVER use for tuning (prompts, retrieval, knowledge-base wording, thresholds). Measure once.",
        "Fields: q, lang, kind, broad, typo, expect, history; answer items add sections, articles, facts.",
        f"Counts: {len(lab)} items; {', '.join(f'{k} {v}' for k, v in langs.items())}; broad {counts['broad']}; "
        f"typo {counts['typo']}; multi-turn {counts['multi']}; kinds: "
        f"{', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}.",
    ]
    head = "".join(f"# {line}\n" for line in lines)
    out = EVAL / f"heldout{number}-{part}.yaml"
    out.write_text(head + body, encoding="utf-8")
    (EVAL / "drafts" / f"heldout{number}-{part}-draft.yaml").write_bytes(draft)
    print("wrote", out, dict(kinds), "kinds changed:", changed)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), *sys.argv[2:6]))
