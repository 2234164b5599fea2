"""The map's extent is fitted to the places, insets go where places crowd, and a
place outside every outline still gets its dot."""

from __future__ import annotations

import random

from briefgen.write.map_chart import MapPoint, drawn_map, outlines
from briefgen.write.map_layout import Place, inside, layout


def test_the_extent_holds_every_place_and_lies_around_them() -> None:
    places = [Place("antakya", 36.2, 36.16), Place("malatya", 38.35, 38.31), Place("aleppo", 36.2, 37.13)]
    shape = layout(places)
    assert shape is not None and shape.beyond == ()
    assert all(inside(shape.extent, p.longitude, p.latitude) for p in places)
    west, south, east, north = shape.extent
    assert 30 < west < 36.16 and 38.31 < east < 45 and 30 < south < 36.2 and 38.35 < north < 45


def test_one_far_place_is_listed_rather_than_shrinking_the_map() -> None:
    near = [Place(f"p{n}", 48 + n * 0.3, 30 + n * 0.5) for n in range(8)]
    shape = layout([*near, Place("washington", 38.9, -77.0)])
    assert shape is not None and shape.beyond == ("washington",)
    assert shape.extent[0] > 20


def test_crowded_places_get_an_inset_and_scattered_ones_do_not() -> None:
    rng = random.Random(3)
    scattered = [Place(f"s{n}", rng.uniform(44, 52), rng.uniform(24, 40)) for n in range(6)]
    crowded = [Place(f"c{n}", 48.3 + rng.uniform(0, 0.2), 37.2 + rng.uniform(0, 0.2), weight=n)
               for n in range(6)]
    shape = layout([*scattered, *crowded])
    assert shape is not None and len(shape.insets) == 1
    inset = shape.insets[0]
    assert set(inset.ids) == {p.id for p in crowded} and inset.ids[0] == "c5"  # heaviest first
    assert all(inside(inset.box, p.longitude, p.latitude) for p in crowded)
    assert layout(scattered).insets == ()  # type: ignore[union-attr]


def test_a_place_at_sea_outside_every_outline_still_gets_its_dot() -> None:
    at_sea = MapPoint("rig", "Oil rig", 43.0, 34.0, briefs=1, broad=False, href="../places/rig/")
    town = MapPoint("odesa", "Odesa", 46.48, 30.73, briefs=2, broad=False, href="../places/odesa/")
    with drawn_map((at_sea, town), "test") as fig:
        urls = [u for collection in fig.axes[0].collections for u in (collection.get_urls() or [])]
    assert "../places/rig/" in urls and "../places/odesa/" in urls


def test_the_outlines_cover_the_world_and_stay_small() -> None:
    countries = outlines()
    assert {"Turkey", "Syria", "Ukraine", "Brazil", "Japan", "United States"} <= set(countries)
    points = sum(len(ring) for rings in countries.values() for ring in rings)
    assert points < 15_000
