"""Pictures of the network: a force-directed layout of a run's sampled ties and a
matplotlib drawing of residents coloured by engagement.

Contract: layout() is deterministic for a given sample and seed
(Fruchterman & Reingold 1991, "Graph drawing by force-directed placement", with
a linearly cooling step), vectorised in numpy so a 1,500-resident sample lays out
in a few seconds. draw() needs a Run made with snapshots=True (the engine then
keeps a breadth-first sample of at most 1,500 residents and the ties among them,
sim/engine/runner.hpp) and states the sample size in its title.
"""

from __future__ import annotations

import numpy as np

#: Engagement levels 0..4 (MODEL.md) and the colours used by every picture
#: (the same as the HTML report's).
LEVELS = ("atomised", "in dialogue", "participant", "organiser", "leader")
COLOURS = ("#c8c8c8", "#9ecae1", "#4292c6", "#f16913", "#a50f15")


def layout(agents: np.ndarray, ties: np.ndarray, iterations: int = 120,
           seed: int = 0) -> np.ndarray:
    """Positions in [0, 1]^2, one row per entry of `agents`; ties is (m, 2) agent ids."""
    agents = np.asarray(agents, dtype=np.int64)
    n = len(agents)
    if n == 0:
        return np.zeros((0, 2))
    index = {int(a): i for i, a in enumerate(agents)}
    edges = np.array([[index[int(u)], index[int(v)]] for u, v in np.asarray(ties)],
                     dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = np.sqrt(1.0 / n)
    step = 0.1
    for it in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist2 = np.maximum((delta ** 2).sum(-1), 1e-6)
        force = (delta * (k * k / dist2)[:, :, None]).sum(1)  # repulsion k^2/d
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            length = np.sqrt(np.maximum((d ** 2).sum(-1), 1e-9))
            pull = d * (length / k)[:, None]  # attraction d^2/k
            np.add.at(force, edges[:, 0], -pull)
            np.add.at(force, edges[:, 1], pull)
        force -= (pos - 0.5) * 0.05 * n * k  # gentle gravity keeps components together
        norm = np.sqrt(np.maximum((force ** 2).sum(-1), 1e-12))
        pos += force / norm[:, None] * np.minimum(norm, step)[:, None]
        step = 0.1 * (1.0 - (it + 1) / iterations) + 0.002
    pos -= pos.min(0)
    pos /= max(pos.max(), 1e-9)
    return pos


def draw(ax, run, tick: int | None = None, positions: np.ndarray | None = None,
         title: str | None = None, legend: bool = True) -> np.ndarray:
    """Draw the run's sampled network at `tick` (default: the last recorded tick),
    residents coloured by engagement. Returns the positions used, so a second
    panel (another variant on the same network) can reuse them."""
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    if run.snapshots is None or run.network is None:
        raise ValueError("run the scenario with snapshots=True to draw its network")
    agents = run.network_agents
    ties = run.network[["agent", "neighbour"]].to_numpy()
    if positions is None:
        positions = layout(agents, ties)
    where = {int(a): i for i, a in enumerate(agents)}
    tick = int(run.snapshots.index[-1]) if tick is None else tick
    states = run.snapshots.loc[tick].to_numpy()[agents]
    segments = [(positions[where[int(u)]], positions[where[int(v)]]) for u, v in ties]
    ax.add_collection(LineCollection(segments, colors="#999999", linewidths=0.2, alpha=0.35,
                                     zorder=1))
    ax.scatter(positions[:, 0], positions[:, 1], s=7,
               c=[COLOURS[min(int(s), 4)] for s in states], zorder=2, linewidths=0)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_aspect("equal")
    label = title or (run.variant or "run")
    unit = run.summary["scenario"]["resolved"]["run"]["tick_unit"]
    ax.set_title(f"{label}, {unit} {tick}\n{len(agents):,} of {run.agents_total:,} residents drawn")
    if legend:
        handles = [Line2D([], [], marker="o", linestyle="", color=c, label=l)
                   for l, c in zip(LEVELS, COLOURS)]
        ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=True,
                  title="engagement", title_fontsize=7)
    return positions
