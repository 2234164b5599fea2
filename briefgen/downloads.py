"""Data files readers take away: one CSV per metric, every value with its provenance.

Written from the corpus index, so a download says exactly what the pages say,
verdicts included. Cells that a spreadsheet would run as formulas are defused.
"""

from __future__ import annotations

import csv
import io

from briefgen import urls
from briefgen.charts import claimant_id, name_of
from briefgen.figures import normalised_text
from briefgen.index import CorpusIndex
from briefgen.urls import OutputFile

CSV_COLUMNS = (
    "brief", "figure", "metric", "subject", "subject_name", "value_as_written", "qualifier",
    "value", "low", "high", "unit", "normalised", "normalised_low", "normalised_high",
    "base_unit", "as_of", "claimed_by", "claimant", "via", "brief_title", "published",
    "discrepancies", "verdict", "reference",
)


def csv_cell(value: str) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ (or a tab or
    carriage return) gets a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def metric_csv(index: CorpusIndex, metric_id: str) -> str:
    """A metric's figures as CSV with "\\n" line endings, formulas neutralised."""
    names = index.registry.entities
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for ref in index.by_metric.get(metric_id, []):
        f, r = ref.figure, index.reading_of(ref)
        row = (
            ref.brief.id, f.id, f.metric, f.subject, name_of(names, f.subject), index.written(ref),
            f.qualifier, _number(f.value), _number(f.low), _number(f.high), f.unit,
            normalised_text(f, r), _number(r.low), _number(r.high), r.base_unit,
            f.as_of.iso() if f.as_of else "", f.claimed_by or "",
            name_of(names, claimant_id(ref)), f.via or "", ref.brief.title,
            ref.brief.published.date.iso() if ref.brief.published.date else "",
            str(index.conflicts_of.get(ref.key, (0, ()))[0]), index.comparison_of(ref).verdict,
            f.reference or "",
        )
        writer.writerow([csv_cell(c) for c in row])
    return out.getvalue()


def metric_csvs(index: CorpusIndex) -> list[OutputFile]:
    """The CSV of every metric that has figures."""
    return [OutputFile(urls.csv_path(m), metric_csv(index, m)) for m in index.by_metric]
