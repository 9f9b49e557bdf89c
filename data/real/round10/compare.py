"""After the helpers finish: their labels against the committed ones, and E against A-D (kappa)."""

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, "/work/wt/lead")
from factcheck.corpus.real.references import read_labels

committed = {f"{r.source}|{r.doc}|{r.start}-{r.end}": r.label for r in read_labels()}
draw = json.loads(Path("/work/briefs/round10/draw.json").read_text())
split = {d["id"]: d["split"] for d in draw["items"]}
first = {}
for L in "ABCD":
    p = Path(f"/work/briefs/round10/answers_{L}.jsonl")
    if p.exists():
        for line in p.read_text().splitlines():
            if line.strip():
                r = json.loads(line)
                first[r["id"]] = r["label"]
second = {}
p = Path("/work/briefs/round10/answers_E.jsonl")
if p.exists():
    for line in p.read_text().splitlines():
        if line.strip():
            r = json.loads(line)
            second[r["id"]] = r["label"]
print("first readings", len(first), "of", len(split), "; second", len(second))
c = Counter((split[i], committed[i], lab) for i, lab in first.items())
for s in ("train", "dev", "test"):
    agree = sum(v for (sp, a, b), v in c.items() if sp == s and a == b)
    tot = sum(v for (sp, a, b), v in c.items() if sp == s)
    print(s, "agree with committed", agree, "/", tot)
    print("   ", {f"{a}->{b}": v for (sp, a, b), v in sorted(c.items()) if sp == s and a != b})
both = [i for i in second if i in first]
if both:
    labs = ["factual", "estimate", "attributed", "opinion"]
    po = sum(first[i] == second[i] for i in both) / len(both)
    pa = sum(
        (sum(first[i] == lab for i in both) / len(both)) * (sum(second[i] == lab for i in both) / len(both))
        for lab in labs
    )
    print("E vs A-D on", len(both), "items: observed", round(po, 3), "kappa", round((po - pa) / (1 - pa), 3))
    print("   E vs committed:", sum(second[i] == committed[i] for i in both), "/", len(both))
