"""Events several briefs report are one: same date, a shared place, alike wording."""

from __future__ import annotations

from briefgen.analyse.event_groups import group_events, same_event
from briefgen.model import Brief, Event, PartialDate, Publication


def brief(brief_id: str, published: str, *events: Event) -> Brief:
    year, month, day = (int(x) for x in published.split("-"))
    return Brief(id=brief_id, title=brief_id, outlet=None, authors=(), published=Publication(
        PartialDate(year, month, day)), url=None, article_type="news-report", summary="s", credibility="c",
        events=events)


def event(event_id: str, what: str, date: tuple[int, ...] = (2023, 5, 20),
          places: tuple[str, ...] = ("bakhmut",), actors: tuple[str, ...] = ()) -> Event:
    return Event(id=event_id, date=PartialDate(*date), what=what, places=places, actors=actors)


FALL = [
    brief("first", "2023-05-21", event("fall", "Russia claims to have taken [[bakhmut]].")),
    brief("second", "2023-05-22", event("taken", "[[bakhmut|The city]] is taken, Russia claims.")),
    brief("third", "2023-05-20", event("captured", "Russia claims it has taken [[bakhmut]] after months.")),
]


def test_three_briefs_reporting_one_fall_are_one_event_led_by_the_earliest() -> None:
    groups = group_events((b, e) for b in FALL for e in b.events)
    assert list(groups.also) == [("third", "captured")]
    assert [(b.id, e.id) for b, e in groups.others(FALL[2], FALL[2].events[0])] == [
        ("first", "fall"), ("second", "taken")]
    assert not groups.stands(FALL[0], FALL[0].events[0]) and groups.stands(FALL[2], FALL[2].events[0])


def test_a_different_day_place_or_wording_is_another_event() -> None:
    one = (FALL[0], FALL[0].events[0])
    same_words = "Russia claims to have taken [[bakhmut]]."
    assert not same_event(one, (FALL[1], event("x", same_words, (2023, 5, 21))))
    assert not same_event(one, (FALL[1], event("x", same_words, (2023, 5))))
    assert not same_event(one, (FALL[1], event("x", "Russia claims to have taken it.", places=("soledar",))))
    assert not same_event(one, (FALL[1], event("x", "Evacuation buses leave under shelling.")))


def test_events_of_one_brief_are_never_merged() -> None:
    twice = event("a", "Russia claims [[bakhmut]]."), event("b", "Russia claims [[bakhmut]].")
    only = brief("only", "2023-05-21", *twice)
    assert group_events((only, e) for e in only.events).also == {}


def test_without_places_a_shared_actor_joins_them() -> None:
    prigozhin = ("yevgeny-prigozhin",)
    a = (FALL[0], event("a", "Prigozhin says his men leave the city.", places=(), actors=prigozhin))
    b = (FALL[1], event("b", "His men leave the city, Prigozhin says.", places=(), actors=prigozhin))
    assert same_event(a, b)
