"""Who appears with whom: the co-mention graph, chosen from the index and drawn to SVG.

The graph is kept readable at any corpus size: it holds the GRAPH_NODES most
mentioned entities that share a brief with another, and the GRAPH_EDGES
strongest links between them; every other pair is listed in a table. The
selection is computed without networkx or matplotlib; both are imported only
when the drawing is missing from the ChartCache, keyed by the sha256 of the
nodes, links and targets. The layout (networkx's circle, in an order that keeps
linked nodes together) and the SVG's fixed hash salt give the same bytes for
the same graph.

Each node and its label is a link (matplotlib's `set_url`) to the entity's
page, relative to the page the SVG is inlined in. Labels point outwards from
the circle; one that would cover another label or a node moves further out
along the same line, with a leader line to its node.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import IO, Any

from briefgen.analyse.claimants import UNATTRIBUTED
from briefgen.analyse.index import CorpusIndex
from briefgen.write import urls
from briefgen.write.chart_drawing import FONT, INK, _clean, inline_svg
from briefgen.write.charts import STYLE_VERSION, Chart, ChartCache

GRAPH_NODES = 40
GRAPH_EDGES = 80
# Bump when the drawing code changes, so cached SVGs are redrawn.
DRAWING_VERSION = "5"
PLACE_COLOUR = "#7f7f7f"
LEADER = "#9a9a9a"
# How far a name may move out from its node to find room: steps of this many points.
LABEL_STEP = 7.0
LABEL_STEPS = 30
PLACE_LABEL = "Places"


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    colour_key: str  # a side id of the vocabulary, "unattributed", or "place"
    briefs: int
    href: str  # relative to the page that shows the graph
    colour: str = ""
    group: str = ""  # what the colour stands for, in the legend
    order: int = 99  # the group's place in the legend


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    shared: int


@dataclass(frozen=True)
class Graph:
    """What the drawing shows; `total_edges` counts every co-mentioned pair."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    total_edges: int


def select_graph(index: CorpusIndex, href_of: Any) -> Graph:
    """The most mentioned connected entities and the strongest links among them.

    `href_of(entity_id)` gives a node's link from the page showing the graph.
    """
    registry = index.registry
    pairs = index.co_mention_edges
    linked = {e for a, b, _ in pairs for e in (a, b)}
    ranked = sorted(linked, key=lambda e: (-registry.mention_count(e), registry.entities[e].name, e))
    chosen = set(ranked[:GRAPH_NODES])
    among = [Edge(a, b, n) for a, b, n in pairs if a in chosen and b in chosen]
    # Each chosen entity keeps its strongest link, so none is left floating;
    # the strongest others fill the rest of GRAPH_EDGES.
    kept: set[Edge] = set()
    for entity_id in ranked[:GRAPH_NODES]:
        strongest = next((e for e in among if entity_id in (e.a, e.b)), None)
        if strongest is not None:
            kept.add(strongest)
    for edge in among:
        if len(kept) >= max(GRAPH_EDGES, len(kept)):
            break
        kept.add(edge)
    edges = [e for e in among if e in kept]
    shown = {e for edge in edges for e in (edge.a, edge.b)}
    nodes = []
    for entity_id in sorted(shown):
        entity = registry.entities[entity_id]
        sides = index.corpus.vocabulary.sides
        side = index.corpus.vocabulary.side(entity.side) or UNATTRIBUTED
        if entity.kind == "place":
            key, colour, group, order = "place", PLACE_COLOUR, PLACE_LABEL, len(sides) + 1
        else:
            key, colour, group = side.id, side.colour, side.label
            order = sides.index(side) if side in sides else len(sides)
        nodes.append(Node(entity_id, entity.name, key, registry.mention_count(entity_id),
                          href_of(entity_id), colour, group, order))
    return Graph(tuple(nodes), tuple(edges), len(pairs))


# The connections page's ties: the most mentioned entities, each with its
# strongest ties, every pair named. Chosen over the circle drawing after
# looking at both corpora: at 5 briefs 80 links fanned into one node, at 1,000
# a wedge of the circle was solid grey, and on a phone its names were 8 px.
TIE_ENTITIES = 24
TIES_EACH = 5


@dataclass(frozen=True)
class Ties:
    """One entity's strongest ties: (other entity id, briefs shared), strongest first."""

    entity: str
    name: str
    briefs: int  # briefs that mention it
    ties: tuple[tuple[str, int], ...]

    def share(self, shared: int) -> int:
        """A tie's width, in per cent of the entity's own briefs."""
        return round(100 * shared / max(self.briefs, 1))


def strongest_ties(index: CorpusIndex) -> list[Ties]:
    """The TIE_ENTITIES most mentioned entities with ties, each with its
    TIES_EACH strongest, most briefs shared first.

    A tie is two entities named together more often than chance would have
    it (lift over 1: shared × briefs ÷ (one's briefs × the other's)), and,
    where there are several briefs, in two briefs or more. So an entity every
    brief names, tied to all alike, is tied to none (`everywhere` lists
    them), and one article naming both is not yet a tie."""
    registry = index.registry
    pairs = registry.co_mention_pairs()
    total = len(index.corpus.briefs)
    least = 2 if total > 1 else 1
    count = registry.mention_count
    ranked = sorted(pairs, key=lambda e: (-count(e), registry.entities[e].name, e))
    found: list[Ties] = []
    for entity_id in ranked:
        ties = tuple((other, n) for other, n in pairs[entity_id]
                     if n >= least and n * total > count(entity_id) * count(other))[:TIES_EACH]
        if ties:
            found.append(Ties(entity_id, registry.entities[entity_id].name, count(entity_id), ties))
            if len(found) == TIE_ENTITIES:
                break
    return found


def everywhere(index: CorpusIndex) -> list[str]:
    """Ids of the entities every brief names (when there are several briefs), by name."""
    total = len(index.corpus.briefs)
    registry = index.registry
    if total < 2:
        return []
    return sorted((e for e in registry.co_mention_pairs() if registry.mention_count(e) == total),
                  key=lambda e: (registry.entities[e].name, e))


def graph_svg(graph: Graph, cache: ChartCache) -> str | None:
    """The graph as SVG text without the XML prolog, ready to inline; None when empty."""
    if not graph.edges:
        return None
    data = json.dumps({"nodes": [asdict(n) for n in graph.nodes],
                       "edges": [asdict(e) for e in graph.edges],
                       "style": STYLE_VERSION, "drawing": DRAWING_VERSION, "chart": "connections"},
                      sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(data.encode("utf-8")).hexdigest()
    return cache.svg(key, lambda: draw_graph_svg(graph, salt=key[:16]))


def entity_href(index: CorpusIndex, entity_id: str) -> str:
    """A node's link, relative to the connections page (and the SVG beside it)."""
    entity = index.registry.entities[entity_id]
    return urls.relative(urls.CONNECTIONS_PATH, urls.entity_url(entity.kind, entity_id))


def connections_chart(graph: Graph, cache: ChartCache) -> Chart | None:
    """The co-mention graph (`select_graph`) as a chart named "connections", or None without pairs."""
    svg = graph_svg(graph, cache)
    if svg is None:
        return None
    return Chart(name="connections", title="Who appears with whom", svg=svg, alt=alt_text(graph),
                 rows=(), total=len(graph.edges))


def alt_text(graph: Graph) -> str:
    strongest = graph.edges[0]
    names = {n.id: n.name for n in graph.nodes}
    return (f"Network of {len(graph.nodes)} people, places and organisations joined by "
            f"{len(graph.edges)} links; the strongest joins {names[strongest.a]} and "
            f"{names[strongest.b]} ({strongest.shared} briefs).")


def draw_graph_svg(graph: Graph, *, salt: str) -> str:
    return inline_svg(lambda out: _draw(graph, salt, out), {n.href: _clean(n.name) for n in graph.nodes})


def _circle_order(graph: Graph) -> list[str]:
    """Nodes in an order that keeps linked ones side by side around the circle:
    depth first along the strongest links, from the most mentioned node."""
    neighbours: dict[str, list[tuple[int, str]]] = {n.id: [] for n in graph.nodes}
    for edge in graph.edges:
        neighbours[edge.a].append((-edge.shared, edge.b))
        neighbours[edge.b].append((-edge.shared, edge.a))
    ranked = [n.id for n in sorted(graph.nodes, key=lambda n: (-n.briefs, n.name, n.id))]
    order: list[str] = []
    seen: set[str] = set()
    for root in ranked:
        stack = [root]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            order.append(node)
            stack.extend(other for _, other in sorted(neighbours[node], reverse=True) if other not in seen)
    return order


def _layout(graph: Graph) -> dict[str, tuple[float, float]]:
    import networkx as nx

    # A circle: at this corpus's shape (each brief a near-clique of its own
    # entities) a force layout piles each group into one blot of labels.
    positions = nx.circular_layout(_circle_order(graph))
    # Rounded, so a last-bit difference in floating point cannot change the bytes.
    return {node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in positions.items()}


def _label_nodes(fig: Any, ax: Any, graph: Graph, position: dict[str, tuple[float, float]],
                 sizes: dict[str, float]) -> None:
    """Each node's name beside it, outwards from the circle and so away from the
    links; a name that would cover another, or a node, moves further out along
    the same line, joined to its node by a leader line. Most mentioned first."""
    from matplotlib.text import Text

    fig.draw_without_rendering()  # fixes the axes' box (equal aspect), so boxes measure true
    renderer = fig.canvas.get_renderer()
    pixels = fig.dpi / 72
    taken: list[tuple[float, ...]] = []  # boxes in pixels: the nodes, then each name placed
    for node in graph.nodes:
        x, y = ax.transData.transform(position[node.id])
        radius = sizes[node.id] ** 0.5 / 2 * pixels
        taken.append((x - radius, y - radius, x + radius, y + radius))
    for node in sorted(graph.nodes, key=lambda n: (-n.briefs, n.name, n.id)):
        x, y = position[node.id]
        edge = sizes[node.id] ** 0.5 / 2  # points from the centre to the node's edge
        ha = "left" if x > 0.15 else "right" if x < -0.15 else "center"
        va = "bottom" if y > 0.15 else "top" if y < -0.15 else "center"
        for step in range(LABEL_STEPS):
            gap = edge + 6 + step * LABEL_STEP
            leader = ({"arrowstyle": "-", "color": LEADER, "lw": 0.6, "shrinkA": 1, "shrinkB": edge}
                      if step else None)
            label = ax.annotate(_clean(node.name), (x, y), xytext=(gap * x, gap * y),
                                textcoords="offset points", ha=ha, va=va, fontsize=FONT - 1.5,
                                color=INK, zorder=3, arrowprops=leader)
            label.update_positions(renderer)
            box = Text.get_window_extent(label, renderer).extents  # the name, without its leader
            if not any(_overlap(box, other) for other in taken):
                label.set_url(node.href)
                taken.append(tuple(box))
                break
            label.remove()  # no room here: a step further out


def _overlap(a: Any, b: Any) -> bool:
    pad = 1.0  # pixels between neighbours
    return bool(a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad)


def _draw(graph: Graph, salt: str, out: IO[str]) -> None:
    with drawn_graph(graph, salt) as fig:
        # No tight_layout: labels of any length are kept by bbox_inches="tight".
        fig.savefig(out, format="svg", metadata={"Date": None, "Title": "Who appears with whom"},
                    bbox_inches="tight", pad_inches=0.1)


@contextlib.contextmanager
def drawn_graph(graph: Graph, salt: str) -> Iterator[Any]:
    """The graph drawn on a matplotlib figure, open (and its style in force) until the block ends."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.lines import Line2D

    position = _layout(graph)
    style: dict[str, Any] = {
        "svg.hashsalt": salt, "svg.fonttype": "none", "text.usetex": False,
        "text.parse_math": False, "font.family": "DejaVu Sans", "font.size": FONT - 1,
        "text.color": INK,
    }
    strongest = max(e.shared for e in graph.edges)
    most = max(n.briefs for n in graph.nodes)
    with matplotlib.rc_context(style):  # type: ignore[arg-type]
        fig, ax = plt.subplots(figsize=(9.0, 8.0))
        try:
            fig.patch.set_facecolor("white")
            ax.set_axis_off()
            for edge in graph.edges:
                (x1, y1), (x2, y2) = position[edge.a], position[edge.b]
                ax.plot([x1, x2], [y1, y2], color="#9a9a9a", alpha=0.7, zorder=1,
                        lw=0.6 + 4.0 * edge.shared / strongest)
            sizes = {node.id: 60 + 540 * node.briefs / most for node in graph.nodes}
            for node in graph.nodes:
                x, y = position[node.id]
                dot = ax.scatter([x], [y], s=sizes[node.id], color=node.colour, zorder=2,
                                 edgecolors="white", linewidths=1.2,
                                 marker="s" if node.colour_key == "place" else "o")
                dot.set_urls([node.href])
            ax.set_aspect("equal")
            ax.margins(0.05)
            _label_nodes(fig, ax, graph, position, sizes)
            groups = sorted({(n.order, n.colour_key, n.colour, n.group) for n in graph.nodes})
            handles = [Line2D([], [], ls="", marker="s" if k == "place" else "o", ms=9,
                              color=colour, label=group)
                       for _, k, colour, group in groups]
            ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=3,
                      frameon=False, fontsize=FONT - 1)
            yield fig
        finally:
            plt.close(fig)
