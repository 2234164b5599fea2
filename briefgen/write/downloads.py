"""Data files readers take away: one CSV per metric, and the whole corpus as JSON.

Written from the corpus index, so a download says exactly what the pages say,
verdicts included. Cells that a spreadsheet would run as formulas are defused.
JSON files are deterministic: keys sorted, items in a stable order, and page
links absolute when the site's address is known (else relative to its root).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from functools import partial
from typing import Any

from briefgen.analyse.claimants import claimant_id, name_of
from briefgen.analyse.figures import normalised_text
from briefgen.analyse.index import CorpusIndex
from briefgen.model import Brief, PartialDate
from briefgen.write import urls
from briefgen.write.metadata import html_safe_json
from briefgen.write.urls import OutputFile

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


# --- the whole corpus as JSON -------------------------------------------------------

JSON_DOWNLOADS = ("briefs.json", "entities.json", "figures.json", "events.json", "claims.json")


def _date(d: PartialDate | None) -> str | None:
    return d.iso() if d else None


def _json(kind: str, items: list[dict[str, Any]]) -> str:
    """`{"count": n, kind: [...]}` with one item per line: easy to read and to
    diff, and each line made by json's C encoder (an `indent` turns it off,
    which cost 2 s at 1,000 briefs)."""
    lines = [json.dumps(item, sort_keys=True, ensure_ascii=False, allow_nan=False) for item in items]
    body = "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"
    fields = sorted([("count", str(len(items))), (kind, body)])
    text = "{" + ", ".join(f"{json.dumps(key)}: {value}" for key, value in fields) + "}"
    # Same data, but a browser that sniffs the file as HTML finds no markup in it.
    return html_safe_json(text) + "\n"


class _Linker:
    def __init__(self, site_url: str) -> None:
        self.site_url = site_url

    def brief(self, brief: Brief, item: str = "", item_id: str = "") -> str:
        url = urls.brief_url(brief.id)
        return urls.public_url(self.site_url, url + (f"#{urls.anchor(item, item_id)}" if item else ""))


def briefs_json(index: CorpusIndex, site_url: str = "") -> str:
    link = _Linker(site_url)
    items = [
        {
            "id": b.id, "title": b.title, "page": link.brief(b), "original_url": b.url,
            "outlet": b.outlet, "authors": list(b.authors), "type": b.article_type,
            "published": {"date": _date(b.published.date), "approximate": b.published.approximate,
                          "basis": b.published.basis},
            "topics": list(b.topics), "summary": b.summary, "key_points": list(b.key_points),
            "credibility": b.credibility, "reliability": b.reliability, "sources": list(b.sources),
            "entities": [{"id": m.entity, "role": m.role} for m in b.mentions],
            "figures": len(b.figures), "quotes": len(b.quotes), "events": len(b.events),
            "claims": len(b.claims),
        }
        for b in sorted(index.corpus.briefs, key=lambda b: b.id)
    ]
    return _json("briefs", items)


def entities_json(index: CorpusIndex, site_url: str = "") -> str:
    registry = index.registry
    items = [
        {
            "id": e.id, "kind": e.kind, "category": e.category, "name": e.name,
            "aliases": list(e.aliases), "description": e.description, "wikidata": e.wikidata,
            "side": e.side, "affiliation": e.affiliation, "region": e.region,
            "latitude": e.latitude, "longitude": e.longitude,
            "page": urls.public_url(site_url, urls.entity_url(e.kind, e.id)),
            "briefs": registry.mention_count(e.id),
        }
        for e in sorted(index.corpus.entities, key=lambda e: e.id)
    ]
    return _json("entities", items)


def figures_json(index: CorpusIndex, site_url: str = "") -> str:
    link = _Linker(site_url)
    items = []
    for ref in sorted(index.figure_refs, key=lambda r: r.key):
        f, r = ref.figure, index.reading_of(ref)
        items.append({
            "brief": ref.brief.id, "figure": f.id, "page": link.brief(ref.brief, "figure", f.id),
            "metric": f.metric, "subject": f.subject, "value_as_written": index.written(ref),
            "qualifier": f.qualifier, "value": f.value, "low": f.low, "high": f.high, "unit": f.unit,
            "normalised": {"low": r.low, "high": r.high, "low_inclusive": r.low_inclusive,
                           "high_inclusive": r.high_inclusive, "approximate": r.approximate,
                           "base_unit": r.base_unit or None, "text": normalised_text(f, r)},
            "as_of": _date(f.as_of), "claimed_by": f.claimed_by, "claimant": claimant_id(ref),
            "via": f.via, "origin": f.source, "of": f.of, "credibility": f.credibility,
            "reference": f.reference, "context": f.context,
            "discrepancies": index.conflicts_of.get(ref.key, (0, ()))[0],
            "verdict": index.comparison_of(ref).verdict,
            "reason": index.reason(index.comparison_of(ref)),
        })
    return _json("figures", items)


def events_json(index: CorpusIndex, site_url: str = "") -> str:
    link = _Linker(site_url)
    items = [
        {
            "brief": b.id, "event": e.id, "page": link.brief(b, "event", e.id),
            "date": e.date.iso(), "precision": e.date.precision, "what": e.what,
            "places": list(e.places), "actors": list(e.actors),
        }
        for b, e in index.registry.events_by_date
    ]
    return _json("events", items)


def claims_json(index: CorpusIndex, site_url: str = "") -> str:
    link = _Linker(site_url)
    items = [
        {
            "brief": b.id, "claim": c.id, "page": link.brief(b, "claim", c.id), "by": c.by,
            "text": c.text, "kind": c.kind, "credibility": c.credibility, "as_of": _date(c.as_of),
            "via": c.via,
            "contradicts": [{"brief": judged.other_brief.id, "claim": judged.other.id,
                             "judged": "contradiction" if judged.contradiction else "divergence",
                             "reason": judged.reason}
                            for judged in index.links_from.get((b.id, c.id), [])],
        }
        for b in sorted(index.corpus.briefs, key=lambda b: b.id)
        for c in b.claims
    ]
    return _json("claims", items)


def json_download_jobs(index: CorpusIndex, site_url: str = "") -> list[Callable[[], list[OutputFile]]]:
    """briefs, entities, figures, events and claims as JSON files under data/:
    independent pieces of work, a file each."""
    writers = (briefs_json, entities_json, figures_json, events_json, claims_json)
    return [partial(_json_file, urls.data_path(name), write, index, site_url)
            for name, write in zip(JSON_DOWNLOADS, writers, strict=True)]


def _json_file(path: str, write: Callable[[CorpusIndex, str], str], index: CorpusIndex,
               site_url: str) -> list[OutputFile]:
    return [OutputFile(path, write(index, site_url))]
