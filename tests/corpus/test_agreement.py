from collections import Counter

import pytest

from factcheck.corpus.agreement import agreement, draw_sample
from factcheck.corpus.documents import CorpusDocument, LabelledSpan


def make_doc(doc_id: str, topic: str, labels: list[str]) -> CorpusDocument:
    sentences = [f"Sentence {doc_id} {i}." for i in range(len(labels))]
    text, spans, pos = "", [], 0
    for sentence, label in zip(sentences, labels, strict=True):
        text += sentence + " "
        spans.append(LabelledSpan(pos, pos + len(sentence), label))
        pos += len(sentence) + 1
    return CorpusDocument(doc_id, topic, "wire", "2024-01-01", text.strip(), spans)


def test_sample_is_stratified_and_keeps_context():
    docs = [make_doc(f"d{i}", "a" if i % 2 else "b", ["factual"] * 8 + ["opinion"] * 2) for i in range(10)]
    sample = draw_sample(docs, share=0.1, seed=1)
    strata = Counter((s.label, s.doc_id[1:] and ("a" if int(s.doc_id[1:]) % 2 else "b")) for s in sample)
    # 40 factual and 10 opinion sentences per topic: ceil(10%) of each stratum
    assert strata == {("factual", "a"): 4, ("factual", "b"): 4, ("opinion", "a"): 1, ("opinion", "b"): 1}
    item = next(s for s in sample if not s.key.endswith("#0"))
    index = int(item.key.split("#")[1])
    doc = next(d for d in docs if d.id == item.doc_id)
    assert item.before == doc.sentences()[index - 1][0]
    assert len({s.key for s in sample}) == len(sample)


def test_kappa_perfect_and_chance():
    labels = ["factual", "estimate", "attributed", "opinion"] * 5
    perfect = agreement(labels, labels)
    assert perfect.kappa == 1.0 and perfect.observed == 1.0
    assert all(v == 1.0 for v in perfect.per_label.values())
    shifted = agreement(labels, labels[1:] + labels[:1])
    assert shifted.observed == 0.0 and shifted.kappa < 0


def test_per_label_kappa_isolates_the_confused_label():
    first = ["factual"] * 10 + ["opinion"] * 10 + ["estimate"] * 10
    second = ["factual"] * 10 + ["opinion"] * 5 + ["factual"] * 5 + ["estimate"] * 10
    result = agreement(first, second)
    assert result.per_label["estimate"] == 1.0
    assert result.per_label["opinion"] < 1.0 and result.per_label["factual"] < 1.0
    # observed 25/30, chance 1/3: kappa = (5/6 - 1/3) / (2/3) = 0.75
    assert result.kappa == pytest.approx(0.75, abs=1e-3)


def test_paired_labels_match_by_text_after_an_edit(tmp_path):
    import json

    from factcheck.corpus.agreement import paired_labels

    before = make_doc("d1", "a", ["factual", "opinion", "estimate"])
    sample = tmp_path / "sample.jsonl"
    answers = tmp_path / "answers.jsonl"
    rows = [{"key": f"d1#{i}", "text": t} for i, (t, _) in enumerate(before.sentences())]
    sample.write_text("".join(json.dumps(r) + "\n" for r in rows))
    answers.write_text("".join(json.dumps({"key": r["key"], "label": "opinion"}) + "\n" for r in rows))
    # the first sentence is later removed from the document: positions shift by one
    shift = before.spans[1].start
    after = CorpusDocument(
        "d1",
        "a",
        "wire",
        "2024-01-01",
        before.text[shift:],
        [LabelledSpan(s.start - shift, s.end - shift, s.label) for s in before.spans[1:]],
    )
    assert paired_labels([after], sample, answers) == [
        ("d1#1", "opinion", "opinion"),
        ("d1#2", "estimate", "opinion"),
    ]
