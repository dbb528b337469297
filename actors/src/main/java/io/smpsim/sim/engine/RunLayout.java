package io.smpsim.sim.engine;

import io.smpsim.sim.DomainLink;
import io.smpsim.sim.SimWorld;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the engine derives from a world and its placement before a run: the node and the latency
 * domain of every entity, and for every ordered pair of nodes the smallest latency of anything
 * one can send the other ({@link #NO_LINK} when nothing ever crosses). Two nodes that host parts
 * of one domain are linked at the lookahead; nodes that host different domains are linked only
 * where the world declares a link between those domains. Nodes with no link to each other, or
 * to anyone, never need to agree on time: each runs on its own.
 */
public final class RunLayout {

  /** The latency between two nodes that never message each other. */
  public static final long NO_LINK = Long.MAX_VALUE;

  private final long lookahead;
  private final int[] entityNode;
  private final int[] entityDomain;
  private final long[][] nodeLatency;
  private final long[][] reach;
  private final Map<Long, Long> domainLinks = new HashMap<>();

  /**
   * @param world the run's world
   * @param placement which node hosts which group
   * @param lookahead the engine's lookahead L, the least latency of any message
   */
  public RunLayout(SimWorld world, Placement placement, long lookahead) {
    this.lookahead = lookahead;
    int n = world.entityCount();
    int groups = world.groupCount();
    int nodes = placement.nodeCount();
    int[] groupDomain = new int[groups];
    for (int g = 0; g < groups; g++) {
      groupDomain[g] = world.domainOf(g);
    }
    entityNode = new int[n];
    entityDomain = new int[n];
    for (int id = 0; id < n; id++) {
      int g = world.groupOf(id);
      entityNode[id] = placement.nodeOfGroup(g);
      entityDomain[id] = groupDomain[g];
    }
    // Which nodes host a part of each domain.
    Map<Integer, long[]> domainNodes = new HashMap<>();
    for (int g = 0; g < groups; g++) {
      long[] bits = domainNodes.computeIfAbsent(groupDomain[g], d -> new long[(nodes + 63) / 64]);
      int node = placement.nodeOfGroup(g);
      bits[node >>> 6] |= 1L << node;
    }
    nodeLatency = new long[nodes][nodes];
    for (long[] row : nodeLatency) {
      Arrays.fill(row, NO_LINK);
    }
    for (long[] bits : domainNodes.values()) {
      int[] on = nodesOf(bits, nodes);
      for (int p : on) {
        for (int q : on) {
          if (p != q) {
            nodeLatency[p][q] = lookahead;
          }
        }
      }
    }
    for (DomainLink link : world.domainLinks()) {
      long latency = Math.max(lookahead, link.latencyNs());
      domainLinks.merge(key(link.from(), link.to()), latency, Math::min);
      long[] from = domainNodes.get(link.from());
      long[] to = domainNodes.get(link.to());
      if (from == null || to == null) {
        continue;
      }
      for (int p : nodesOf(from, nodes)) {
        for (int q : nodesOf(to, nodes)) {
          if (p != q) {
            nodeLatency[p][q] = Math.min(nodeLatency[p][q], latency);
          }
        }
      }
    }
    reach = shortestPaths(nodeLatency);
  }

  /**
   * Floyd–Warshall over the node links, with no empty paths: {@code d[i][j]} is the least total
   * latency of a chain of one or more messages from node i to node j ({@code d[i][i]}: out and
   * back again), {@link #NO_LINK} when there is none.
   */
  private static long[][] shortestPaths(long[][] latency) {
    int n = latency.length;
    long[][] d = new long[n][];
    for (int i = 0; i < n; i++) {
      d[i] = latency[i].clone();
    }
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < n; i++) {
        if (d[i][k] == NO_LINK) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          if (d[k][j] != NO_LINK && d[i][k] + d[k][j] < d[i][j]) {
            d[i][j] = d[i][k] + d[k][j];
          }
        }
      }
    }
    return d;
  }

  private static int[] nodesOf(long[] bits, int nodes) {
    int[] out = new int[nodes];
    int count = 0;
    for (int i = 0; i < nodes; i++) {
      if ((bits[i >>> 6] & (1L << i)) != 0) {
        out[count++] = i;
      }
    }
    return Arrays.copyOf(out, count);
  }

  private static long key(int from, int to) {
    return ((long) from << 32) | (to & 0xffffffffL);
  }

  /** The node that hosts entity {@code id}. */
  public int nodeOf(int id) {
    return entityNode[id];
  }

  /** The latency domain of entity {@code id}. */
  public int domainOf(int id) {
    return entityDomain[id];
  }

  /**
   * The least latency allowed from an entity of domain {@code from} to one of domain {@code to}:
   * the lookahead within a domain, the link's latency between linked domains, {@link #NO_LINK}
   * between domains that have no link.
   */
  public long minLatency(int from, int to) {
    if (from == to) {
      return lookahead;
    }
    return domainLinks.getOrDefault(key(from, to), NO_LINK);
  }

  /** The least latency of anything node {@code from} can send node {@code to}. */
  public long nodeLatency(int from, int to) {
    return nodeLatency[from][to];
  }

  /**
   * The least time for anything that happens on node {@code from} to have an effect on node
   * {@code to}, through any chain of nodes; for {@code from == to}, through at least one other
   * node and back. {@link #NO_LINK} when it never can.
   */
  public long reach(int from, int to) {
    return reach[from][to];
  }

  /**
   * The nodes that must agree on time with {@code node}: the others of its connected component
   * in the graph of node links (either direction), in node order. Empty for a node that neither
   * sends to nor hears from any other.
   */
  public int[] peersOf(int node) {
    int nodes = nodeLatency.length;
    boolean[] seen = new boolean[nodes];
    int[] stack = new int[nodes];
    int top = 0;
    stack[top++] = node;
    seen[node] = true;
    while (top > 0) {
      int p = stack[--top];
      for (int q = 0; q < nodes; q++) {
        if (!seen[q] && (nodeLatency[p][q] != NO_LINK || nodeLatency[q][p] != NO_LINK)) {
          seen[q] = true;
          stack[top++] = q;
        }
      }
    }
    int[] peers = new int[nodes];
    int count = 0;
    for (int q = 0; q < nodes; q++) {
      if (seen[q] && q != node) {
        peers[count++] = q;
      }
    }
    return Arrays.copyOf(peers, count);
  }
}
