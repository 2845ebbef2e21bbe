"""Time the identifying-details check (peersup_cli.sharing.identifying).

    .venv/bin/python bench/bench_identifying.py [--runs 200]
        a whole journal's text: the first check (which reads the bundled list of names) and the
        median of the checks after it, in ms
    .venv/bin/python bench/bench_identifying.py --adversarial
        each adversarial line of the tests at 50, 100 and 200 KB, in ms: linear time doubles
    .venv/bin/python bench/bench_identifying.py --repeat N [--dense]
        only the check of a journal, N times, and nothing printed: a whole process to time
        from outside (with N=0 as the baseline: /usr/bin/time, or any A/B process timer)

The journals are made of the sentences of tests/identifying_corpus.py (markup removed): 32
answers of about 300 characters (10 values x 3 questions, the action plan and support), a long
journal. Prints medians; no asserts.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from identifying_corpus import CORPUS  # noqa: E402
from peersup_cli.sharing.identifying import find_identifying  # noqa: E402

MARK = re.compile(r"\[\[\w+:(.*?)\]\]")


def journal_texts(dense: bool = False) -> list[str]:
    """32 answers of about 300 characters (10 values x 3 questions, the plan and support): the
    corpus's ordinary sentences with one detail in every fourth answer, or (``dense``) every
    sentence of the corpus, details in most answers."""
    lines = [
        line.removeprefix("~ ") for line in CORPUS.splitlines()
        if line.strip() and not line.startswith("#")
    ]
    plain = [line for line in lines if "[[" not in line]
    details = [MARK.sub(r"\1", line) for line in lines if "[[" in line]
    texts: list[str] = []
    for n in range(32):
        if dense:
            pool = [MARK.sub(r"\1", line) for line in lines]
            start = n * 4
            text = " ".join(pool[(start + k) % len(pool)] for k in range(6))
        else:
            text = " ".join(plain[(n * 5 + k) % len(plain)] for k in range(5))
            if n % 4 == 0:
                text += " " + details[n % len(details)]
        texts.append(text)
    return texts


def adversarial(size: int) -> dict[str, str]:
    def fill(piece: str, end: str = "") -> str:
        return piece * (size // len(piece)) + end

    return {
        "digit groups": fill("1 "), "dashed digits": fill("12-"), "letters then @": fill("a", "@"),
        "dotted domain": "a@" + fill("b."), "streets": fill("12 Elm "), "dates": fill("3/4/"),
        "born": fill("born "), "months": fill("April 3 "), "names": fill("Sarah "),
        "cues": fill("with Grace "), "capitals": fill("Ab"), "honorifics": fill("Ms "),
    }


def ms(fn: object, *args: object) -> float:
    start = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--adversarial", action="store_true")
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--dense", action="store_true", help="with --repeat: the dense journal")
    args = parser.parse_args()
    if args.repeat is not None:
        texts = journal_texts(args.dense)
        for _ in range(args.repeat):
            for text in texts:
                find_identifying(text)
        return
    if args.adversarial:
        for kb in (50, 100, 200):
            lines = adversarial(kb * 1000)
            timings = {name: ms(find_identifying, text) for name, text in lines.items()}
            print(f"{kb} KB: " + ", ".join(f"{name} {t:.1f}" for name, t in timings.items()))
        return

    for label, dense in (("a journal", False), ("a journal dense with details", True)):
        texts = journal_texts(dense)

        def whole(texts: list[str] = texts) -> None:
            for text in texts:
                find_identifying(text)

        first = ms(whole)
        times = [ms(whole) for _ in range(args.runs)]
        size = sum(map(len, texts))
        found = sum(len(find_identifying(t)) for t in texts)
        print(f"{label}: {len(texts)} texts, {size} characters, {found} findings")
        print(f"  first check (the first reads the list of names): {first:.2f} ms")
        print(f"  each check after it: median {statistics.median(times):.2f} ms, {args.runs} runs")


if __name__ == "__main__":
    main()
