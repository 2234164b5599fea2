"""/timeline/: the latest months of events from every brief, its chart, and one paginated page per year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

from briefgen.analyse.index import CorpusIndex
from briefgen.model import Brief, Event
from briefgen.sitemap import TIMELINE
from briefgen.write import urls
from briefgen.write.charts import ChartCache
from briefgen.write.event_chart import event_chart
from briefgen.write.view import ChartJob, Made, PageSpec, Piece, Site, also_reported, paginate

# Events /timeline/ shows: whole months, the latest first, up to about this many.
TIMELINE_LATEST = 100


class TimelineView:
    section = TIMELINE

    def __init__(self, index: CorpusIndex) -> None:
        self.index = index

    def charts(self, cache: ChartCache) -> list[ChartJob]:
        return [ChartJob(partial(self._chart, cache), slow=True)]

    def _chart(self, cache: ChartCache) -> list[Made]:
        return [("timeline", urls.TIMELINE_CHART_PATH, event_chart(self.index, cache))]

    def pages(self, site: Site) -> list[Piece]:
        return [partial(self._pages, site)]

    def _pages(self, site: Site) -> list[PageSpec]:
        """/timeline/ (the latest months) and one paginated page per year."""
        months = self.index.events_by_month
        every = len(self.index.registry.events_by_date)
        years = [(y, sum(len(p) for (year, _), p in months.items() if year == y))
                 for y in self.index.event_years()]
        latest: list[tuple[int, int]] = []
        shown = 0
        for key in reversed(months):
            if latest and shown + len(months[key]) > TIMELINE_LATEST:
                break
            latest.insert(0, key)
            shown += len(months[key])
        latest_pairs = [pair for key in latest for pair in months[key]]
        cut = latest_pairs[-TIMELINE_LATEST:] if len(latest_pairs) > TIMELINE_LATEST else latest_pairs
        older = every > len(cut)
        pages: list[PageSpec] = [PageSpec(urls.TIMELINE_PATH, "timeline.md.j2", TIMELINE.nav_title, {
            "year": None, "years": years, "groups": month_groups(cut), "total": every, "pager": None,
            "chart": site.charts.get("timeline"), "more": latest[0][0] if latest and older else None,
            "also": also_reported(self.index.registry, cut),
        })]
        for year, _ in years:
            events = [pair for (y, _), pairs in months.items() if y == year for pair in pairs]
            for path, chunk, pager in paginate(urls.timeline_year_path(year), events):
                title = f"Timeline: {year}" + (
                    f" (page {pager.number} of {pager.count})" if pager.number > 1 else "")
                pages.append(PageSpec(path, "timeline.md.j2", title, {
                    "year": year, "years": years, "groups": month_groups(chunk), "total": len(events),
                    "pager": pager, "chart": None, "more": None,
                    "also": also_reported(self.index.registry, chunk),
                }))
        return pages


def month_groups(pairs: Sequence[tuple[Brief, Event]]) -> list[tuple[str, str, list[tuple[Brief, Event]]]]:
    """Events (in date order) grouped by month: (heading, its HTML id, events).

    Events known only to the year form their own group, "2025, month not given".
    """
    groups: list[tuple[str, str, list[tuple[Brief, Event]]]] = []
    for brief, event in pairs:
        date = event.date
        if date.month is None:
            label, anchor_id = f"{date.year}, month not given", f"y{date.year:04d}"
        else:
            label = dt.date(date.year, date.month, 1).strftime("%B %Y")
            anchor_id = f"m{date.year:04d}-{date.month:02d}"
        if not groups or groups[-1][1] != anchor_id:
            groups.append((label, anchor_id, []))
        groups[-1][2].append((brief, event))
    return groups
