"""Synthetic corpora for the benchmark: N briefs shaped like data/briefs, from a fixed seed.

`synthetic_project` writes a whole project (the real mkdocs.yml, docs/,
metrics and units) whose registry is the real one plus generated people,
places and organisations with aliases (a few hundred entities at 1,000 briefs),
and whose briefs look like the real ones: 10-40 mentions drawn with Zipf-like
popularity, about ten figures over the real metrics and units (popular figures
recur across briefs with nudged values, bounds, "about", dates, claimants and
channels), short quotes, dated events, claims with `contradicts` links to claims
of earlier briefs, summaries and notes with [[links]], topics.

`copies_project` is how the issue's first measurements were taken: the five
real briefs copied over and over with each figure's value nudged.

Every text here is generated from word lists; no article text is used.
"""

from __future__ import annotations

import math
import random
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefgen.sitemap import RESERVED_IDS
from briefgen.units import DEFAULT_FAMILIES

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
REGISTRY_FILES = {"person": "people.yml", "place": "places.yml", "organisation": "organisations.yml"}

FIRST_NAMES = [
    "Oleksandr",
    "Andrii",
    "Serhii",
    "Yurii",
    "Dmytro",
    "Mykola",
    "Viktor",
    "Olena",
    "Iryna",
    "Natalia",
    "Kateryna",
    "Oksana",
    "Taras",
    "Bohdan",
    "Roman",
    "Pavlo",
    "Ivan",
    "Maksym",
    "Sofia",
    "Halyna",
    "Anton",
    "Petro",
    "Vasyl",
    "Larysa",
    "Hanna",
    "Marta",
    "Ostap",
    "Denys",
]
SURNAMES = [
    "Bondarenko",
    "Kovalenko",
    "Tkachenko",
    "Shevchuk",
    "Kravchuk",
    "Melnyk",
    "Oliinyk",
    "Lysenko",
    "Marchenko",
    "Savchenko",
    "Rudenko",
    "Pavlenko",
    "Hrytsenko",
    "Moroz",
    "Polishchuk",
    "Klymenko",
    "Zinchenko",
    "Tymoshenko",
    "Vovk",
    "Kuzmenko",
    "Ponomarenko",
    "Romanenko",
    "Shapoval",
    "Yatsenko",
    "Fedorenko",
    "Karpenko",
    "Holub",
    "Dovhan",
    "Levchenko",
    "Sydorenko",
    "Prykhodko",
    "Demchenko",
]
# How the same first name reads in a Russian-style transliteration.
RUSSIAN_STYLE = {
    "Oleksandr": "Aleksandr",
    "Andrii": "Andrei",
    "Serhii": "Sergei",
    "Yurii": "Yuri",
    "Dmytro": "Dmitry",
    "Mykola": "Nikolai",
    "Olena": "Elena",
    "Iryna": "Irina",
    "Natalia": "Natalya",
    "Kateryna": "Ekaterina",
    "Oksana": "Oxana",
    "Petro": "Pyotr",
    "Vasyl": "Vasily",
    "Hanna": "Anna",
    "Halyna": "Galina",
    "Bohdan": "Bogdan",
    "Pavlo": "Pavel",
    "Maksym": "Maxim",
    "Denys": "Denis",
}
PERSON_KINDS = ["analyst", "commander", "official", "journalist", "politician", "military-expert", "civilian"]
PLACE_PREFIXES = [
    "Novo",
    "Staro",
    "Krasno",
    "Bilo",
    "Zaliz",
    "Sukho",
    "Dobro",
    "Kamian",
    "Soniach",
    "Myro",
    "Pishch",
    "Zoloto",
    "Vesele",
    "Tern",
    "Berez",
    "Lypo",
]
PLACE_STEMS = ["pavl", "hrad", "dol", "pil", "yar", "lyn", "ser", "mar", "hor", "vod", "dub", "stav"]
PLACE_SUFFIXES = ["ivka", "ove", "ne", "ske", "ivske", "yne"]
PAPERS = ["Herald", "Courier", "Gazette", "Dispatch", "Observer", "Review", "Monitor", "Bulletin"]
TOPICS_OF_STUDY = ["Defence", "Security", "Eastern European", "Conflict", "Strategic", "Military"]
TOPICS = [
    "pokrovsk-offensive",
    "withdrawal-debate",
    "logistics",
    "attrition",
    "propaganda",
    "drones",
    "civilians",
    "evacuation",
    "front-line",
    "mobilisation",
    "air-defence",
    "supply-routes",
]
WORDS = [
    "front",
    "supply",
    "road",
    "drone",
    "artillery",
    "defence",
    "assault",
    "village",
    "position",
    "brigade",
    "evacuation",
    "shelling",
    "line",
    "pressure",
    "reserve",
    "losses",
    "advance",
    "city",
    "convoy",
    "trench",
    "strike",
    "mine",
    "rail",
    "bridge",
    "command",
    "district",
    "outskirts",
    "pocket",
]
VERBS = [
    "reports",
    "argues",
    "estimates",
    "warns",
    "denies",
    "claims",
    "notes",
    "expects",
    "describes",
    "says",
    "questions",
    "confirms",
]
ADJECTIVES = [
    "heavy",
    "slow",
    "costly",
    "steady",
    "uncertain",
    "fragile",
    "fierce",
    "limited",
    "renewed",
    "stalled",
    "sudden",
    "careful",
]
ARTICLE_TYPES = ["news-report", "analysis", "feature", "opinion", "explainer"]
QUALIFIERS = ["exact"] * 8 + ["about"] * 6 + ["at-least", "more-than", "up-to", "fewer-than"]
# Values in each family's base unit: (low, high) of a log-uniform draw.
FAMILY_RANGES = {
    "count": (50, 200_000),
    "distance": (1, 150),
    "percent": (2, 90),
    "ratio": (1.5, 10),
    "daily-rate": (10, 1_000),
    "duration": (7, 900),
    "mass-rate": (1e5, 1e7),
}
METRICS_ABOUT_ORGANISATIONS = {"casualties", "force-size", "units-committed", "group-size"}


@dataclass
class Entity:
    id: str
    kind: str  # person, place or organisation
    category: str  # the registry's `kind`: city, journalist, media-outlet ...


@dataclass
class FigureTemplate:
    """A number many briefs repeat: the same metric and subject, a value to nudge."""

    metric: str
    family: str
    subject: str
    base: float
    claimant: str | None


@dataclass
class Registry:
    entities: list[Entity]  # most popular first
    weights: list[float]
    extra: dict[str, str] = field(default_factory=dict)  # registry file → generated YAML

    def of(self, predicate: Any) -> list[Entity]:
        return [e for e in self.entities if predicate(e)]


def synthetic_project(root: Path, briefs: int, *, seed: int = 20251106) -> Path:
    """A project of `briefs` realistic briefs in `root`; returns `root`."""
    rng = random.Random(seed)
    data = _project_skeleton(root)
    registry = _registry(rng, generated=round(0.3 * briefs))
    for kind, name in REGISTRY_FILES.items():
        text = (DATA / name).read_text(encoding="utf-8") + registry.extra.get(kind, "")
        (data / name).write_text(text, encoding="utf-8")
    metrics = yaml.safe_load((DATA / "metrics.yml").read_text(encoding="utf-8"))
    units = yaml.safe_load((DATA / "units.yml").read_text(encoding="utf-8"))
    templates = _figure_templates(rng, registry, metrics, count=40 + briefs // 2)
    writer = _BriefWriter(rng, registry, templates, units)
    for number in range(briefs):
        brief_id, brief = writer.brief(number, briefs)
        text = yaml.dump(brief, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=100)
        (data / "briefs" / f"{brief_id}.yml").write_text(text, encoding="utf-8")
    return root


def copies_project(root: Path, briefs: int, *, seed: int = 20251106) -> Path:
    """`briefs` copies of the five real briefs, each figure's value nudged by up to ±15 %."""
    rng = random.Random(seed)
    data = _project_skeleton(root)
    # The real registry and topics: the copies use exactly what the originals use.
    for name in [*REGISTRY_FILES.values(), "topics.yml"]:
        shutil.copy(DATA / name, data / name)
    originals = sorted((DATA / "briefs").glob("*.yml"))
    number_line = re.compile(r"^(\s+(?:- )?)(value|low|high): (\d+(?:\.\d+)?)$", re.M)
    for copy in range(briefs):
        source = originals[copy % len(originals)]
        text = source.read_text(encoding="utf-8")
        round_ = copy // len(originals)
        name = source.stem if round_ == 0 else f"{source.stem}-{round_:04d}"
        (data / "briefs" / f"{name}.yml").write_text(number_line.sub(_Nudge(rng), text), encoding="utf-8")
    return root


class _Nudge:
    """Replaces a figure's number with a nudged one; `high` keeps its `low`'s factor."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.factor = 1.0

    def __call__(self, match: re.Match[str]) -> str:
        indent, key, number = match.groups()
        if key != "high":
            self.factor = 1 + self.rng.uniform(-0.15, 0.15)
        return f"{indent}{key}: {_plain_number(float(number) * self.factor)}"


# --- The project around the data ---------------------------------------------------


def _project_skeleton(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    data = root / "data"
    (data / "briefs").mkdir(parents=True)
    for name in ("metrics.yml", "units.yml", "vocabulary.yml"):
        shutil.copy(DATA / name, data / name)
    # Every topic the synthetic briefs use, declared as the loader requires.
    (data / "topics.yml").write_text("".join(
        f"{t}:\n  name: {t.replace('-', ' ').capitalize()}\n  description: Synthetic topic {t}.\n"
        for t in TOPICS), encoding="utf-8")
    return data


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # libyaml: 10x faster
    """Briefs may not hold YAML anchors or aliases, so never write any."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# --- The registry ------------------------------------------------------------------


def _registry(rng: random.Random, *, generated: int) -> Registry:
    real: list[Entity] = []
    spellings: set[str] = set()
    for kind, name in REGISTRY_FILES.items():
        for entity_id, entry in yaml.safe_load((DATA / name).read_text(encoding="utf-8")).items():
            real.append(Entity(entity_id, kind, entry["kind"]))
            spellings |= {s.casefold() for s in [entry["name"], *entry.get("aliases", [])]}
    # The entities the real briefs mention most lead the popularity ranking.
    mentions: dict[str, int] = {}
    for path in sorted((DATA / "briefs").glob("*.yml")):
        for mention in yaml.safe_load(path.read_text(encoding="utf-8")).get("entities") or []:
            mentions[mention["id"]] = mentions.get(mention["id"], 0) + 1
    real.sort(key=lambda e: (-mentions.get(e.id, 0), e.id))
    taken = {e.id for e in real} | set(RESERVED_IDS)
    made: list[Entity] = []
    extra: dict[str, list[str]] = {kind: [] for kind in REGISTRY_FILES}
    makers = [_person, _person, _place, _place, _organisation]
    attempts = 0
    while len(made) < generated and attempts < generated * 50:
        attempts += 1
        maker = makers[len(made) % len(makers)]
        entity, entry = maker(rng)
        names = [entry["name"], *entry.get("aliases", [])]
        if (
            entity.id in taken
            or any(n.casefold() in spellings for n in names)
            or len(set(names)) < len(names)
        ):
            continue
        taken.add(entity.id)
        spellings |= {n.casefold() for n in names}
        made.append(entity)
        extra[entity.kind].append(yaml.safe_dump({entity.id: entry}, sort_keys=False, allow_unicode=True))
    rng.shuffle(made)  # generated entities follow the real ones, in no particular order
    entities = real + made
    weights = [1 / (rank + 1) ** 1.05 for rank in range(len(entities))]
    return Registry(entities, weights, {kind: "".join(parts) for kind, parts in extra.items()})


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _person(rng: random.Random) -> tuple[Entity, dict[str, Any]]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    name = f"{first} {last}"
    # A Russian-style transliteration and an initial, as articles write them.
    aliases = sorted({f"{first[0]}. {last}", f"{RUSSIAN_STYLE.get(first, first)} {last}"} - {name})
    category = rng.choice(PERSON_KINDS)
    side = (
        "media" if category == "journalist" else rng.choice(["ukraine", "ukraine", "russia", "independent"])
    )
    entry = {
        "name": name,
        "kind": category,
        "aliases": aliases,
        "description": f"{_a(category.replace('-', ' ')).capitalize()} quoted in reports from the front.",
        "side": side,
    }
    return Entity(_slug(name), "person", category), entry


def _place(rng: random.Random) -> tuple[Entity, dict[str, Any]]:
    name = (rng.choice(PLACE_PREFIXES) + rng.choice(PLACE_STEMS) + rng.choice(PLACE_SUFFIXES)).capitalize()
    category = rng.choice(["village", "village", "town", "city"])
    entry = {
        "name": name,
        "kind": category,
        "aliases": sorted({name.replace("iv", "ov").replace("y", "i")} - {name}),
        "description": f"A {category} near the eastern front line.",
        "latitude": round(rng.uniform(47.5, 49.5), 3),
        "longitude": round(rng.uniform(36.5, 39.0), 3),
        "region": rng.choice(["donetsk-oblast", "donetsk-oblast", "kharkiv-oblast", "zaporizhzhia-oblast"]),
    }
    return Entity(_slug(name), "place", category), entry


def _organisation(rng: random.Random) -> tuple[Entity, dict[str, Any]]:
    choice = rng.random()
    if choice < 0.45:
        number = rng.randrange(3, 160)
        branch = rng.choice(["Mechanised", "Assault", "Motor Rifle", "Territorial Defence", "Artillery"])
        name, category = f"{_ordinal(number)} {branch} Brigade", "armed-unit"
        aliases, side = (
            [f"{_ordinal(number)} {branch.split()[0]}"],
            "russia" if branch == "Motor Rifle" else "ukraine",
        )
    elif choice < 0.8:
        town = (rng.choice(PLACE_PREFIXES) + rng.choice(PLACE_STEMS) + "sk").capitalize()
        name, category, side = f"The {town} {rng.choice(PAPERS)}", "media-outlet", "media"
        aliases = [name.removeprefix("The ")]
    else:
        topic = rng.choice(TOPICS_OF_STUDY)
        founder = rng.choice(PLACE_STEMS).capitalize() + rng.choice(["berg", "field", "stone"])
        name = f"{founder} Centre for {topic} Studies"
        category, side = "think-tank", "independent"
        aliases = ["".join(word[0] for word in name.split() if word[0].isupper())]
    entry = {
        "name": name,
        "kind": category,
        "aliases": aliases,
        "description": f"{_a(category.replace('-', ' ')).capitalize()} cited on the war in the east.",
        "side": side,
    }
    return Entity(_slug(name), "organisation", category), entry


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


# --- Figures that recur ------------------------------------------------------------


def _figure_templates(
    rng: random.Random, registry: Registry, metrics: dict[str, Any], count: int
) -> list[FigureTemplate]:
    places = registry.of(lambda e: e.kind == "place")
    forces = registry.of(lambda e: e.category in ("armed-force", "armed-unit", "military-company"))
    outlets = registry.of(lambda e: e.category == "media-outlet")
    claimants = registry.of(lambda e: e.kind in ("person", "organisation"))
    templates = []
    for _ in range(count):
        metric = rng.choice(sorted(metrics))
        family = metrics[metric]["family"]
        pool = (
            outlets if metric == "print-run" else forces if metric in METRICS_ABOUT_ORGANISATIONS else places
        )
        subject = _zipf_pick(rng, pool).id
        low, high = FAMILY_RANGES[family]
        base = math.exp(rng.uniform(math.log(low), math.log(high)))
        claimant = _zipf_pick(rng, claimants).id if rng.random() < 0.6 else None
        templates.append(FigureTemplate(metric, family, subject, base, claimant))
    return templates


def _zipf_pick(rng: random.Random, pool: Sequence[Entity]) -> Entity:
    return rng.choices(pool, weights=[1 / (rank + 1) for rank in range(len(pool))])[0]


def _plain_number(value: float) -> int | float:
    """Three significant digits, written as an int when whole: 171234.5 → 171000."""
    if value == 0:
        return 0
    digits = 2 - int(math.floor(math.log10(abs(value))))
    rounded = round(value, digits)
    return int(rounded) if rounded == int(rounded) else rounded


# --- Briefs ------------------------------------------------------------------------


class _BriefWriter:
    def __init__(
        self, rng: random.Random, registry: Registry, templates: list[FigureTemplate], units: dict[str, Any]
    ) -> None:
        self.rng = rng
        self.registry = registry
        self.by_id = {e.id: e for e in registry.entities}
        self.templates = templates
        self.template_weights = [1 / (rank + 1) for rank in range(len(templates))]
        self.units_of: dict[str, list[tuple[str, float]]] = {}
        for unit, spec in sorted(units.items()):
            self.units_of.setdefault(spec["family"], []).append((unit, float(spec["factor"])))
        self.outlets = registry.of(lambda e: e.category in ("media-outlet", "news-agency"))
        self.journalists = registry.of(lambda e: e.category == "journalist")
        self.actors = registry.of(lambda e: e.kind != "place")
        self.earlier_claims: list[str] = []  # "brief-id#claim-id"

    def brief(self, number: int, total: int) -> tuple[str, dict[str, Any]]:
        rng = self.rng
        published = self._date_at(number, total)
        mentioned: dict[str, str] = {}  # id → role, in order of first mention
        outlet = _zipf_pick(rng, self.outlets).id if rng.random() < 0.9 else None
        authors = sorted({_zipf_pick(rng, self.journalists).id for _ in range(rng.randrange(0, 3))})
        for entity_id in ([outlet] if outlet else []) + authors:
            mentioned[entity_id] = self._role(entity_id)
        figures = [self._figure(k, published) for k in range(rng.randrange(6, 15))]
        for figure in figures:
            for key in ("subject", "claimed_by", "via"):
                if key in figure:
                    mentioned.setdefault(figure[key], self._role(figure[key]))
        wanted = rng.randrange(10, 41)
        while len(mentioned) < wanted:
            entity = rng.choices(self.registry.entities, weights=self.registry.weights)[0]
            mentioned.setdefault(entity.id, self._role(entity.id))
        ids = list(mentioned)
        people = [i for i in ids if self.by_id[i].kind == "person"] or [ids[0]]
        places = [i for i in ids if self.by_id[i].kind == "place"]
        organisations = [i for i in ids if self.by_id[i].kind == "organisation"]
        lead = places[0] if places else ids[0]
        brief_id = f"{lead}-{rng.choice(WORDS)}-{number:05d}"[-64:].lstrip("-")
        claims = [self._claim(k, ids) for k in range(rng.randrange(3, 13))]
        brief = {
            "title": f"{self._name(lead)}: {rng.choice(ADJECTIVES)} {rng.choice(WORDS)} "
            f"and {rng.choice(WORDS)}",
            "outlet": outlet,
            "authors": authors,
            "published": published
            if rng.random() < 0.8
            else {
                "date": published[:7],
                "approximate": True,
                "basis": "The page carries no date; its references to recent events place it in this month.",
            },
            "type": rng.choice(ARTICLE_TYPES),
            "topics": sorted(rng.sample(TOPICS, rng.randrange(1, 5))),
            "summary": "\n\n".join(
                self._paragraph(ids, rng.randrange(3, 6)) for _ in range(rng.randrange(2, 4))
            ),
            "key_points": [self._sentence(ids) for _ in range(rng.randrange(3, 8))],
            "entities": [{"id": i, "role": mentioned[i]} for i in ids],
            "figures": figures,
            "quotes": [self._quote(k, people) for k in range(rng.randrange(0, 7))],
            "events": [self._event(k, ids, places, published) for k in range(rng.randrange(1, 9))],
            "claims": claims,
            "sources": sorted(rng.sample(organisations, min(len(organisations), rng.randrange(0, 5)))),
            "credibility": "\n\n".join(self._paragraph(ids, 3) for _ in range(rng.randrange(1, 3))),
        }
        self.earlier_claims += [f"{brief_id}#{claim['id']}" for claim in claims]
        return brief_id, brief

    # Parts of a brief

    def _figure(self, k: int, published: str) -> dict[str, Any]:
        rng = self.rng
        template = rng.choices(self.templates, weights=self.template_weights)[0]
        unit, factor = rng.choice(self.units_of[template.family])
        value = template.base * math.exp(rng.gauss(0, 0.07)) / factor
        figure: dict[str, Any] = {
            "id": f"f{k}-{template.metric}"[:64],
            "metric": template.metric,
            "subject": template.subject,
        }
        ceiling = DEFAULT_FAMILIES[template.family].maximum
        cap = (ceiling if ceiling is not None else math.inf) / factor  # the loader refuses a share over 100 %
        if rng.random() < 0.15:
            figure["low"], figure["high"] = _plain_number(value * 0.85), _plain_number(min(cap, value * 1.15))
        else:
            figure["value"] = _plain_number(min(cap, value))
            figure["qualifier"] = rng.choice(QUALIFIERS)
        figure["unit"] = unit
        if rng.random() < 0.6:
            figure["as_of"] = self._date_before(published)
        claimant = template.claimant if template.claimant and rng.random() < 0.7 else None
        if claimant is None and rng.random() < 0.3:
            claimant = _zipf_pick(rng, self.actors).id
        if claimant:
            figure["claimed_by"] = claimant
            if rng.random() < 0.15:
                figure["via"] = _zipf_pick(rng, self.outlets).id
        figure["context"] = f"The {rng.choice(ADJECTIVES)} {rng.choice(WORDS)} figure as the piece gives it."
        return figure

    def _quote(self, k: int, people: list[str]) -> dict[str, Any]:
        rng = self.rng
        words = [rng.choice(WORDS + ADJECTIVES) for _ in range(rng.randrange(4, 28))]
        quote: dict[str, Any] = {
            "id": f"q{k}",
            "speaker": rng.choice(people),
            "text": " ".join(["the", *words]),
            "context": f"On the {rng.choice(WORDS)} near the {rng.choice(WORDS)}.",
        }
        if rng.random() < 0.3:
            quote["date"] = f"20{rng.randrange(23, 26)}-{rng.randrange(1, 13):02d}"
        return quote

    def _event(self, k: int, ids: list[str], places: list[str], published: str) -> dict[str, Any]:
        rng = self.rng
        event: dict[str, Any] = {
            "id": f"e{k}",
            "date": self._date_before(published, days=400),
            "what": self._sentence(ids),
        }
        if places:
            event["places"] = sorted(set(rng.sample(places, min(len(places), rng.randrange(1, 3)))))
        event["actors"] = sorted(set(rng.sample(ids, rng.randrange(0, 3))))
        return event

    def _claim(self, k: int, ids: list[str]) -> dict[str, Any]:
        rng = self.rng
        claim: dict[str, Any] = {"id": f"c{k}"}
        if rng.random() < 0.6:
            claim["by"] = rng.choice([i for i in ids if self.by_id[i].kind != "place"] or ids)
        claim["text"] = (
            f"The {rng.choice(WORDS)} {rng.choice(VERBS)} a {rng.choice(ADJECTIVES)} "
            f"{rng.choice(WORDS)} around the {rng.choice(WORDS)}."
        )
        if self.earlier_claims and rng.random() < 0.1:
            claim["contradicts"] = [rng.choice(self.earlier_claims)]
        return claim

    # Text

    def _name(self, entity_id: str) -> str:
        return entity_id.replace("-", " ").title()

    def _link(self, entity_id: str) -> str:
        if self.rng.random() < 0.2:
            return f"[[{entity_id}|{self._name(entity_id).split()[0]}]]"
        return f"[[{entity_id}]]"

    def _sentence(self, ids: list[str]) -> str:
        rng = self.rng
        return (
            f"{self._link(rng.choice(ids))} {rng.choice(VERBS)} {rng.choice(ADJECTIVES)} "
            f"{rng.choice(WORDS)} near {self._link(rng.choice(ids))}, with {rng.choice(ADJECTIVES)} "
            f"{rng.choice(WORDS)} on the {rng.choice(WORDS)}."
        )

    def _paragraph(self, ids: list[str], sentences: int) -> str:
        return " ".join(self._sentence(ids) for _ in range(sentences))

    def _role(self, entity_id: str) -> str:
        category = self.by_id[entity_id].category.replace("-", " ")
        topic = f"the {self.rng.choice(WORDS)} and the {self.rng.choice(WORDS)}"
        return f"{_a(category).capitalize()} the piece cites on {topic}."

    # Dates

    def _date_at(self, number: int, total: int) -> str:
        """Publication dates rise with the brief's number, from 2023 to the end of 2025."""
        day = int(1095 * (number + self.rng.random()) / max(total, 1))
        year, day_of_year = 2023 + day // 365, day % 365
        month = min(12, day_of_year // 31 + 1)
        return f"{year}-{month:02d}-{min(28, day_of_year % 31 + 1):02d}"

    def _date_before(self, published: str, days: int = 60) -> str:
        year, month, day = (int(part) for part in published.split("-"))
        back = self.rng.randrange(0, days)
        total = (year * 12 + month - 1) * 28 + day - 1 - back
        year, month, day = total // (12 * 28), total // 28 % 12 + 1, total % 28 + 1
        return f"{year}-{month:02d}" if self.rng.random() < 0.4 else f"{year}-{month:02d}-{day:02d}"
