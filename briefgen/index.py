"""One index of the corpus, built once per build, that every page, chart and download reads.

It holds the registry (who is mentioned where, with whom), every figure with
its normalised reading, figures grouped by metric and by subject, one judged
comparison per metric, subject and reference, per-figure flags, claim links in both
directions, and events in date order. Nothing after it rescans the corpus, so a
build costs time in proportion to what it writes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from briefgen.comparisons import Comparison, Corroboration, compare_all, fixed_metrics, group_key
from briefgen.figures import FigureRef, Reading, as_written, period, reading
from briefgen.model import Brief, Claim, Corpus, Metric
from briefgen.registry import Registry


@dataclass(frozen=True)
class ClaimLink:
    """A claim that an annotator marked as contradicting another."""

    brief: Brief
    claim: Claim
    other_brief: Brief
    other: Claim


class CorpusIndex:
    """Everything derived from a corpus, computed once."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.registry = Registry(corpus)
        refs = [FigureRef(b, f) for b in corpus.briefs for f in b.figures]
        self.readings: dict[tuple[str, str], Reading] = {r.key: reading(r.figure) for r in refs}
        self.figure_refs: list[FigureRef] = sorted(refs, key=self._figure_order)
        self.by_metric: dict[str, list[FigureRef]] = defaultdict(list)
        self.by_subject: dict[str, list[FigureRef]] = defaultdict(list)
        for ref in self.figure_refs:
            self.by_metric[ref.figure.metric].append(ref)
            self.by_subject[ref.figure.subject].append(ref)
        self.by_metric = {m: self.by_metric[m] for m in sorted(self.by_metric)}
        self.comparisons: dict[tuple[str, str, str], Comparison] = compare_all(
            self.figure_refs, self.readings, fixed_metrics(corpus))
        # (brief id, figure id) → how many values it conflicts with, and a few of them.
        self.conflicts_of: dict[tuple[str, str], tuple[int, tuple[FigureRef, ...]]] = {}
        self.agreement_of: dict[tuple[str, str], Corroboration] = {}
        for comparison in self.comparisons.values():
            self.conflicts_of.update(comparison.disputes)
            for agreement in comparison.agreements:
                for ref in agreement.refs:
                    self.agreement_of[ref.key] = agreement
        self.claim_links, self.contradicted_by = self._link_claims()
        names = self.registry.entities
        self._about: dict[str, list[Comparison]] = defaultdict(list)
        self._of_metric: dict[str, list[Comparison]] = defaultdict(list)
        for (metric_id, subject, _), comparison in self.comparisons.items():
            self._about[subject].append(comparison)
            self._of_metric[metric_id].append(comparison)
        for found in self._about.values():
            found.sort(key=lambda c: (self.metric(c.metric).label.casefold(), c.metric, c.reference))
        for found in self._of_metric.values():
            found.sort(key=lambda c: (names[c.subject].name.casefold() if c.subject in names
                                      else c.subject, c.subject, c.reference))

    def _figure_order(self, ref: FigureRef) -> tuple:
        r = self.readings[ref.key]
        start = period(ref)
        return (
            ref.figure.metric,
            ref.figure.subject,
            ref.figure.reference or "",
            start[0].isoformat() if start else "9999",
            r.low if r.low is not None else float("-inf"),
            ref.brief.id,
            ref.figure.id,
        )

    def _link_claims(self) -> tuple[list[ClaimLink], dict[tuple[str, str], list[ClaimLink]]]:
        claims = {(b.id, c.id): (b, c) for b in self.corpus.briefs for c in b.claims}
        links: list[ClaimLink] = []
        back: dict[tuple[str, str], list[ClaimLink]] = defaultdict(list)
        for brief in sorted(self.corpus.briefs, key=lambda b: b.id):
            for claim in brief.claims:
                for ref in claim.contradicts:
                    found = claims.get((ref.brief, ref.claim))
                    if found is None:
                        continue
                    link = ClaimLink(brief, claim, *found)
                    links.append(link)
                    back[(ref.brief, ref.claim)].append(link)
        return links, back

    # --- look-ups -------------------------------------------------------------

    def metric(self, metric_id: str) -> Metric:
        return self.registry.metrics.get(metric_id) or Metric(metric_id, metric_id, "", "")

    def written(self, ref: FigureRef) -> str:
        """The figure as the article put it, in the vocabulary's words."""
        return as_written(ref.figure, self.corpus.vocabulary)

    def reading_of(self, ref: FigureRef) -> Reading:
        return self.readings[ref.key]

    def comparison_of(self, ref: FigureRef) -> Comparison:
        return self.comparisons[group_key(ref)]

    def reference_words(self, comparison: Comparison) -> str:
        """What a group's figures are measured from, in the metric's words ("" for none)."""
        if not comparison.reference:
            return ""
        return self.metric(comparison.metric).references.get(comparison.reference, comparison.reference)

    def alongside(self, comparison: Comparison) -> list[Comparison]:
        """The groups on the same metric and subject measured from other
        references: shown side by side, never judged together."""
        return [c for c in self._of_metric.get(comparison.metric, ())
                if c.subject == comparison.subject and c.reference != comparison.reference]

    def comparisons_about(self, subject: str) -> list[Comparison]:
        """The comparisons whose subject is this entity, by metric label."""
        return list(self._about.get(subject, ()))

    def comparisons_of_metric(self, metric_id: str) -> list[Comparison]:
        """A metric's comparisons, by subject name."""
        return list(self._of_metric.get(metric_id, ()))

    def conflicting(self) -> list[Comparison]:
        return [c for c in self.comparisons.values() if c.verdict == "conflicting"]

    def corroborated(self) -> list[Comparison]:
        return [c for c in self.comparisons.values() if c.verdict == "corroborated"]
