package io.smpsim.sim.engine;

import io.smpsim.sim.Event;
import java.util.Arrays;
import java.util.List;

/**
 * Sorts a window's events for a node's local entities by destination, so each entity gets its
 * mail as one contiguous slice of an array. A counting sort over two sequential passes replaces
 * appending every event to a per-entity list, which thrashes caches on large worlds. Only the
 * entities that got mail are touched, so sparse windows stay cheap on huge worlds.
 *
 * <p>Two arrays alternate: the slices handed out for one window stay untouched while the next
 * window's mail is sorted into the other array.
 */
final class Mailroom {

  private final int[] count;
  private final int[] start;
  private Event[] incoming = new Event[1024];
  private int[] incomingLocal = new int[1024];
  private long[] incomingTime = new long[1024];
  private int incomingCount;
  private Event[] mail = new Event[1024];
  private Event[] spare = new Event[1024];
  private int[] withMail = new int[64];
  private int withMailCount;
  private int mailSize;
  private long mailMin = Long.MAX_VALUE;
  /** Whether the current mail has been handed out in Steps (and must not be handed out again). */
  private boolean handedOut = true;

  /**
   * @param locals number of local entities
   */
  Mailroom(int locals) {
    this.count = new int[locals];
    this.start = new int[locals];
  }

  /** Queues an event for a local entity; it is sorted in by the next {@link #sort()}. */
  void add(Event e, int local, long time) {
    if (incomingCount == incoming.length) {
      int c = incomingCount * 2;
      incoming = Arrays.copyOf(incoming, c);
      incomingLocal = Arrays.copyOf(incomingLocal, c);
      incomingTime = Arrays.copyOf(incomingTime, c);
    }
    incoming[incomingCount] = e;
    incomingLocal[incomingCount] = local;
    incomingTime[incomingCount] = time;
    incomingCount++;
  }

  /** Queues back the sorted mail not yet handed out, so a re-sort keeps it. */
  void requeueMail() {
    if (handedOut) {
      return;
    }
    for (int i = 0; i < withMailCount; i++) {
      int e = withMail[i];
      for (int j = start[e], end = start[e] + count[e]; j < end; j++) {
        add(mail[j], e, mail[j].time());
      }
    }
  }

  /** Sorts the queued events into per-entity slices, replacing the previous mail. */
  void sort() {
    for (int i = 0; i < withMailCount; i++) {
      count[withMail[i]] = 0;
    }
    withMailCount = 0;
    long min = Long.MAX_VALUE;
    for (int i = 0; i < incomingCount; i++) {
      int e = incomingLocal[i];
      if (count[e]++ == 0) {
        if (withMailCount == withMail.length) {
          withMail = Arrays.copyOf(withMail, withMailCount * 2);
        }
        withMail[withMailCount++] = e;
      }
      long t = incomingTime[i];
      if (t < min) {
        min = t;
      }
    }
    int pos = 0;
    for (int i = 0; i < withMailCount; i++) {
      int e = withMail[i];
      start[e] = pos;
      pos += count[e];
    }
    if (spare.length < incomingCount) {
      spare = new Event[Math.max(incomingCount, spare.length * 2)];
    }
    for (int i = 0; i < incomingCount; i++) {
      int e = incomingLocal[i];
      spare[start[e] + --count[e]] = incoming[i];
      incoming[i] = null;
    }
    // The scatter counted down; restore the counts for the slices.
    for (int i = 0; i < withMailCount; i++) {
      int e = withMail[i];
      int next = i + 1 < withMailCount ? start[withMail[i + 1]] : pos;
      count[e] = next - start[e];
    }
    // The replaced mail's slices were read by the Steps of a finished window: drop them.
    Event[] t = mail;
    mail = spare;
    spare = t;
    Arrays.fill(spare, 0, mailSize, null);
    mailSize = pos;
    incomingCount = 0;
    mailMin = min;
    handedOut = false;
  }

  /** Number of local entities with mail not yet handed out. */
  int entitiesWithMail() {
    return handedOut ? 0 : withMailCount;
  }

  /** The local index of the {@code i}-th entity with mail. */
  int entityWithMail(int i) {
    return withMail[i];
  }

  /** The sorted mail array the slices refer to. */
  Event[] mail() {
    return mail;
  }

  int from(int e) {
    return start[e];
  }

  int to(int e) {
    return start[e] + count[e];
  }

  /** The mail of local entity {@code e} not yet handed out, for a checkpoint. */
  List<Event> mailOf(int e) {
    if (handedOut || count[e] == 0) {
      return List.of();
    }
    return List.of(Arrays.copyOfRange(mail, start[e], start[e] + count[e]));
  }

  /** The earliest time in the mail, or {@link Long#MAX_VALUE}. */
  long mailMin() {
    return handedOut || withMailCount == 0 ? Long.MAX_VALUE : mailMin;
  }

  /** The mail has been handed out in Steps. */
  void handedOut() {
    handedOut = true;
  }
}
