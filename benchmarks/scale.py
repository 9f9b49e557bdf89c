"""Speed and scale: throughput against fastText, cold start, memory as input grows, training, cluster.

    pip install -e ".[dev,bench]"
    nice python benchmarks/scale.py                      # writes benchmarks/SCALE.md
    nice python benchmarks/scale.py --only memory,training   # one section or a few; others kept

Every figure is a ratio against a baseline measured in the same run, on the
same machine, so a busy machine slows both sides alike:

- throughput: the shipped model and fastText (trained here on the same train
  split, its tutorial settings) label the same sentences, in batches, one
  process; sentences/s and the ratio;
- cold start: ``factcheck --help`` and ``factcheck predict --text ...`` as new
  processes against ``python -c "import sklearn"``, median of several runs;
- memory: ``factcheck predict FILE --format jsonl`` on generated plain-text
  files of growing size (corpus documents repeated, blank lines between), as
  child processes; peak resident size from ``wait4`` and the ratio to the
  smallest file's;
- training: ``factcheck train`` in memory and ``--out-of-core`` on generated
  training sets (corpus sentences with words swapped between sentences of one
  label, so they are not repeats), as child processes; seconds and peak
  resident size; and both trained on the corpus train split, scored on dev;
- cluster: ``predict SHARDS --out DIR`` in one process and on a Dask
  LocalCluster of one and of two worker processes, the same input in the
  same run; the 2-to-1 ratio and, from the one-worker rate, the workers a
  billion sentences a day needs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "corpus"
RESULTS = Path(__file__).with_name("SCALE.md")
FACTCHECK = [sys.executable, "-m", "factcheck"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_child(command: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one child process (``wait4`` gives the child's own)."""
    t0 = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE, cwd=REPO)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {process.stderr.read().decode()[-500:]}")
    process.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def throughput(repeat: int) -> dict:
    """Sentences/s of the shipped model and of fastText on the same sentences, in one process.

    The shipped model is timed as ``factcheck predict`` labels (``Labeller``:
    the lean predictor, each sentence read in its document by the context
    stage, which weighs the spans the extractor finds in each document), the
    shipped ``fast`` model the same way (its context stage reads no spans, so
    no extraction pass), and the default's first stage alone, lean and through
    scikit-learn's ``Pipeline.predict_proba`` (the same floats the slow way), to
    show what the context stage and the spans cost and what the lean path is worth.
    """
    sys.path.insert(0, str(Path(__file__).parent))
    from accuracy import FastText, _ft_clean

    from factcheck.data import read_examples
    from factcheck.labelling import Labeller

    train = read_examples(CORPUS / "train.jsonl")
    examples = [e for split in ("dev", "test") for e in read_examples(CORPUS / f"{split}.jsonl")]
    sentences = [e.text for e in examples] * repeat
    documents = [f"{r}:{e.doc_id}" for r in range(repeat) for e in examples]
    fasttext = FastText().fit([e.text for e in train], [e.label for e in train]).model.f
    labeller = Labeller.load()
    fast = Labeller.load("fast")
    pipeline = labeller.pipeline  # the first stage, built as scikit-learn objects
    first_stage = getattr(labeller.predictor, "sentences", labeller.predictor)
    batch = 4096

    def ours() -> None:
        for i in range(0, len(sentences), batch):
            labeller.label_sentences(sentences[i : i + batch], documents[i : i + batch])

    def fast_path() -> None:
        for i in range(0, len(sentences), batch):
            fast.label_sentences(sentences[i : i + batch], documents[i : i + batch])

    def first_stage_path() -> None:
        for i in range(0, len(sentences), batch):
            first_stage.predict_proba(sentences[i : i + batch])

    def pipeline_path() -> None:
        for i in range(0, len(sentences), batch):
            pipeline.predict_proba(sentences[i : i + batch])

    def theirs() -> None:  # the same work fastText's own predict(list) does, cleaning included
        for i in range(0, len(sentences), batch):
            fasttext.multilinePredict(
                [_ft_clean(s) + "\n" for s in sentences[i : i + batch]], 1, 0.0, "strict"
            )

    runs = {
        "factcheck": ours,
        "fast": fast_path,
        "first stage": first_stage_path,
        "pipeline": pipeline_path,
        "fastText": theirs,
    }
    timings: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(5):  # interleaved, so a burst of load elsewhere hits all three
        for name, run in runs.items():
            t0 = time.perf_counter()
            run()
            timings[name].append(time.perf_counter() - t0)
    rates = {name: len(sentences) / statistics.median(t) for name, t in timings.items()}
    return {
        "sentences": len(sentences),
        **rates,
        "ratio": rates["factcheck"] / rates["fastText"],
        "fast_ratio": rates["fast"] / rates["fastText"],
    }


def cold_start(runs: int) -> dict:
    commands = {
        'python -c "import sklearn"': [sys.executable, "-c", "import sklearn"],
        "factcheck --help": [*FACTCHECK, "--help"],
        "factcheck predict --text ...": [
            *FACTCHECK,
            "predict",
            "--text",
            "Officials said about 40 were hurt.",
        ],
    }
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            seconds[name].append(run_child(command)[0])
    return {name: statistics.median(values) for name, values in seconds.items()}


def write_text_file(path: Path, megabytes: int) -> int:
    """Corpus documents repeated to ``megabytes``; returns the number of documents written."""
    docs = [
        json.loads(line)["text"].strip() + "\n\n"
        for line in (CORPUS / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    target = megabytes * 1_000_000
    written = count = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < target:
            doc = docs[count % len(docs)]
            handle.write(doc)
            written += len(doc.encode())
            count += 1
    return count


def memory_curve(sizes: list[int], workdir: Path) -> list[dict]:
    rows = []
    for megabytes in sizes:
        path = workdir / f"input-{megabytes}mb.txt"
        write_text_file(path, megabytes)
        log(f"  predict on {megabytes} MB")
        seconds, peak = run_child([*FACTCHECK, "predict", str(path), "--format", "jsonl"])
        rows.append({"mb": megabytes, "seconds": seconds, "peak_mib": peak})
        log(f"    {rows[-1]}")
        path.unlink()
    return rows


def generated_training_set(path: Path, size: int, seed: int = 0) -> None:
    """``size`` sentences: corpus sentences with words swapped between sentences of the same label."""
    from factcheck.data import read_examples

    rng = random.Random(seed)
    by_label: dict[str, list[list[str]]] = {}
    for e in read_examples(CORPUS / "train.jsonl"):
        by_label.setdefault(e.label, []).append(e.text.split())
    labels = sorted(by_label)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(size):
            label = labels[i % len(labels)]
            words = list(rng.choice(by_label[label]))
            donor = rng.choice(by_label[label])
            for _ in range(2):
                words[rng.randrange(len(words))] = rng.choice(donor)
            record = {"text": " ".join(words), "label": label, "doc_id": f"g{i // 20}"}
            handle.write(json.dumps(record) + "\n")


def training(sizes: list[int], workdir: Path, in_memory_max: int) -> list[dict]:
    """``train`` in memory and ``train --out-of-core`` on each generated set, a child process each.

    In memory is skipped above ``in_memory_max`` sentences: it holds the whole
    TF-IDF matrix (3.4 GB at 100,000 sentences), and a million would need
    more memory than this shared machine has.
    """
    rows = []
    for size in sizes:
        data = workdir / f"train-{size}.jsonl"
        generated_training_set(data, size)
        for mode, extra in (("in memory", []), ("out of core", ["--out-of-core"])):
            if mode == "in memory" and size > in_memory_max:
                rows.append({"sentences": size, "mode": mode, "seconds": None, "peak_mib": None})
                continue
            log(f"  train {mode} on {size} sentences")
            seconds, peak = run_child(
                [*FACTCHECK, "train", str(data), "--holdout", "0", "--out", str(workdir / "m"), *extra]
            )
            rows.append({"sentences": size, "mode": mode, "seconds": seconds, "peak_mib": peak})
            log(f"    {rows[-1]}")
        data.unlink()
    return rows


def training_quality(workdir: Path) -> dict[str, float]:
    """Macro-F1 on the corpus dev split of each way of training, on the corpus train split."""
    scores = {}
    for mode, extra in (("in memory", []), ("out of core", ["--out-of-core"])):
        command = [*FACTCHECK, "train", str(CORPUS / "train.jsonl"), "--eval", str(CORPUS / "dev.jsonl")]
        done = subprocess.run(
            [*command, "--out", str(workdir / "q"), *extra],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
        )
        scores[mode] = float(re.search(r"macro-F1 ([0-9.]+)", done.stdout)[1])
    return scores


def write_shards_of(folder: Path, megabytes: float, shards: int = 4) -> None:
    """Corpus documents as JSONL shards ``{"id", "text"}``, ``megabytes`` in all."""
    docs = [json.loads(line)["text"] for line in (CORPUS / "documents.jsonl").read_text().splitlines()]
    folder.mkdir()
    handles = [(folder / f"shard-{i}.jsonl").open("w", encoding="utf-8") for i in range(shards)]
    written = count = 0
    while written < megabytes * 1_000_000:
        line = json.dumps({"id": f"d{count}", "text": docs[count % len(docs)]}) + "\n"
        handles[count % shards].write(line)
        written += len(line.encode())
        count += 1
    for handle in handles:
        handle.close()


def cluster_scaling(megabytes: float, workdir: Path) -> dict:
    """``predict SHARDS --out DIR`` in one process, then on a LocalCluster of 1 and of 2 workers.

    Each worker is a process of one thread (``LocalCluster(processes=True)``),
    started before the clock runs; the command is a child process, timed
    from start to its last file, so the model's load and its trip to the
    workers are counted, as a user would see them.
    """
    from distributed import Client, LocalCluster, get_task_stream

    inputs = workdir / "shards"
    write_shards_of(inputs, megabytes)
    shards = sorted(str(p) for p in inputs.iterdir())
    command = [*FACTCHECK, "predict", *shards, "--format", "jsonl"]
    outputs: dict[str, str] = {}
    timings: dict[str, float] = {}

    def run(name: str, extra: list[str]) -> None:
        out = workdir / name.replace(" ", "-")
        log(f"  {name}")
        timings[name] = run_child([*command, "--out", str(out), *extra])[0]
        outputs[name] = "".join(p.read_text(encoding="utf-8") for p in sorted(out.iterdir()))
        log(f"    {timings[name]:.1f} s")

    run("one process", [])
    busy: dict[str, float] = {}  # seconds the workers spent inside labelling tasks
    for workers in (1, 2):
        name = f"{workers} worker{'s' if workers > 1 else ''}"
        with (
            LocalCluster(
                n_workers=workers, processes=True, threads_per_worker=1, dashboard_address=None
            ) as cluster,
            Client(cluster.scheduler_address) as client,
            get_task_stream(client) as stream,
        ):
            run(name, ["--scheduler", cluster.scheduler_address])
        busy[name] = sum(
            part["stop"] - part["start"]
            for task in stream.data
            for part in task["startstops"]
            if part["action"] == "compute"
        )
    if len(set(outputs.values())) != 1:
        raise RuntimeError("the cluster's rows differ from one process's")
    sentences = next(iter(outputs.values())).count("\n")
    return {
        "megabytes": megabytes,
        "shards": len(shards),
        "sentences": sentences,
        "seconds": timings,
        "busy": busy,
    }


def cluster_section(result: dict, where: str) -> list[str]:
    seconds = result["seconds"]
    one, two = seconds["1 worker"], seconds["2 workers"]
    rate = result["sentences"] / one
    per_day = 86_400 * rate
    needed = math.ceil(1e9 / per_day)
    lines = [
        "## Cluster scaling (`factcheck predict SHARDS --scheduler ADDRESS --out DIR`, LocalCluster)",
        "",
        where,
        "",
        f"{result['megabytes']:g} MB of text in {result['shards']} JSONL shards, "
        f"{result['sentences']:,} sentences; one run each, the same input, rows identical in all three:",
        "",
        "| engine | seconds | sentences/s | vs one process |",
        "|---|---:|---:|---:|",
    ]
    for name, value in seconds.items():
        lines.append(
            f"| {name} | {value:.1f} | {result['sentences'] / value:,.0f} | "
            f"{seconds['one process'] / value:.2f}x |"
        )
    lines += [
        "",
        f"**2 workers / 1 worker: {one / two:.2f}x faster** (ideal 2x on two cores, which the command "
        "itself, reading and writing the shards, shares with the workers; one run each on a machine "
        "shared with other work, whose load moves either figure).",
        "",
        "A billion sentences a day, on paper, from the one-worker rate measured here (model load "
        "and start-up included, so a long job does a little better):",
        "",
        f"- one worker: {result['sentences']:,} sentences / {one:.1f} s = {rate:,.0f} sentences/s "
        f"= {per_day:,.0f} a day (86,400 s);",
        f"- 1,000,000,000 / {per_day:,.0f} = {1e9 / per_day:.1f}, so **{needed} workers** (one core "
        f"each), if they scale linearly; at the 2-worker efficiency measured here "
        f"({one / two / 2:.0%}), {math.ceil(1e9 / per_day / min(1.0, one / two / 2))} workers.",
        "",
        "The client reads every shard and writes every row, one process: at that scale run "
        "several clients, each on its own share of the shards, against the same scheduler.",
        "",
        "Where the time goes: the workers spent "
        + "; ".join(
            f"{busy:.1f} s inside labelling tasks with {name} ({busy / seconds[name]:.0%} of the run)"
            for name, busy in result["busy"].items()
        )
        + f". One busy worker labels {result['sentences'] / result['busy']['1 worker']:,.0f} sentences/s "
        f"against {result['sentences'] / seconds['one process']:,.0f} for the whole one-process run; the "
        "rest of a cluster run is start-up (the model's load and its trip to the workers) and waiting "
        "for batches, with the scheduler, the command and the workers sharing these two cores.",
    ]
    return lines


SECTIONS = ("throughput", "cold", "memory", "training", "cluster")
HEADINGS = {
    "throughput": "## Throughput",
    "cold": "## Cold start",
    "memory": "## Memory",
    "training": "## Training",
    "cluster": "## Cluster",
}


def provenance(argv: list[str]) -> str:
    """The command, date and load a section was measured with: read the figures against them."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    command = " ".join(["nice python benchmarks/scale.py", *argv])
    return (
        f"Measured by `{command}` on {date.today().isoformat()}; load average at the end "
        f"(1, 5, 15 min): {load} on {os.cpu_count()} cores shared with other work."
    )


def throughput_section(speed: dict, where: str) -> list[str]:
    return [
        "## Throughput (one process, batches of 4,096 sentences)",
        "",
        where,
        "",
        f"{speed['sentences']:,} sentences (corpus dev + test, repeated), median of 5 interleaved runs:",
        "",
        "| model | sentences/s |",
        "|---|---:|",
        f"| factcheck default, as `predict` labels (lean predictor, context stage reading the spans, "
        f"labels and scores) | {speed['factcheck']:,.0f} |",
        f"| factcheck fast (`--model fast`: a context stage that reads no spans) | {speed['fast']:,.0f} |",
        f"| its first stage alone, lean predictor (probabilities only) | {speed['first stage']:,.0f} |",
        f"| its first stage through scikit-learn's `Pipeline.predict_proba` (same floats) | "
        f"{speed['pipeline']:,.0f} |",
        f"| fastText (same train split) | {speed['fastText']:,.0f} |",
        "",
        f"**Ratio factcheck / fastText: {speed['ratio']:.2f}** with the default model,"
        f" **{speed['fast_ratio']:.2f}** with `fast` (goal: at least 0.25). The default finds every"
        " document's spans to label it, which `predict` does anyway to show them; `fast` is for"
        f" labelling in bulk with `--no-spans`, {_dev_gap():.3f} lower on real dev (the two model cards).",
        "",
        "The two first-stage rows give the same probabilities, bit for bit (`tests/test_predictor.py`); "
        "they share the vectorised hashing (`factcheck/hashing.py`), and the lean predictor adds "
        "the fusion of counting, TF-IDF and the product, and skips scikit-learn's checks. The "
        "first row adds the context stage (`factcheck/context.py`: layout, context features, "
        "trees) and the rounding of every score into a row.",
    ]


def cold_section(cold: dict, runs: int, where: str) -> list[str]:
    baseline = cold['python -c "import sklearn"']
    lines = [
        f"## Cold start (new process, median of {runs} runs)",
        "",
        where,
        "",
        "| command | seconds | vs `import sklearn` |",
        "|---|---:|---:|",
    ]
    for name, seconds in cold.items():
        lines.append(f"| `{name}` | {seconds:.2f} | {seconds / baseline:.2f}x |")
    return [
        *lines,
        "",
        "Goals: `predict --text` at most 1.5x `import sklearn`; `--help` at most 0.3 s.",
        "",
        "`predict` reads the model's arrays (`model.npz`) into a numpy-only predictor and imports "
        "neither scikit-learn, skops nor the whole of NLTK (`tests/test_predictor.py` checks); "
        "`--help` imports typer and the CLI module only. Where the time goes: "
        '`python -X importtime -m factcheck predict --text "..."`.',
    ]


def memory_section(memory: list[dict], where: str) -> list[str]:
    lines = [
        "## Memory as input grows (`factcheck predict FILE --format jsonl`, a child process each)",
        "",
        where,
        "",
        "| input | seconds | MB/s | peak resident | vs smallest |",
        "|---:|---:|---:|---:|---:|",
    ]
    for row in memory:
        lines.append(
            f"| {row['mb']} MB | {row['seconds']:.1f} | {row['mb'] / row['seconds']:.2f} | "
            f"{row['peak_mib']:.0f} MiB | {row['peak_mib'] / memory[0]['peak_mib']:.2f}x |"
        )
    return [*lines, "", "Goal: the 40 MB peak within 1.3x of the 4 MB peak."]


def training_section(trained: list[dict], quality: dict[str, float], where: str) -> list[str]:
    lines = [
        "## Training on generated sentences (`factcheck train --holdout 0 [--out-of-core]`, "
        "a child process each)",
        "",
        where,
        "",
        "| sentences | how | seconds | peak resident |",
        "|---:|---|---:|---:|",
    ]
    for row in trained:
        if row["seconds"] is None:
            lines.append(f"| {row['sentences']:,} | {row['mode']} | not run | (would not fit) |")
        else:
            figures = f"{row['seconds']:.0f} | {row['peak_mib']:,.0f} MiB"
            lines.append(f"| {row['sentences']:,} | {row['mode']} | {figures} |")
    lines += [
        "",
        "Trained on the corpus train split and scored on its dev split (`--eval`), macro-F1: "
        + ", ".join(f"{mode} {value:.3f}" for mode, value in quality.items())
        + ". In memory fits multinomial logistic regression by L-BFGS; `--out-of-core` fits "
        "one-vs-rest logistic regression with the same C and class weights by SGD over chunks "
        "spilled to disk (5 epochs), on exactly the same TF-IDF weights.",
    ]
    return lines


def merge_sections(old: str, new: dict[str, list[str]]) -> str:
    """SCALE.md with the sections just measured replaced and every other one kept as it was."""
    kept: dict[str, list[str]] = {}
    current: str | None = None
    for line in old.splitlines():
        if line.startswith("## "):
            current = next((k for k, h in HEADINGS.items() if line.startswith(h)), None)
            if current is not None:
                kept[current] = []
        if current is not None:
            kept[current].append(line)
    lines = [
        "# Speed and scale",
        "",
        "Produced by `benchmarks/scale.py`, a section at a time (`--only`); each section names the "
        "command, date and machine load it was measured with, and every ratio compares two things "
        "measured in the same run.",
    ]
    for key in SECTIONS:
        block = new.get(key) or kept.get(key)
        if block:
            while block and not block[-1].strip():
                block = block[:-1]
            lines += ["", *block]
    return "\n".join(lines) + "\n"


def _dev_gap() -> float:
    """How far `fast` falls short of `default` on real dev, as their cards record the held-out score."""
    cards = [REPO / "models" / name / "model.json" for name in ("default", "fast")]
    default, fast = (json.loads(card.read_text(encoding="utf-8"))["metrics"]["held_out"] for card in cards)
    return float(default["macro_f1"] - fast["macro_f1"])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to measure ({', '.join(SECTIONS)}); the others stay as they are",
    )
    parser.add_argument("--repeat", type=int, default=10, help="copies of the dev+test sentences to label")
    parser.add_argument("--cold-runs", type=int, default=5, help="cold starts timed per command")
    parser.add_argument("--sizes", default="4,40,400", help="input sizes in MB for the memory curve")
    parser.add_argument("--train-sizes", default="100000,1000000", help="generated training set sizes")
    parser.add_argument(
        "--in-memory-max", type=int, default=200_000, help="largest set also trained in memory (RAM bound)"
    )
    parser.add_argument("--cluster-mb", type=float, default=16.0, help="MB of text for the cluster section")
    parser.add_argument("--out", type=Path, default=RESULTS, help="the report to write")
    args = parser.parse_args(argv)
    only = [s for s in args.only.split(",") if s]
    unknown = sorted(set(only) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    train_sizes = [int(s) for s in args.train_sizes.split(",") if s]

    # Child processes first: a child's peak resident size starts from its parent's at the
    # fork, so they run while this process is still small (no model, no fastText loaded).
    new: dict[str, list[str]] = {}
    if "cold" in only:
        log("cold start")
        cold = cold_start(args.cold_runs)
        log(f"    {cold}")
        new["cold"] = cold_section(cold, args.cold_runs, provenance(argv))
    with tempfile.TemporaryDirectory() as tmp:
        if "memory" in only:
            log("memory curve")
            new["memory"] = memory_section(memory_curve(sizes, Path(tmp)), provenance(argv))
        if "training" in only:
            log("training")
            trained = training(train_sizes, Path(tmp), args.in_memory_max)
            quality = training_quality(Path(tmp))
            new["training"] = training_section(trained, quality, provenance(argv))
        if "cluster" in only:
            log("cluster")
            new["cluster"] = cluster_section(cluster_scaling(args.cluster_mb, Path(tmp)), provenance(argv))
    if "throughput" in only:
        log("throughput")
        speed = throughput(args.repeat)
        log(f"    {speed}")
        new["throughput"] = throughput_section(speed, provenance(argv))

    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    args.out.write_text(merge_sections(old, new), encoding="utf-8")
    print("\n\n".join("\n".join(block) for block in new.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
