package io.smpsim.sim.engine;

import java.util.Arrays;

/**
 * What one node knows of the time of the nodes it is linked to: every node's earliest possible
 * next event as of the last epoch they all exchanged, and from that how far this node may run
 * on its own. Every node of a component folds the same batches, so all agree on the same
 * numbers without anyone to decide for them.
 */
final class TimeAgreement {

  private final int self;
  private final int[] peers;
  /** Per node: the least time for anything there to reach this node ({@link RunLayout#reach}). */
  private final long[] reachHere;
  /** Per node: its earliest pending event as agreed (meaningful within the component). */
  private final long[] next;

  TimeAgreement(RunLayout layout, int self, int nodes) {
    this.self = self;
    this.peers = layout.peersOf(self);
    this.reachHere = new long[nodes];
    for (int r = 0; r < nodes; r++) {
      reachHere[r] = layout.reach(r, self);
    }
    this.next = new long[nodes];
    Arrays.fill(next, Long.MAX_VALUE);
  }

  /** The other nodes of this node's component, which it exchanges epochs with. */
  int[] peers() {
    return peers;
  }

  /** Whether this node talks to nobody (it then runs straight to every limit). */
  boolean alone() {
    return peers.length == 0;
  }

  /**
   * This node's own part of an epoch: its earliest pending event, and the earliest event it
   * sent each node during the epoch. Forgets the previous epoch's agreement.
   */
  void own(long localMin, long[] sentMin) {
    Arrays.fill(next, Long.MAX_VALUE);
    next[self] = localMin;
    fold(sentMin);
  }

  /** A peer's part of the same epoch. */
  void peer(int from, long localMin, long[] sentMin) {
    next[from] = Math.min(next[from], localMin);
    fold(sentMin);
  }

  /** Events injected from outside before the next limit, the earliest per node. */
  void injected(long[] injectedMin) {
    for (int n = 0; n < next.length; n++) {
      next[n] = Math.min(next[n], injectedMin[n]);
    }
  }

  /** What a node sent during the epoch is pending at its receivers now. */
  private void fold(long[] sent) {
    for (int n = 0; n < sent.length; n++) {
      if (sent[n] < next[n]) {
        next[n] = sent[n];
      }
    }
  }

  /**
   * The earliest time an event from a peer can still arrive here. Every node's next event is no
   * earlier than its agreed next time, and its effects take at least the shortest chain of
   * links to get here — this node's own included: what it sends a peer during the epoch may
   * come back, and it must not have run past that by then.
   */
  long horizon() {
    long h = reachFrom(self);
    for (int q : peers) {
      h = Math.min(h, reachFrom(q));
    }
    return h;
  }

  private long reachFrom(int node) {
    long t = next[node];
    long d = reachHere[node];
    if (t == Long.MAX_VALUE || d == RunLayout.NO_LINK) {
      return Long.MAX_VALUE;
    }
    long s = t + d;
    return s < t ? Long.MAX_VALUE : s;
  }

  /** Whether no node of the component has anything left before {@code limit}. */
  boolean done(long limit) {
    if (next[self] < limit) {
      return false;
    }
    for (int q : peers) {
      if (next[q] < limit) {
        return false;
      }
    }
    return true;
  }
}
