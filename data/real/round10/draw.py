"""Round 10 draw: every real labelled sentence in which the extractor finds a hedged figure.

Chosen by the extractor's hedge only (never by a label or a model prediction), in every split,
to re-read the estimate boundary against data/GUIDELINES.md, blind to the committed labels.
"""

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, "/work/wt/lead")
from factcheck.corpus.real.references import REAL_DIR, default_cache
from factcheck.corpus.real.span_gold import _cached_sentences
from factcheck.quantities import find_quantities

cached = _cached_sentences(REAL_DIR, default_cache())
docs = defaultdict(list)
for (source, doc, start, end), (text, _row, split) in cached.items():
    docs[(source, doc)].append((start, end, text, split))
items = []
for key, sents in docs.items():
    sents.sort()
    for k, (start, end, text, split) in enumerate(sents):
        if any(q.hedge for q in find_quantities(text)):
            before = [t for _, _, t, _ in sents[max(0, k - 2) : k]]
            after = [t for _, _, t, _ in sents[k + 1 : k + 2]]
            items.append(
                {
                    "id": f"{key[0]}|{key[1]}|{start}-{end}",
                    "split": split,
                    "before": before,
                    "sentence": text,
                    "after": after,
                }
            )
rng = random.Random(40)
rng.shuffle(items)
print(len(items))
batches = {L: items[i::4] for i, L in enumerate("ABCD")}
second = rng.sample(items, 140)


def write(name, rows):
    with open(f"/work/briefs/round10/items_{name}.txt", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(f"ID {r['id']}\n")
            for t in r["before"]:
                f.write(f"  before: {t}\n")
            f.write(f">> {r['sentence']}\n")
            for t in r["after"]:
                f.write(f"  after: {t}\n")
            f.write("\n")


for L, rows in batches.items():
    write(L, rows)
write("E", second)
Path("/work/briefs/round10/draw.json").write_text(
    json.dumps(
        {"items": [{"id": r["id"], "split": r["split"]} for r in items], "second": [r["id"] for r in second]}
    )
)
print({L: len(v) for L, v in batches.items()}, len(second))
