"""Apply the round-10 adjudication to data/real/labels (in the checkout given).

Each change is logged in data/real/agreement/review.jsonl with its reason.
"""

import json
import sys
from collections import Counter
from pathlib import Path

root = Path(sys.argv[1])
adj = [
    json.loads(line)
    for line in Path("/work/briefs/round10/adjudication.jsonl").read_text().splitlines()
    if line.strip()
]
final = {a["id"]: a for a in adj}
review_path = root / "data/real/agreement/review.jsonl"
reviewed = {
    (r["source"], r["doc"], r["start"], r["end"])
    for r in map(json.loads, review_path.read_text().splitlines())
}
changes = []
for path in sorted((root / "data/real/labels").glob("*.jsonl")):
    source = path.stem
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        row = json.loads(line)
        key = f"{source}|{row['doc']}|{row['start']}-{row['end']}"
        a = final.get(key)
        if a and a["final"] != row["label"]:
            if (source, row["doc"], row["start"], row["end"]) in reviewed:
                print("ALREADY REVIEWED", key)
            changes.append(
                {
                    "source": source,
                    "doc": row["doc"],
                    "start": row["start"],
                    "end": row["end"],
                    "sha1": row["sha1"],
                    "from": row["label"],
                    "to": a["final"],
                    "reason": "round 10 re-reading: " + a["reason"],
                }
            )
            row = {**row, "label": a["final"]}
            line = json.dumps(row, ensure_ascii=False)
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
with review_path.open("a", encoding="utf-8") as f:
    for c in changes:
        f.write(json.dumps(c, ensure_ascii=False) + "\n")
print(len(adj), "adjudicated;", len(changes), "labels changed")

print(Counter((c["from"], c["to"]) for c in changes))
