package io.smpsim.sim.engine;

import io.smpsim.sim.checkpoint.StateRecords;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's side of resuming from a checkpoint: reassembles the entity records from the chunks the
 * client streams, and acknowledges a chunk once every entity whose record it completed has taken
 * up its state, so the client never has more than a few chunks of state in flight per node.
 */
final class StateLoader {

  private final StateRecords reader = StateRecords.reader();
  private final int[] localIndex;
  private final int[] chunkOf;
  private final Map<Integer, Integer> outstanding = new HashMap<>();
  private int records;
  private boolean last;

  /**
   * @param localIndex per world entity, its local index on this node or -1
   * @param locals how many entities this node hosts
   */
  StateLoader(int[] localIndex, int locals) {
    this.localIndex = localIndex;
    this.chunkOf = new int[locals];
    Arrays.fill(chunkOf, -1);
  }

  /**
   * Takes chunk {@code index} and returns the records it completes, each for a local entity.
   *
   * @throws IllegalStateException if a record is for an entity this node does not host, or
   *     comes twice, or the stream ends inside a record
   */
  List<StateRecords.Entry> onChunk(int index, byte[] bytes, boolean lastChunk) {
    List<StateRecords.Entry> entries = reader.feed(bytes);
    for (StateRecords.Entry e : entries) {
      int local = e.id() >= 0 && e.id() < localIndex.length ? localIndex[e.id()] : -1;
      if (local < 0) {
        throw new IllegalStateException("the checkpoint sent entity " + e.id()
            + " to a node that does not host it");
      }
      if (chunkOf[local] >= 0) {
        throw new IllegalStateException("the checkpoint holds entity " + e.id() + " twice");
      }
      chunkOf[local] = index;
    }
    records += entries.size();
    outstanding.put(index, entries.size());
    if (lastChunk) {
      last = true;
      if (reader.hasPartialRecord()) {
        throw new IllegalStateException("the checkpoint stream ends inside a record");
      }
      if (records != chunkOf.length) {
        throw new IllegalStateException("the checkpoint holds " + records
            + " entities for this node, which hosts " + chunkOf.length);
      }
    }
    return entries;
  }

  /** Whether chunk {@code index} can be acknowledged right away (it completed no record). */
  boolean settled(int index) {
    return outstanding.getOrDefault(index, 0) == 0;
  }

  /**
   * Local entity {@code local} has restored its state; returns the chunk that can now be
   * acknowledged, or -1.
   */
  int restored(int local) {
    int chunk = chunkOf[local];
    if (chunk < 0) {
      return -1;
    }
    int left = outstanding.merge(chunk, -1, Integer::sum);
    return left == 0 ? chunk : -1;
  }

  /** Whether the last chunk has arrived. */
  boolean complete() {
    return last;
  }
}
