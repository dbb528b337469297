package io.smpsim.sim.engine;

import io.smpsim.sim.SimWorld;
import io.smpsim.sim.serialization.WireMessage;
import java.util.List;

/**
 * Which node hosts which placement group. Groups are split into contiguous ranges of about equal
 * entity count, one range per node, in node order; nodes are ordered by their cluster address.
 * The plan is fixed for the whole run: shards are never rebalanced.
 *
 * @param nodeAddresses cluster addresses of the nodes, in node order
 * @param groupNode for each group, the index of its node
 */
public record Placement(List<String> nodeAddresses, int[] groupNode) implements WireMessage {

  /** Plans the world's groups over {@code nodes} nodes. */
  public static Placement plan(SimWorld world, List<String> nodeAddresses) {
    int groups = world.groupCount();
    long[] weight = new long[groups];
    for (int id = 0; id < world.entityCount(); id++) {
      weight[world.groupOf(id)]++;
    }
    long total = world.entityCount();
    int nodes = nodeAddresses.size();
    int[] groupNode = new int[groups];
    long before = 0;
    for (int g = 0; g < groups; g++) {
      // A group goes to the node whose share of the cumulative weight its start falls in, so
      // a world of one group lives on node 0.
      int node = total == 0 ? 0 : (int) Math.min(nodes - 1, before * nodes / total);
      groupNode[g] = node;
      before += weight[g];
    }
    return new Placement(List.copyOf(nodeAddresses), groupNode);
  }

  public int nodeCount() {
    return nodeAddresses.size();
  }

  public int nodeOfGroup(int group) {
    return groupNode[group];
  }

  /** Index of the node with this address, or -1. */
  public int indexOf(String address) {
    return nodeAddresses.indexOf(address);
  }
}
