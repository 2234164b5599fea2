"""Outputs the earlier tests left open (found by a mutation audit): CSV cells
defused in every column and for tab and carriage return, the feed's choice of
50 briefs, and the per-item counts of the JSON downloads."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from briefgen.analyse.index import CorpusIndex
from briefgen.write.downloads import CSV_COLUMNS, briefs_json, csv_cell, metric_csv
from briefgen.write.feed import FEED_ENTRIES, atom_feed
from tests.corpus_factory import brief, corpus, figure

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("start", DANGEROUS)
def test_a_cell_starting_with_a_formula_character_is_defused(start: str) -> None:
    assert csv_cell(start + "cmd|' /C calc'!A0") == "'" + start + "cmd|' /C calc'!A0"


@pytest.mark.parametrize("safe", ["plain", "1,000", " =x", "'=x", ""])
def test_other_cells_are_left_as_they_are(safe: str) -> None:
    assert csv_cell(safe) == safe


@pytest.mark.parametrize("start", DANGEROUS)
def test_every_column_of_a_metric_csv_is_defused(start: str) -> None:
    """The brief's title is one of the last columns: a formula there is defused too."""
    title = start + "HYPERLINK(\"https://x.example\")"
    index = CorpusIndex(corpus(brief("b", figure("f", "troops-committed", "pokrovsk", 100, unit="troops",
                                                 context=start + "ctx"), title=title)))
    rows = list(csv.reader(io.StringIO(metric_csv(index, "troops-committed"))))
    assert rows[0] == list(CSV_COLUMNS)
    (row,) = rows[1:]
    assert row[CSV_COLUMNS.index("brief_title")] == "'" + title
    for cell in row:
        assert cell[:1] not in DANGEROUS, row


def _dated(count: int) -> CorpusIndex:
    # Brief n is published n days after 1 Jan 2025: the higher, the newer.
    import datetime as dt
    start = dt.date(2025, 1, 1)
    return CorpusIndex(corpus(*(brief(f"b{n:03d}", published=(start + dt.timedelta(days=n)).isoformat())
                                for n in range(count))))


def test_the_feed_holds_the_newest_50_briefs_newest_first() -> None:
    feed = ET.fromstring(atom_feed(_dated(FEED_ENTRIES + 12), site_name="Briefs", site_url="https://e.example/"))
    ids = [entry.findtext("{http://www.w3.org/2005/Atom}id") for entry in
           feed.findall("{http://www.w3.org/2005/Atom}entry")]
    assert FEED_ENTRIES == 50 and len(ids) == 50
    assert ids[0] == "https://e.example/briefs/b061/" and ids[-1] == "https://e.example/briefs/b012/"
    assert feed.findtext("{http://www.w3.org/2005/Atom}updated", "").startswith("2025-03-03")


def test_the_json_download_counts_each_briefs_items() -> None:
    two = brief("two", figure("a", "troops-committed", "pokrovsk", 1, unit="troops"),
                figure("b", "casualties", "pokrovsk", 2, unit="troops"))
    none = brief("none")
    data = json.loads(briefs_json(CorpusIndex(corpus(two, none))))
    assert data["count"] == 2 and len(data["briefs"]) == 2
    by_id = {item["id"]: item for item in data["briefs"]}
    assert (by_id["two"]["figures"], by_id["none"]["figures"]) == (2, 0)
    assert all(by_id[b][k] == 0 for b in ("two", "none") for k in ("quotes", "events", "claims"))


def _dots(svg: str) -> dict[str, tuple[float, float]]:
    """Where each place's dot is drawn: its first <use> inside its link (the main map)."""
    import re
    found: dict[str, tuple[float, float]] = {}
    dot = r'<a xlink:href="([^"]+)">\s*<title>[^<]*</title>\s*<use [^>]*?x="([-\d.]+)" y="([-\d.]+)"'
    for href, x, y in re.findall(dot, svg):
        found.setdefault(href, (float(x), float(y)))
    return found


def test_each_dot_of_the_map_is_drawn_where_its_coordinates_say() -> None:
    """East is right, north is up, and a degree of longitude at 48° N is about
    two thirds of a degree of latitude (cos 48°): the projection, not just links."""
    import math

    from briefgen.write.map_chart import MapPoint, draw_map_svg
    places = {"w": (46.0, 24.0), "c": (48.0, 30.0), "e": (50.5, 36.0)}  # (latitude, longitude)
    points = tuple(MapPoint(key, f"Place {key}", lat, lon, 1, False, f"../places/{key}/")
                   for key, (lat, lon) in places.items())
    dots = _dots(draw_map_svg(points, salt="test"))
    assert set(dots) == {f"../places/{key}/" for key in places}
    (xw, yw), (xc, yc), (xe, ye) = (dots[f"../places/{k}/"] for k in ("w", "c", "e"))
    assert xw < xc < xe and yw > yc > ye  # east right, north up (SVG y grows downwards)
    per_lon = [(xc - xw) / 6.0, (xe - xc) / 6.0]
    per_lat = [(yw - yc) / 2.0, (yc - ye) / 2.5]
    assert math.isclose(per_lon[0], per_lon[1], rel_tol=0.01)  # linear in longitude
    assert math.isclose(per_lat[0], per_lat[1], rel_tol=0.01)  # and in latitude
    assert math.isclose(per_lon[0] / per_lat[0], math.cos(math.radians(48)), rel_tol=0.05)
