"""Route sea legs through the water: the shortest path inside the sea polygon.

A straight line between two Caspian ports often cuts across a peninsula (Absheron,
Mangyshlak). Here the path runs along a visibility graph whose nodes are the corners
of the sea shrunk by ``OFFSHORE_M``; each port joins the graph at its nearest water.
"""

from __future__ import annotations

import heapq
import itertools

import numpy as np
import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

OFFSHORE_M = 3000.0  # keep the drawn route off the shoreline
NODE_SPACING_M = 4000.0  # simplification of the shrunk sea, which sets the node count


class SeaRouter:
    """Shortest water paths inside one sea polygon (metric coordinates throughout).

    Parameters
    ----------
    sea : BaseGeometry
        The sea polygon in a metric projection.
    """

    def __init__(self, sea: BaseGeometry):
        self.water = _largest(sea.buffer(-OFFSHORE_M).simplify(NODE_SPACING_M))
        self.tolerant = self.water.buffer(1.0)
        shapely.prepare(self.tolerant)
        self.nodes = np.unique(shapely.get_coordinates(self.water.boundary).round(3), axis=0)
        pairs = list(itertools.combinations(range(len(self.nodes)), 2))
        self.edges = self._visible([(self.nodes[i], self.nodes[j]) for i, j in pairs], pairs)

    def path(self, start: Point, end: Point) -> LineString:
        """Return the shortest water path from ``start`` to ``end``.

        Ports may lie a little inland; each is joined straight to its nearest water.
        """
        entry, exit_ = _nearest_on(self.water, start), _nearest_on(self.water, end)
        nodes = np.vstack([self.nodes, [entry, exit_]])
        a, b = len(nodes) - 2, len(nodes) - 1
        extra = [(a, b)] + [(k, i) for k in (a, b) for i in range(len(self.nodes))]
        edges = self.edges + self._visible([(nodes[i], nodes[j]) for i, j in extra], extra)
        route = _dijkstra(edges, a, b)
        return LineString([(start.x, start.y), *map(tuple, nodes[route]), (end.x, end.y)])

    def _visible(self, segments, pairs) -> list[tuple[int, int, float]]:
        lines = shapely.linestrings(segments)
        ok = shapely.covered_by(lines, self.tolerant)
        lengths = shapely.length(lines)
        return [
            (i, j, float(d)) for (i, j), good, d in zip(pairs, ok, lengths, strict=True) if good
        ]


def _largest(geom: BaseGeometry) -> BaseGeometry:
    return max(shapely.get_parts(geom), key=lambda g: g.area)


def _nearest_on(water: BaseGeometry, p: Point) -> np.ndarray:
    if water.contains(p):
        return np.array([p.x, p.y]).round(3)
    q = nearest_points(water.boundary, p)[0]
    return np.array([q.x, q.y]).round(3)


def _dijkstra(edges, source: int, target: int) -> list[int]:
    graph: dict[int, list[tuple[int, float]]] = {}
    for i, j, d in edges:
        graph.setdefault(i, []).append((j, d))
        graph.setdefault(j, []).append((i, d))
    best, previous = {source: 0.0}, {}
    queue = [(0.0, source)]
    while queue:
        dist, node = heapq.heappop(queue)
        if node == target:
            break
        if dist > best[node]:
            continue
        for other, d in graph.get(node, ()):
            if dist + d < best.get(other, float("inf")):
                best[other], previous[other] = dist + d, node
                heapq.heappush(queue, (dist + d, other))
    if target not in best:
        raise ValueError("no water path between the two ports")
    path = [target]
    while path[-1] != source:
        path.append(previous[path[-1]])
    return path[::-1]
