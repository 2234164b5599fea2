"""The figures section: metric pages, CSVs, charts and the discrepancies page.

Pages are Markdown whose bodies are raw HTML blocks. Every plain-text value is
escaped with render.plain; an HTML block never holds a blank line, because
Python-Markdown ends a raw block there; every link is relative to the page's
own path (urls.relative), so the site works from any sub-path.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from briefgen.charts import (
    SIDE_LABELS,
    Chart,
    ChartCache,
    ChartRow,
    claimant_id,
    claims_by_side_chart,
    comparison_chart,
    entity_chart,
    name_of,
    population_chart,
)
from briefgen.figures import (
    Corroboration,
    Discrepancy,
    FigureRef,
    as_written,
    corroborations,
    discrepancies,
    discrepancy_flags,
    figures_by_metric,
    format_number,
    normalised_text,
    reading,
)
from briefgen.model import QUALIFIERS, Brief, Claim, Corpus, Entity, Metric
from briefgen.render import plain, render_markdown
from briefgen.urls import OutputFile, anchor, brief_url, entity_url, metric_path, relative

INDEX_PATH = "figures/index.md"
DISCREPANCIES_PATH = "figures/discrepancies.md"


def chart_path(name: str) -> str:
    """Source path of a chart's SVG."""
    return f"figures/charts/{name}.svg"


def csv_path(metric_id: str) -> str:
    """Source path of a metric's CSV table."""
    return f"figures/{metric_id}.csv"


def _file_url(path: str) -> str:
    return "/" + path


# --- small HTML helpers ------------------------------------------------------------


def front_matter(title: str) -> str:
    """A YAML meta block whose title is HTML-escaped and a safe YAML scalar.

    MkDocs templates do not autoescape titles, so the escaping is done here.
    """
    escaped = str(plain(re.sub(r"[\x00-\x1f\x7f]+", " ", title)))
    yaml_safe = escaped.replace("\\", "\\\\").replace('"', '\\"')
    return f'---\ntitle: "{yaml_safe}"\n---\n'


def _heading(text: str, level: int = 1) -> str:
    # Escaped for HTML, then for Markdown, so a name can neither add tags nor emphasis.
    md = re.sub(r"([\\`*_{}\[\]()#+!|])", r"\\\1", str(plain(text)))
    return "#" * level + " " + md + "\n"


def _block(lines: Iterable[str]) -> str:
    """Join an HTML block's lines, dropping any that are blank."""
    return "\n".join(line for line in lines if line.strip()) + "\n"


def _link(from_path: str, url: str, text: str) -> str:
    return f'<a href="{plain(relative(from_path, url))}">{plain(text)}</a>'


class _Names:
    """Entity names and links for one corpus."""

    def __init__(self, corpus: Corpus) -> None:
        self.entities: dict[str, Entity] = {e.id: e for e in corpus.entities}
        self.metrics: dict[str, Metric] = {m.id: m for m in corpus.metrics}

    def name(self, entity_id: str | None) -> str:
        return name_of(self.entities, entity_id)

    def link(self, from_path: str, entity_id: str | None) -> str:
        if entity_id is None:
            return ""
        entity = self.entities.get(entity_id)
        if entity is None:  # an invalid model: show the id, link nowhere
            return str(plain(entity_id))
        return _link(from_path, entity_url(entity.kind, entity.id), entity.name)

    def claimant(self, from_path: str, ref: FigureRef) -> str:
        who = claimant_id(ref)
        if who is None:
            return "<em>unattributed</em>"
        suffix = "" if ref.figure.claimed_by else " <small>(the outlet)</small>"
        return self.link(from_path, who) + suffix

    def metric(self, metric_id: str) -> Metric:
        return self.metrics.get(metric_id) or Metric(metric_id, metric_id, "", "")


def _figure_link(from_path: str, ref: FigureRef) -> str:
    url = brief_url(ref.brief.id) + "#" + anchor("figure", ref.figure.id)
    return _link(from_path, url, ref.figure.id)


def _brief_link(from_path: str, ref: FigureRef) -> str:
    return _link(from_path, brief_url(ref.brief.id), ref.brief.title)


def _as_of(ref: FigureRef) -> str:
    if ref.figure.as_of is not None:
        return str(plain(ref.figure.as_of.display()))
    # No date of its own: the article's date is the best we know.
    return f"<small>published {plain(ref.brief.published.display())}</small>"


# --- charts -------------------------------------------------------------------------


def chart_html(chart: Chart, from_path: str, caption: str = "") -> str:
    """A chart as an HTML block: the image with alt text, a caption, and the
    table of the rows behind it. `from_path` is the source path of the page."""
    src = relative(from_path, _file_url(chart_path(chart.name)))
    lines = [
        '<figure class="bg-chart">',
        f'<img src="{plain(src)}" alt="{plain(chart.alt)}" loading="lazy" '
        'style="width:100%;height:auto">',
        f"<figcaption>{plain(caption or chart.title)}</figcaption>",
        "</figure>",
        "<details>",
        "<summary>The data behind this chart</summary>",
        *chart_table(chart.rows),
        "</details>",
    ]
    return _block(lines)


def chart_table(rows: Iterable[ChartRow]) -> list[str]:
    """The table lines of a chart's rows (no blank lines)."""
    lines = ["<table>", "<thead><tr><th>Metric</th><th>Subject</th><th>Value as written</th>"
             "<th>Claimed by</th><th>Side</th><th>As of</th><th>Brief</th></tr></thead>",
             "<tbody>"]
    for r in rows:
        cells = (r.metric, r.subject, r.written, r.claimant, SIDE_LABELS[r.side], r.as_of,
                 r.brief)
        lines.append("<tr>" + "".join(f"<td>{plain(c)}</td>" for c in cells) + "</tr>")
    return lines + ["</tbody>", "</table>"]


def _svg_file(chart: Chart) -> OutputFile:
    return OutputFile(chart_path(chart.name), chart.svg)


def entity_chart_file(corpus: Corpus, entity_id: str,
                      cache: ChartCache) -> tuple[OutputFile, Chart] | None:
    """The SVG file and chart of one entity's comparable figures, or None.

    Show it on the entity page with `chart_html(chart, entity_page_path)`.
    """
    chart = entity_chart(corpus, entity_id, cache)
    if chart is None:
        return None
    return _svg_file(chart), chart


# --- CSV ---------------------------------------------------------------------------

CSV_COLUMNS = (
    "brief", "figure", "metric", "subject", "subject_name", "value_as_written", "qualifier",
    "value", "low", "high", "unit", "normalised", "normalised_low", "normalised_high",
    "base_unit", "as_of", "claimed_by", "claimant", "via", "brief_title", "published",
    "discrepancies",
)


def csv_cell(value: str) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ (or a tab or
    carriage return) gets a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def metric_csv(corpus: Corpus, metric_id: str) -> str:
    """A metric's figures as CSV with "\\n" line endings, formulas neutralised."""
    names = _Names(corpus)
    flags = discrepancy_flags(corpus)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for ref in figures_by_metric(corpus).get(metric_id, []):
        f, r = ref.figure, reading(ref.figure)
        row = (
            ref.brief.id, f.id, f.metric, f.subject, names.name(f.subject), as_written(f),
            f.qualifier, _number(f.value), _number(f.low), _number(f.high), f.unit,
            normalised_text(f), _number(r.low), _number(r.high), r.base_unit,
            f.as_of.iso() if f.as_of else "", f.claimed_by or "",
            names.name(claimant_id(ref)), f.via or "", ref.brief.title,
            ref.brief.published.date.iso() if ref.brief.published.date else "",
            str(len(flags.get(ref.key, []))),
        )
        writer.writerow([csv_cell(c) for c in row])
    return out.getvalue()


# --- pages ---------------------------------------------------------------------------


def figure_pages(corpus: Corpus, cache: ChartCache) -> list[OutputFile]:
    """Every file of the figures section, sorted by path.

    Raises ValueError when two files would share a path (a metric id that
    clashes with a fixed page or a chart name).
    """
    files: list[OutputFile] = []
    names = _Names(corpus)
    flags = discrepancy_flags(corpus)
    groups = figures_by_metric(corpus)
    for metric_id, refs in groups.items():
        chart = comparison_chart(corpus, metric_id, cache)
        files.append(_metric_page(names, metric_id, refs, chart, flags))
        files.append(OutputFile(csv_path(metric_id), metric_csv(corpus, metric_id)))
        if chart is not None:
            files.append(_svg_file(chart))
    side_chart = claims_by_side_chart(corpus, cache)
    people_chart = population_chart(corpus, cache)
    for extra in (side_chart, people_chart):
        if extra is not None:
            files.append(_svg_file(extra))
    files.append(_index_page(corpus, names, groups, side_chart, people_chart, flags))
    files.append(_discrepancies_page(names, discrepancies(corpus), corroborations(corpus),
                                     contradicting_claims(corpus)))
    paths = [f.path for f in files]
    clashes = sorted({p for p in paths if paths.count(p) > 1})
    if clashes:
        raise ValueError(f"figures section: more than one file at {', '.join(clashes)}")
    return sorted(files, key=lambda f: f.path)


def _index_page(corpus: Corpus, names: _Names, groups: dict[str, list[FigureRef]],
                side_chart: Chart | None, people_chart: Chart | None,
                flags: dict[tuple[str, str], list[Discrepancy]]) -> OutputFile:
    path = INDEX_PATH
    metric_ids = sorted({m.id for m in corpus.metrics} | set(groups))
    lines = ["<table>",
             "<thead><tr><th>Metric</th><th>Values</th><th>Sources</th>"
             "<th>Discrepant values</th></tr></thead>", "<tbody>"]
    for metric_id in metric_ids:
        metric = names.metric(metric_id)
        refs = groups.get(metric_id, [])
        title = (_link(path, "/" + metric_path(metric_id)[:-3] + "/", metric.label)
                 if refs else str(plain(metric.label)))
        sources = len({r.brief.id for r in refs})
        flagged = sum(1 for r in refs if r.key in flags)
        lines.append(f"<tr><td>{title}<br><small>{plain(metric.description)}</small></td>"
                     f"<td>{len(refs)}</td><td>{sources}</td><td>{flagged}</td></tr>")
    lines += ["</tbody>", "</table>"]
    body = [
        front_matter("Figures"),
        _heading("Figures"),
        "",
        _block(["<p>Numbers from different articles, side by side, with who claimed each. "
                "Every metric below has a page with all its values, a chart and a CSV "
                "download; values that cannot all be true are listed on the "
                f'{_link(path, "/" + DISCREPANCIES_PATH[:-3] + "/", "discrepancies page")}'
                ".</p>"]),
        _block(lines),
    ]
    overview = (
        (people_chart, "Population", "Pre-war population and civilians remaining",
         "How many people lived in each place before the war, beside how many civilians "
         "are said to remain; a bound is drawn as an arrow, never as a bar."),
        (side_chart, "Claims by side", "Casualty and force figures by side",
         "Casualty and force figures, coloured by whose numbers they are: the claimant's "
         "side, or the outlet's when the article states the number itself."),
    )
    for chart, heading, caption, blurb in overview:
        if chart is not None:
            body += [f"## {heading}\n", "", _block([f"<p>{blurb}</p>"]),
                     chart_html(chart, path, caption)]
    return OutputFile(path, "\n".join(body))


def _metric_page(names: _Names, metric_id: str, refs: list[FigureRef], chart: Chart | None,
                 flags: dict[tuple[str, str], list[Discrepancy]]) -> OutputFile:
    path = metric_path(metric_id)
    metric = names.metric(metric_id)
    body = [front_matter(metric.label), _heading(metric.label), ""]
    if metric.description:
        body.append(_block([f"<p>{plain(metric.description)}</p>"]))
    if chart is not None:
        body.append(chart_html(chart, path, f"{metric.label}: every value, by subject and "
                                            "source"))
    lines = ['<table>',
             "<thead><tr><th>Value as written</th><th>Normalised</th><th>Qualifier</th>"
             "<th>Subject</th><th>Claimed by</th><th>Reported via</th><th>As of</th>"
             "<th>Brief</th><th>Figure</th><th>Discrepancies</th></tr></thead>", "<tbody>"]
    for ref in refs:
        f = ref.figure
        flagged = flags.get(ref.key, [])
        cells = [
            str(plain(as_written(f))),
            str(plain(normalised_text(f))),
            str(plain(QUALIFIERS.get(f.qualifier, f.qualifier) or "exact")),
            names.link(path, f.subject),
            names.claimant(path, ref),
            names.link(path, f.via),
            _as_of(ref),
            _brief_link(path, ref),
            _figure_link(path, ref),
            "<br>".join(_flag(path, ref, d) for d in flagged),
        ]
        row_class = ' class="briefgen-discrepant"' if flagged else ""
        lines.append(f"<tr{row_class}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    lines += ["</tbody>", "</table>"]
    body.append(_block(lines))
    csv_link = relative(path, _file_url(csv_path(metric_id)))
    body.append(_block([f'<p><a href="{plain(csv_link)}" download>Download this table as '
                        "CSV</a></p>"]))
    return OutputFile(path, "\n".join(body))


def _flag(from_path: str, ref: FigureRef, d: Discrepancy) -> str:
    other = d.b if d.a.key == ref.key else d.a
    url = "/" + DISCREPANCIES_PATH[:-3] + "/#" + d.id
    return ("⚠ " + _link(from_path, url, f"conflicts with {as_written(other.figure)} "
                                         f"({other.brief.id})"))


def contradicting_claims(corpus: Corpus) -> list[tuple[Brief, Claim, Brief, Claim]]:
    """Every (brief, claim, other brief, contradicted claim) pair the briefs declare."""
    claims = {(b.id, c.id): (b, c) for b in corpus.briefs for c in b.claims}
    pairs = []
    for brief in sorted(corpus.briefs, key=lambda b: b.id):
        for claim in brief.claims:
            for ref in claim.contradicts:
                other = claims.get((ref.brief, ref.claim))
                if other is not None:
                    pairs.append((brief, claim, *other))
    return pairs


def _claim_cell(names: _Names, path: str, brief: Brief, claim: Claim) -> str:
    def resolve(entity_id: str) -> tuple[str, str] | None:
        entity = names.entities.get(entity_id)
        if entity is None:
            return None
        return entity.name, relative(path, entity_url(entity.kind, entity.id))

    who = names.link(path, claim.by) if claim.by else "<em>the outlet</em>"
    when = f", {plain(claim.as_of.display())}" if claim.as_of else ""
    target = relative(path, brief_url(brief.id) + "#" + anchor("claim", claim.id))
    return (f"{who}{when}: {render_markdown(claim.text, resolve, inline=True)} "
            f'<small>(<a href="{plain(target)}">{plain(brief.title)}</a>)</small>')


def _discrepancies_page(names: _Names, found: list[Discrepancy],
                        repeated: list[Corroboration],
                        contradictions: list[tuple[Brief, Claim, Brief, Claim]]) -> OutputFile:
    path = DISCREPANCIES_PATH
    body = [front_matter("Discrepancies"), _heading("Discrepancies"), "",
            _block(["<p>Pairs of figures on the same metric and subject, from different "
                    "briefs and for overlapping periods, that cannot both be true. "
                    "“About” is read as ±10 %; a figure without a date of its own is "
                    "dated by its article.</p>"]),
            "## Values that conflict\n", ""]
    if not found:
        body.append(_block(["<p>No discrepancies found.</p>"]))
    for d in found:
        metric = names.metric(d.metric)
        lines = [f'<h3 id="{plain(d.id)}">{plain(metric.label)}: {plain(names.name(d.subject))}'
                 "</h3>",
                 '<table>',
                 "<thead><tr><th></th><th>One brief</th><th>The other</th></tr></thead>",
                 "<tbody>"]
        rows = [
            ("Value as written", lambda r: str(plain(as_written(r.figure)))),
            ("Normalised", lambda r: str(plain(normalised_text(r.figure)))),
            ("Claimed by", lambda r: names.claimant(path, r)),
            ("Reported via", lambda r: names.link(path, r.figure.via)),
            ("As of", _as_of),
            ("Brief", lambda r: _brief_link(path, r)),
            ("Figure", lambda r: _figure_link(path, r)),
        ]
        for label, cell in rows:
            lines.append(f"<tr><th>{label}</th><td>{cell(d.a)}</td><td>{cell(d.b)}</td></tr>")
        lines += ["</tbody>", "</table>"]
        body.append(_block(lines))
    body += ["## Corroborated\n", "",
             _block(["<p>Values that two or more different briefs repeat consistently.</p>"])]
    if not repeated:
        body.append(_block(["<p>No value is repeated by more than one brief yet.</p>"]))
    for c in repeated:
        metric = names.metric(c.metric)
        value = format_number(reading(c.refs[0].figure).low or 0)
        lines = [f'<h3 id="{plain(c.id)}">{plain(metric.label)}: {plain(names.name(c.subject))}'
                 f" — {plain(value)}</h3>", "<ul>"]
        for ref in c.refs:
            lines.append(f"<li>{plain(as_written(ref.figure))} — {names.claimant(path, ref)}"
                         f" — {_brief_link(path, ref)} ({_figure_link(path, ref)}),"
                         f" as of {_as_of(ref)}</li>")
        lines.append("</ul>")
        body.append(_block(lines))
    body += ["## Claims that contradict each other\n", "",
             _block(["<p>Assessments that an annotator marked as incompatible with a claim "
                     "elsewhere.</p>"])]
    if not contradictions:
        body.append(_block(["<p>No claim is marked as contradicting another.</p>"]))
    else:
        lines = ['<table>',
                 "<thead><tr><th>Claim</th><th>Contradicts</th></tr></thead>", "<tbody>"]
        for brief, claim, other_brief, other in contradictions:
            lines.append(f"<tr><td>{_claim_cell(names, path, brief, claim)}</td>"
                         f"<td>{_claim_cell(names, path, other_brief, other)}</td></tr>")
        lines += ["</tbody>", "</table>"]
        body.append(_block(lines))
    return OutputFile(path, "\n".join(body))
