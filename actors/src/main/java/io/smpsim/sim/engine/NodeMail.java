package io.smpsim.sim.engine;

/**
 * The {@link Inbox}es of one node's entities for one run, by local index, and which of the
 * world's entities are local: what a stepping entity needs to deliver to its neighbours itself.
 */
final class NodeMail {

  private final int[] localIndex;
  private final Inbox[] inboxes;

  /**
   * @param localIndex for every entity of the world, its index among the node's entities, or
   *     -1 when another node hosts it
   * @param locals number of local entities
   */
  NodeMail(int[] localIndex, int locals) {
    this.localIndex = localIndex;
    this.inboxes = new Inbox[locals];
    for (int i = 0; i < locals; i++) {
      inboxes[i] = new Inbox();
    }
  }

  /** The local index of entity {@code id}, or -1 when another node hosts it. */
  int localOf(int id) {
    return localIndex[id];
  }

  Inbox inbox(int local) {
    return inboxes[local];
  }

  int size() {
    return inboxes.length;
  }
}
