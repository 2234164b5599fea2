"""A small mutation harness: does the suite notice the bugs we fear?

Each mutation is one small change to the source of the kind a real bug makes
(a dropped factor, a bound on the wrong end, a check short-circuited) and the
tests that should fail because of it. For each, a scratch copy of the project
gets the change, those tests run there (nothing here is touched), and the
mutation is "caught" when they fail, "missed" when they pass. A mutation whose
text is no longer in its file is reported as "stale": update it.

    .venv/bin/python tools/mutants.py            # every mutation
    .venv/bin/python tools/mutants.py csv feed   # those whose name holds a word given

Add a mutation with each capability: the change a bug in it would make, and
the tests that guard it. The run first checks that those tests pass on the
unchanged copy (else it stops: exit 2), and ends with the share caught; below
90 % it exits 1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 420  # seconds one mutation's tests may take before it counts as caught (a hang)


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]  # pytest arguments: files, or file::test, or -k expressions


MUTATIONS = [
    # --- readings of figures
    Mutation("range-ignores-unit-factor", "briefgen/analyse/figures.py",
             "low = figure.low * factor if figure.low is not None else None",
             "low = figure.low if figure.low is not None else None",
             ("tests/analyse/test_bug_classes.py",)),
    Mutation("bound-on-range-uses-far-end", "briefgen/analyse/figures.py",
             "start = low if low is not None else high", "start = high if high is not None else low",
             ("tests/analyse/test_bug_classes.py",)),
    Mutation("point-value-ignores-unit-factor", "briefgen/analyse/figures.py",
             "low = high = figure.value * factor", "low = high = figure.value",
             ("tests/analyse/test_figures.py", "tests/analyse/test_bug_classes.py")),
    Mutation("all-allow-wording-drops-exclusive-bound", "briefgen/analyse/figures.py",
             "    if r.low_inclusive and r.high_inclusive:\n"
             "        return _with_base(\"\", [_in_base(low, r), _in_base",
             "    if r.low_inclusive or r.high_inclusive:\n"
             "        return _with_base(\"\", [_in_base(low, r), _in_base",
             ("tests/analyse/test_bug_classes.py",)),
    # --- downloads and feed
    Mutation("csv-tab-and-return-not-defused", "briefgen/write/downloads.py",
             '("=", "+", "-", "@", "\\t", "\\r")', '("=", "+", "-", "@")',
             ("tests/write/test_bug_classes.py",)),
    Mutation("csv-defuses-first-columns-only", "briefgen/write/downloads.py",
             "writer.writerow([csv_cell(c) for c in row])",
             "writer.writerow([csv_cell(c) for c in row[:6]] + list(row[6:]))",
             ("tests/write/test_bug_classes.py",)),
    Mutation("feed-keeps-the-oldest-50", "briefgen/write/feed.py",
             "entries = dated[:FEED_ENTRIES]", "entries = dated[-FEED_ENTRIES:]",
             ("tests/write/test_bug_classes.py",)),
    Mutation("json-counts-the-wrong-items", "briefgen/write/downloads.py",
             '"figures": len(b.figures)', '"figures": len(b.quotes)',
             ("tests/write/test_bug_classes.py",)),
    # --- build machinery
    Mutation("cache-key-without-site-url", "briefgen/build/generation.py",
             "return (self.site_name, self.about, self.site_url)",
             "return (self.site_name, self.about)",
             ("tests/build/test_bug_classes.py", "-k", "site_url")),
    Mutation("memo-forgets-metrics", "briefgen/build/pagememo.py",
             "wide = (corpus.entities, corpus.metrics, corpus.units,",
             "wide = (corpus.entities, corpus.units,",
             ("tests/build/test_bug_classes.py", "-k", "corpus_wide")),
    Mutation("memo-forgets-topics-and-vocabulary", "briefgen/build/pagememo.py",
             "corpus.vocabulary,\n                corpus.topics, settings)", "\n                settings)",
             ("tests/build/test_bug_classes.py", "-k", "corpus_wide")),
    Mutation("forked-results-out-of-order", "briefgen/build/parallel.py",
             "return [cast(T, done[number]) for number in range(len(tasks))]",
             "return [cast(T, value) for value in done.values()]",
             ("tests/build/test_bug_classes.py", "-k", "order")),
    Mutation("map-dots-swap-latitude-and-longitude", "briefgen/write/map_chart.py",
             "dot = ax.scatter([point.longitude], [point.latitude],",
             "dot = ax.scatter([point.latitude], [point.longitude],",
             ("tests/write/test_bug_classes.py", "-k", "map")),
    Mutation("find-without-relative-floor", "briefgen/authoring/find.py",
             "floor = ranked[0].score - RELATIVE_CUTOFF", "floor = 0",
             ("tests/build/test_bug_classes.py", "-k", "find")),
    # --- settings of mkdocs.yml (issue 20)
    Mutation("settings-allow-quotes-in-text", "briefgen/read/settings.py",
             '_MARKUP = re.compile(r"[<>\\"`]")', '_MARKUP = re.compile(r"[<>]")',
             ("tests/read/test_hostile_settings.py", "-k", "quote")),
    Mutation("settings-url-characters-unchecked", "briefgen/read/settings.py",
             "    if not _URL_CHARACTERS.match(value):", "    if False:",
             ("tests/read/test_hostile_settings.py", "-k", "site_url or site-url")),
    Mutation("settings-copyright-unchecked", "briefgen/read/settings.py",
             "    if html.unescape(cleaned) != html.unescape(value):", "    if False:",
             ("tests/read/test_hostile_settings.py", "-k", "copyright")),
    Mutation("build-ignores-settings-problems", "briefgen/plugin.py",
             "            if problems:\n                count = len(problems)",
             "            if False:\n                count = len(problems)",
             ("tests/read/test_hostile_settings.py", "-k", "before_touching")),
    Mutation("theme-prints-canonical-url-raw", "briefgen/write/theme/main.html",
             '<link rel="canonical" href="{{ page.canonical_url|e }}">',
             '<link rel="canonical" href="{{ page.canonical_url }}">',
             ("tests/write/test_theme_escaping.py",)),
    Mutation("theme-prints-author-raw", "briefgen/write/theme/main.html",
             '<meta name="author" content="{{ config.site_author|e }}">',
             '<meta name="author" content="{{ config.site_author }}">',
             ("tests/write/test_theme_escaping.py",)),
    Mutation("check-skips-mkdocs-yml", "briefgen/authoring/cli.py",
             "problems = _settings_problems(paths) + check_paths(paths)", "problems = check_paths(paths)",
             ("tests/read/test_hostile_settings.py", "-k", "check_reports")),
    # --- caches prove what they reuse
    Mutation("kept-site-not-hashed-on-reuse", "briefgen/build/sitecache.py",
             "            if _digest(content) != digest:", "            if False:",
             ("tests/build/test_sitecache.py",)),
    Mutation("chart-cache-not-hashed-on-reuse", "briefgen/write/charts.py",
             "        if digest != _stamp(text):", "        if False:",
             ("tests/build/test_cache_damage.py", "-k", "chart and not real")),
    Mutation("kept-page-not-hashed-on-reuse", "briefgen/build/pagememo.py",
             "        if _digest(kept[1]) != kept[2]:", "        if False:",
             ("tests/build/test_cache_damage.py", "-k", "in_memory")),
    # --- one build at a time
    Mutation("lock-never-taken", "briefgen/build/buildlock.py",
             "                fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
             "                break",
             "                break",
             ("tests/build/test_concurrency.py", "-k", "waited_too_long")),
    Mutation("lock-released-at-once", "briefgen/plugin.py",
             "        self._lock = lock\n", "        self._lock = lock\n        lock.release()\n",
             ("tests/build/test_concurrency.py", "-k", "two_builds")),
    # --- errors at the cause
    Mutation("bad-colour-cascades", "briefgen/read/vocabulary.py",
             "side not in sides and side not in broken and", "side not in sides and",
             ("tests/read/test_hostile_data.py", "-k", "first_and_alone")),
    Mutation("duplicate-reference-ids-accepted", "briefgen/read/load.py",
             "            if ref_id in seen:", "            if False:",
             ("tests/read/test_hostile_data.py", "-k", "reference-id-twice")),
    Mutation("qualifier-left-out-loses-its-word", "briefgen/read/vocabulary.py",
             "words = tuple((q, obj.values.get(q) or defaults[q]) for q in QUALIFIER_WORD_FIELDS",
             "words = tuple((q, obj.values.get(q) or '') for q in QUALIFIER_WORD_FIELDS",
             ("tests/read/test_hostile_data.py", "-k", "qualifier")),
    Mutation("readme-in-briefs-refused", "briefgen/read/load.py",
             "        if path.suffix.lower() in DOCUMENTATION_SUFFIXES and path.is_file():",
             "        if False:",
             ("tests/read/test_hostile_data.py", "-k", "markdown or readme")),
    Mutation("near-miss-brief-names-ignored", "briefgen/read/load.py",
             'DOCUMENTATION_SUFFIXES = (".md",)',
             'DOCUMENTATION_SUFFIXES = (".md", ".txt", ".yml~", ".yaml~")',
             ("tests/read/test_hostile_data.py", "-k", "brief-saved")),
    # --- limits of the command
    Mutation("draft-reads-any-size", "briefgen/authoring/cli.py",
             "    if len(data) > MAX_ARTICLE_BYTES:", "    if False:",
             ("tests/authoring/test_cli_limits.py", "-k", "over_the_limit or endless")),
    Mutation("find-accepts-any-limit", "briefgen/authoring/cli.py",
             "    if not 1 <= limit <= MAX_MATCHES:", "    if False:",
             ("tests/authoring/test_cli_limits.py", "-k", "hostile_command_arguments")),
    # --- a bad save under serve
    Mutation("serve-fails-the-rebuild-again", "briefgen/plugin.py",
             "            if not self._serving or last_good is None:", "            if True:",
             ("tests/build/test_serve_problems.py", "-k", "every_page")),
    Mutation("serve-notice-not-escaped", "briefgen/plugin.py",
             'items = "\\n".join(f"<li><code>{html.escape(problem)}</code></li>"',
             'items = "\\n".join(f"<li><code>{problem}</code></li>"',
             ("tests/build/test_serve_problems.py", "-k", "as_text")),
    # --- the contributor workflow
    Mutation("workflow-gives-no-browser", ".github/workflows/site.yml",
             '              echo "BRIEFGEN_CHROMIUM=$browser" >> "$GITHUB_ENV"', "              true",
             ("tests/authoring/test_contributor_workflow.py", "-k", "browser")),
    Mutation("workflow-python-drifts", ".github/workflows/site.yml",
             'python-version: "3.11"', 'python-version: "3.12"',
             ("tests/authoring/test_contributor_workflow.py", "-k", "readme")),
    # --- the house by layer (issue 18)
    Mutation("read-imports-write", "briefgen/read/load.py",
             "from briefgen.sitemap import RESERVED_IDS\n",
             "from briefgen.sitemap import RESERVED_IDS\nfrom briefgen.write import urls  # noqa: F401\n",
             ("tests/test_layers.py",)),
    Mutation("memo-forgets-a-listed-briefs-type", "briefgen/build/pagememo.py",
             "brief.published, brief.article_type, brief.topics,", "brief.published, brief.topics,",
             ("tests/build/test_pagememo.py",)),
    Mutation("chart-file-ignores-the-drawing-code", "briefgen/write/charts.py",
             'f"{key}\\0{drawing_digest()}"', 'f"{key}"',
             ("tests/build/test_cache_keys.py",)),
    Mutation("check-generates-in-memory-only", "briefgen/authoring/cli.py",
             "            generate(settings)\n", "            _generated_in_memory(data_dir)\n",
             ("tests/e2e/test_build.py::test_a_check_then_a_build_generates_the_site_once",)),
    Mutation("one-worker-still-generates-apart", "briefgen/build/parallel.py",
             "    if workers() < 2 or not can_fork():", "    if not can_fork():",
             ("tests/build/test_parallel.py::test_one_worker_or_little_work_stays_in_this_process",)),
    Mutation("directory-urls-off-accepted", "briefgen/read/settings.py",
             'if directory_urls is not None and (_plain(directory_urls) or "").strip().lower() in _FALSE:',
             "if False:",
             ("tests/e2e/test_build.py::test_directory_urls_off_is_refused_at_its_line_by_check_and_build",)),
    # --- search
    Mutation("search-indexes-an-entitys-list-of-briefs", "briefgen/write/templates/entity.md.j2",
             '<ul class="bg-appearances" data-pagefind-ignore>', '<ul class="bg-appearances">',
             ("tests/e2e/test_search_index.py::test_the_index_holds_what_a_page_says_not_the_lists_of_other_pages",)),
    Mutation("phone-cards-skip-a-table-with-attributes", "briefgen/write/templating.py",
             '_TABLE = re.compile(r"<table((?: [^>]*)?)>', '_TABLE = re.compile(r"<table()>',
             ("tests/write/test_pages.py",)),
    Mutation("memo-fingerprints-source-lines", "briefgen/build/pagememo.py",
             "        if isinstance(value, Location):\n",
             "        if isinstance(value, Location) and False:\n",
             ("tests/build/test_pagememo.py::test_an_edit_that_moves_lines_renders_only_what_it_changes",)),
    Mutation("server-on-a-kept-site-never-fills-its-memo", "briefgen/build/generation.py",
             "        if memo is not None and not memo.pages:\n", "        if False:\n",
             ("tests/build/test_pagememo.py::test_a_server_started_on_a_kept_site_renders_only_what_the_first_edit_changes",)),
    Mutation("memo-filled-from-data-edited-meanwhile", "briefgen/build/generation.py",
             "    if inputs_key(settings.data_dir, settings.key_settings) != key:\n",
             "    if False:\n",
             ("tests/build/test_pagememo.py::test_an_edit_saved_while_the_memo_is_filled_is_never_served_stale",)),
    Mutation("scale-drawn-as-bars-from-zero", "briefgen/write/charts.py",
             '    return "point" if on_scale else "bar"', '    return "bar"',
             ("tests/e2e/test_other_topic.py::test_magnitudes_are_dots_on_a_scale_axis_not_bars_from_zero",)),
]


def _scratch() -> Path:
    """A copy of the project's tracked and new files (no .venv, caches or sites)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    scratch = Path(tempfile.mkdtemp(prefix="briefgen-mutants-"))
    for name in listed:
        source = ROOT / name
        if source.is_file():
            target = scratch / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return scratch


def _pytest(scratch: Path, arguments: list[str] | tuple[str, ...],
            timeout: float) -> subprocess.CompletedProcess[str]:
    # The scratch copy first on the path, in the tests' own subprocesses too
    # (real builds load the plugin from it).
    env = {**os.environ, "PYTHONPATH": str(scratch), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *arguments],
                          cwd=scratch, env=env, capture_output=True, text=True, timeout=timeout, check=False)


def baseline_fails(chosen: list[Mutation], scratch: Path) -> bool:
    """Whether the chosen mutations' test files fail on the unchanged copy: then
    every "caught" would mean nothing."""
    files = sorted({arg for m in chosen for arg in m.tests if arg.startswith("tests/")})
    try:
        result = _pytest(scratch, files, TIMEOUT * 6)
    except subprocess.TimeoutExpired:
        print("the unchanged copy's tests did not finish")
        return True
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-1000:])
    return result.returncode != 0


def run(mutation: Mutation, scratch: Path) -> str:
    path = scratch / mutation.file
    original = path.read_text(encoding="utf-8")
    if original.count(mutation.old) != 1:
        return "stale"
    path.write_text(original.replace(mutation.old, mutation.new), encoding="utf-8")
    try:
        code = _pytest(scratch, mutation.tests, TIMEOUT).returncode
        if code == 5:  # no test selected: the mutation guards nothing
            return "no tests"
        return "caught" if code != 0 else "missed"
    except subprocess.TimeoutExpired:
        return "caught (timed out)"
    finally:
        path.write_text(original, encoding="utf-8")


def main(words: list[str]) -> int:
    chosen = [m for m in MUTATIONS if not words or any(w in m.name for w in words)]
    scratch = _scratch()
    outcomes: dict[str, str] = {}
    try:
        if baseline_fails(chosen, scratch):
            print("the tests fail on the unchanged copy: fix them first (a mutation would prove nothing)")
            return 2
        for mutation in chosen:
            started = time.monotonic()
            outcomes[mutation.name] = run(mutation, scratch)
            print(f"{outcomes[mutation.name]:<20} {mutation.name} ({time.monotonic() - started:.0f} s)",
                  flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    caught = sum(outcome.startswith("caught") for outcome in outcomes.values())
    share = caught / len(outcomes) if outcomes else 1.0
    print(f"{caught} of {len(outcomes)} mutations caught ({share:.0%})")
    return 0 if share >= 0.9 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
