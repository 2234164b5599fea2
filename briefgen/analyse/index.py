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

from briefgen.analyse.claims import ClaimDate, claim_date, judge_link
from briefgen.analyse.comparisons import (
    Comparison,
    Corroboration,
    compare_all,
    cumulative_metrics,
    fixed_metrics,
    group_key,
)
from briefgen.analyse.figures import FigureRef, Reading, as_written, moments, reading
from briefgen.analyse.reasons import Reasons
from briefgen.analyse.registry import Registry
from briefgen.model import Brief, Claim, Corpus, Event, Metric, Topic


@dataclass(frozen=True)
class ClaimLink:
    """A claim that an annotator marked as contradicting another, judged
    (claims.py): a contradiction, or a divergence, with the reason and both dates."""

    brief: Brief
    claim: Claim
    other_brief: Brief
    other: Claim
    contradiction: bool = True
    reason: str = ""

    @property
    def when(self) -> ClaimDate:
        return claim_date(self.brief, self.claim)

    @property
    def other_when(self) -> ClaimDate:
        return claim_date(self.other_brief, self.other)


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
            self.figure_refs, self.readings, fixed_metrics(corpus), cumulative_metrics(corpus))
        # (brief id, figure id) → how many values it conflicts with, and a few of them.
        self.conflicts_of: dict[tuple[str, str], tuple[int, tuple[FigureRef, ...]]] = {}
        self.agreement_of: dict[tuple[str, str], Corroboration] = {}
        for comparison in self.comparisons.values():
            self.conflicts_of.update(comparison.disputes)
            for agreement in comparison.agreements:
                for ref in agreement.refs:
                    self.agreement_of[ref.key] = agreement
        reasons = Reasons({e.id: e.name for e in corpus.entities}, corpus.vocabulary)
        # (metric, subject, reference) → why its comparison has its verdict, in words.
        self.reasons: dict[tuple[str, str, str], str] = {
            key: reasons.of(c) for key, c in self.comparisons.items() if len(c.refs) > 1}
        self.claim_links, self.contradicted_by = self._link_claims()
        # (brief id, claim id) → the judged links it makes, in the order it lists them.
        self.links_from: dict[tuple[str, str], list[ClaimLink]] = defaultdict(list)
        for link in self.claim_links:
            self.links_from[(link.brief.id, link.claim.id)].append(link)
        self._first_contradiction: dict[tuple[str, str], int] | None = None
        self.topics: dict[str, Topic] = {
            t.id: t for t in sorted(corpus.topics, key=lambda t: (t.name.casefold(), t.id))
        }
        self._on_topic: dict[str, list[Brief]] = defaultdict(list)
        for brief in self.registry.briefs_newest_first:
            for topic_id in brief.topics:
                self._on_topic[topic_id].append(brief)
        self.events_by_month = self._group_events()
        names = self.registry.entities
        # Every co-mentioned pair once (a < b) with the briefs they share, strongest first.
        self.co_mention_edges: list[tuple[str, str, int]] = sorted(
            ((a, b, n) for a, found in self.registry.co_mention_pairs().items() for b, n in found if a < b),
            key=lambda edge: (-edge[2], names[edge[0]].name.casefold(), names[edge[1]].name.casefold(),
                              edge[0], edge[1]),
        )
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
        start = moments(ref)
        return (
            ref.figure.metric,
            ref.figure.subject,
            ref.figure.reference or "",
            start[0] if start else 10**15,
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
                    judged = judge_link(brief, claim, *found, self.corpus.vocabulary)
                    link = ClaimLink(brief, claim, *found, judged.contradiction, judged.reason)
                    links.append(link)
                    back[(ref.brief, ref.claim)].append(link)
        # Grouped by the claim contradicted: all that contradict one claim sit
        # together on the contradictions page, where its brief's page sends a
        # reader when they are too many to list there.
        links.sort(key=lambda link: (link.other_brief.id, link.other.id))
        return links, back

    def first_contradiction_at(self, brief_id: str, claim_id: str) -> int:
        """The position, on the contradictions page's list (the contradictions, then the
        divergences), of the first link to this claim."""
        if self._first_contradiction is None:
            self._first_contradiction = {}
            for position, link in enumerate(self.contradictions() + self.divergences()):
                self._first_contradiction.setdefault((link.other_brief.id, link.other.id), position)
        return self._first_contradiction[(brief_id, claim_id)]

    def _group_events(self) -> dict[tuple[int, int], list[tuple[Brief, Event]]]:
        # (year, month) → events in date order; month 0 holds events known only
        # to the year, shown before that year's months.
        grouped: dict[tuple[int, int], list[tuple[Brief, Event]]] = defaultdict(list)
        for brief, event in self.registry.events_by_date:
            grouped[(event.date.year, event.date.month or 0)].append((brief, event))
        return {key: grouped[key] for key in sorted(grouped)}

    # --- look-ups -------------------------------------------------------------

    def briefs_on_topic(self, topic_id: str) -> list[Brief]:
        """The briefs filed under a topic, newest first."""
        return list(self._on_topic.get(topic_id, ()))

    def shared_briefs(self, a: str, b: str) -> list[Brief]:
        """The briefs mentioning both entities, newest first."""
        other = {x.brief.id for x in self.registry.appearances(b)}
        return [x.brief for x in self.registry.appearances(a) if x.brief.id in other]

    def event_years(self) -> list[int]:
        """Years that have events, oldest first."""
        return sorted({year for year, _ in self.events_by_month})

    def metric(self, metric_id: str) -> Metric:
        return self.registry.metrics.get(metric_id) or Metric(metric_id, metric_id, "", "")

    def written(self, ref: FigureRef) -> str:
        """The figure as the article put it, in the vocabulary's words."""
        return as_written(ref.figure, self.corpus.vocabulary)

    def reading_of(self, ref: FigureRef) -> Reading:
        return self.readings[ref.key]

    def reason(self, comparison: Comparison) -> str:
        """Why a comparison has its verdict, in one or two sentences."""
        return self.reasons.get(comparison.key, "")

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

    def contradictions(self) -> list[ClaimLink]:
        """The claim links that are contradictions, in brief and claim order."""
        return [link for link in self.claim_links if link.contradiction]

    def divergences(self) -> list[ClaimLink]:
        """The claim links that are divergences (a forecast against a report,
        or different dates), never counted as contradictions."""
        return [link for link in self.claim_links if not link.contradiction]

    def conflicting(self) -> list[Comparison]:
        return [c for c in self.comparisons.values() if c.verdict == "conflicting"]

    def corroborated(self) -> list[Comparison]:
        return [c for c in self.comparisons.values() if c.verdict == "corroborated"]
