package io.smpsim.app.cluster;

import io.smpsim.sim.SimWorld;
import io.smpsim.sim.engine.Placement;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --show-placement} prints: for each node, its address and the placement groups (a
 * machine, a socket, or a CPU with its local APIC) it hosts, with their entities by name.
 */
public final class PlacementReport {

  /** Entities named in full per group; larger groups show their first few and their last. */
  private static final int NAMED = 6;

  private PlacementReport() {}

  /** The report, one line per node and per group. */
  public static String format(SimWorld world, Placement placement) {
    int groups = world.groupCount();
    int[] count = new int[groups];
    int[][] first = new int[groups][NAMED];
    int[] last = new int[groups];
    for (int id = 0; id < world.entityCount(); id++) {
      int g = world.groupOf(id);
      if (count[g] < NAMED) {
        first[g][count[g]] = id;
      }
      count[g]++;
      last[g] = id;
    }
    StringBuilder b = new StringBuilder();
    b.append("smpsim: placement of ").append(world.entityCount()).append(" entities in ")
        .append(groups).append(groups == 1 ? " group" : " groups").append(" on ")
        .append(placement.nodeCount()).append(placement.nodeCount() == 1 ? " node" : " nodes")
        .append(" (fixed for the whole run)\n");
    for (int n = 0; n < placement.nodeCount(); n++) {
      List<Integer> mine = new ArrayList<>();
      int entities = 0;
      for (int g = 0; g < groups; g++) {
        if (placement.nodeOfGroup(g) == n) {
          mine.add(g);
          entities += count[g];
        }
      }
      b.append("  node ").append(n).append(' ').append(placement.nodeAddresses().get(n))
          .append(": ").append(entities).append(" entities\n");
      for (int g : mine) {
        b.append("    group ").append(g).append(": ");
        int shown = Math.min(count[g], NAMED);
        boolean cut = count[g] > NAMED;
        for (int i = 0; i < (cut ? NAMED - 1 : shown); i++) {
          b.append(i > 0 ? ", " : "").append(world.nameOf(first[g][i]));
        }
        if (cut) {
          b.append(", ..., ").append(world.nameOf(last[g]));
        }
        b.append(" (").append(count[g]).append(")\n");
      }
    }
    return b.toString();
  }
}
