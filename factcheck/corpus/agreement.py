"""Inter-annotator agreement: draw a blind sample, then measure Cohen's kappa.

A label set is only as good as two careful readers' agreement on it. The
sample is stratified by the first annotator's label and by topic so rare
labels and every beat are represented; the second annotator sees the
sentences (with their neighbours for context) and the guideline, never the
labels.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

from factcheck.atomic import atomic_write_text
from factcheck.corpus.documents import CorpusDocument
from factcheck.escaping import json_line, jsonl_lines
from factcheck.labels import LABEL_IDS


@dataclass(frozen=True)
class SampledSentence:
    """A sentence to annotate blind: a stable key, its context and (kept apart) its first label."""

    key: str
    doc_id: str
    before: str
    text: str
    after: str
    label: str


def draw_sample(docs: Sequence[CorpusDocument], share: float = 0.1, seed: int = 0) -> list[SampledSentence]:
    """At least ``share`` of sentences, the same share from every (label, topic) stratum."""
    strata: dict[tuple[str, str], list[SampledSentence]] = {}
    for doc in docs:
        sentences = doc.sentences()
        for i, (text, label) in enumerate(sentences):
            item = SampledSentence(
                key=f"{doc.id}#{i}",
                doc_id=doc.id,
                before=sentences[i - 1][0] if i else "",
                text=text,
                after=sentences[i + 1][0] if i + 1 < len(sentences) else "",
                label=label,
            )
            strata.setdefault((label, doc.topic), []).append(item)
    rng = random.Random(seed)
    sample = []
    for key in sorted(strata):
        items = strata[key]
        k = max(1, -(-len(items) * share // 1))  # ceiling, at least one per stratum
        sample += rng.sample(items, int(k))
    rng.shuffle(sample)
    return sample


@dataclass(frozen=True)
class Agreement:
    sentences: int
    observed: float
    kappa: float
    per_label: dict[str, float]


def agreement(first: Sequence[str], second: Sequence[str]) -> Agreement:
    """Overall Cohen's kappa, and per label the kappa of 'this label or not' between the two."""
    per_label = {}
    for label in LABEL_IDS:
        a = [x == label for x in first]
        b = [x == label for x in second]
        per_label[label] = round(float(cohen_kappa_score(a, b)), 3) if any(a) or any(b) else float("nan")
    observed = sum(x == y for x, y in zip(first, second, strict=True)) / len(first)
    return Agreement(
        sentences=len(first),
        observed=round(observed, 3),
        kappa=round(float(cohen_kappa_score(first, second, labels=list(LABEL_IDS))), 3),
        per_label=per_label,
    )


def paired_labels(docs: Sequence[CorpusDocument], sample: Path, answers: Path) -> list[tuple[str, str, str]]:
    """(key, first label, second label) for every answered sentence still in the corpus.

    Matched by document and sentence text, not position, so an edit elsewhere in
    a document never shifts which gold label an answer is compared with.
    """
    gold = {(doc.id, text): label for doc in docs for text, label in doc.sentences()}
    texts = {row["key"]: row["text"] for row in _read_jsonl(sample)}
    pairs = []
    for row in _read_jsonl(answers):
        first = gold.get((row["key"].split("#")[0], texts[row["key"]]))
        if first is not None:
            pairs.append((row["key"], first, row["label"]))
    return pairs


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in jsonl_lines(path.read_text(encoding="utf-8")) if line]


def main(argv: list[str] | None = None) -> int:
    """``python -m factcheck.corpus.agreement sample|report``: draw the blind sample once, then measure."""
    from factcheck.corpus.documents import load_corpus

    repo = Path(__file__).resolve().parents[2]
    folder = repo / "data" / "agreement"
    sample_path = folder / "sample.jsonl"
    parser = argparse.ArgumentParser(prog="python -m factcheck.corpus.agreement")
    parser.add_argument("step", choices=["sample", "report"])
    args = parser.parse_args(argv)
    docs = load_corpus(repo / "data" / "corpus" / "source")
    if args.step == "sample":
        if sample_path.exists():
            parser.error(f"{sample_path} exists; the sample is frozen once drawn (delete it to redraw)")
        folder.mkdir(parents=True, exist_ok=True)
        blind = [
            {"key": s.key, "before": s.before, "text": s.text, "after": s.after} for s in draw_sample(docs)
        ]
        atomic_write_text(sample_path, "".join(json_line(r) for r in blind))
        print(f"wrote {len(blind)} sentences to {sample_path}")
        return 0
    pairs = paired_labels(docs, sample_path, folder / "annotator_b.jsonl")
    result = agreement([a for _, a, _ in pairs], [b for _, _, b in pairs])
    print(json.dumps(asdict(result), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
