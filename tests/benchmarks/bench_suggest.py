"""Benchmark: `briefgen check` on a brief full of unknown [[ids]] ("did you mean" cost).

Prints figures; asserts nothing. Run from the project root:

    .venv/bin/python -m tests.benchmarks.bench_suggest 200 2000

For each registry size N (places added to the mini fixture), a ~230 KiB
brief whose key points link thousands of distinct unknown ids is checked, and
the time `check_paths` takes is printed with the number of problems found.
The size `real` uses the project's own data/ (its registry and briefs) instead.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from briefgen.read.load import check_paths
from tests.conftest import MINI, ROOT

BRIEF_BYTES = 230 * 1024


def hostile_project(root: Path, places: int, *, real: bool = False) -> Path:
    data = root / "data"
    shutil.copytree((ROOT if real else MINI) / "data", data)
    if real:
        shutil.copy(MINI / "data" / "briefs" / "alpha.yml", data / "briefs" / "alpha.yml")
    extra = "".join(
        f"place-{i}:\n  name: Place number {i}\n  kind: town\n  aliases: [Town {i}]\n"
        f"  description: Synthetic town {i}.\n"
        for i in range(places)
    )
    with (data / "places.yml").open("a", encoding="utf-8") as stream:
        stream.write(extra)
    rnd = random.Random(8)
    links: list[str] = []
    size = 0
    while size < BRIEF_BYTES - 2_000:
        word = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(5, 14)))
        link = f"[[{word}-{rnd.randint(0, 999)}]] "
        links.append(link)
        size += len(link)
    alpha = (data / "briefs" / "alpha.yml").read_text(encoding="utf-8")
    # Many short key points: each text field stays under the 20,000-character limit.
    points = "key_points:\n" + "".join(
        "  - See " + "".join(links[i : i + 8]).strip() + "\n" for i in range(0, len(links), 8)
    )
    alpha = alpha.replace("key_points:\n  - The city is nearly surrounded.\n", points)
    (data / "briefs" / "alpha.yml").write_text(alpha, encoding="utf-8")
    return data


def main(sizes: list[str]) -> None:
    for size in sizes:
        real = size == "real"
        places = 0 if real else int(size)
        with tempfile.TemporaryDirectory() as tmp:
            data = hostile_project(Path(tmp), places, real=real)
            brief = data / "briefs" / "alpha.yml"
            started = time.perf_counter()
            problems = check_paths([data], display_root=Path(tmp))
            took = time.perf_counter() - started
            registry = "real registry" if real else f"registry +{places:>5} places"
            print(
                f"{registry}, brief {brief.stat().st_size / 1024:.0f} KiB: "
                f"check {took:6.2f} s, {len(problems)} problems"
            )


if __name__ == "__main__":
    main(sys.argv[1:] or ["real", "0", "200", "1000"])
