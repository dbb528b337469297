package io.smpsim.sim.engine;

import io.smpsim.sim.Event;
import io.smpsim.sim.EventQueue;
import io.smpsim.sim.SimMessage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * The events sent to one entity by the entities of its own node, delivered by the senders
 * themselves while they step. A window's events used to travel as outboxes to the node
 * scheduler, which sorted them by destination on its single thread while the other cores
 * waited; now every sender delivers in parallel, and the scheduler only learns which entities'
 * earliest mail got earlier ({@link #deliver}'s answer).
 *
 * <p>Senders of one window may deliver while the entity itself steps and takes its mail, so the
 * inbox is a lock-free stack: a sender that the operating system pauses mid-delivery holds up
 * nobody (a lock here stalled whole windows on a loaded machine). The order of arrival does not
 * matter: the entity's {@link EventQueue} orders events by {@code (time, src, seq)}, and every
 * event delivered in a window is due at or after the window's end (its latency is at least the
 * lookahead), so a step never misses an event it is due.
 *
 * <p>The earliest time ({@link #min}) may err on the early side, never the late: a take first
 * forgets it and then takes the events, a delivery first pushes its event and then lowers it. An
 * early value only costs the entity a step with nothing due.
 */
final class Inbox {

  /** One delivered event. */
  private static final class Node {
    final long time;
    final int src;
    final long seq;
    final SimMessage payload;
    final Node next;

    Node(long time, int src, long seq, SimMessage payload, Node next) {
      this.time = time;
      this.src = src;
      this.seq = seq;
      this.payload = payload;
      this.next = next;
    }
  }

  private static final VarHandle HEAD;
  private static final VarHandle MIN;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      HEAD = l.findVarHandle(Inbox.class, "head", Node.class);
      MIN = l.findVarHandle(Inbox.class, "min", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile Node head;
  private volatile long min = Long.MAX_VALUE;

  /**
   * Adds an event; safe from any thread, alongside other deliveries and a take.
   *
   * @return whether it lowered the inbox's earliest time (the scheduler must re-key the entity)
   */
  boolean deliver(long time, int src, long seq, SimMessage payload) {
    Node h;
    do {
      h = head;
    } while (!HEAD.compareAndSet(this, h, new Node(time, src, seq, payload, h)));
    long m;
    do {
      m = min;
      if (time >= m) {
        return false;
      }
    } while (!MIN.compareAndSet(this, m, time));
    return true;
  }

  /** The earliest time delivered and not taken (or earlier), or {@link Long#MAX_VALUE}. */
  long min() {
    return min;
  }

  /**
   * Moves every event into {@code queue}; only the inbox's own entity takes.
   *
   * @return the earliest time moved, or {@link Long#MAX_VALUE} when there was none
   */
  long drainInto(EventQueue queue) {
    if (head == null && min == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    // Forget the earliest time before taking: a delivery that lands after the take lowers it
    // again, and one taken here may leave it too early, which is harmless.
    min = Long.MAX_VALUE;
    Node n = (Node) HEAD.getAndSet(this, (Node) null);
    long earliest = Long.MAX_VALUE;
    for (; n != null; n = n.next) {
      queue.add(n.time, n.src, n.seq, n.payload);
      if (n.time < earliest) {
        earliest = n.time;
      }
    }
    return earliest;
  }

  /** Adds every event, as destined to {@code owner}, to {@code into} (for a checkpoint). */
  void copyInto(List<Event> into, int owner) {
    for (Node n = head; n != null; n = n.next) {
      into.add(new Event(n.time, n.src, n.seq, owner, n.payload));
    }
  }
}
