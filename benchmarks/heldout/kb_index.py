"""The index a held-out labeller reads: every article's id, title and type; each section's question and direct answer.

    python benchmarks/heldout/kb_index.py KBDIR        # writes KBDIR/INDEX.md (KBDIR holds zh/ and en/)

Part of the held-out workflow (benchmarks/heldout/README.md). The labeller names a section as `article-id › heading`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path


def sections(kb: Path) -> Iterator[tuple[str, str, str, str, str]]:
    """(article id, "lang, type", title, heading, direct answer) — the direct answer is the first paragraph."""
    for lang in ("zh", "en"):
        for path in sorted((kb / lang).glob("*.md")):
            _, front, body = path.read_text(encoding="utf-8").split("---", 2)
            aid = re.search(r"^id:\s*(.+)$", front, re.M).group(1).strip()
            title = re.search(r"^title:\s*(.+)$", front, re.M).group(1).strip()
            kind = re.search(r"^type:\s*(.+)$", front, re.M)
            for sec in re.split(r"^## ", body, flags=re.M)[1:]:
                lines = sec.split("\n")
                yield aid, f"{lang}, {kind.group(1).strip() if kind else 'topic'}", title, lines[0].strip(), \
                    direct_answer(lines[1:])


def direct_answer(lines: list[str]) -> str:
    para: list[str] = []
    for line in lines:
        if line.startswith(("也问：", "Also asked:")):
            continue
        if not line.strip():
            if para:
                break
            continue
        para.append(line.strip())
    return " ".join(para)


def main(kb: Path) -> int:
    out = ["# Index of the knowledge base: article id, title; each section's question (## heading) and its direct",
           "# answer (the first paragraph). A label names a section as `article-id › heading`, copied exactly.", ""]
    last = None
    for aid, kind, title, heading, answer in sections(kb):
        if aid != last:
            out += ["", f"## {aid} ({kind}): {title}"]
            last = aid
        out.append(f"- {aid} › {heading}\n    {answer}")
    (kb / "INDEX.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print("sections:", sum(1 for line in out if line.startswith("- ")))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
