package io.smpsim.kernel.net.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * The active-class structure of sch_htb.c, so a dequeue touches only classes that can send and
 * allocates nothing: per level and priority a row of the classes that may send at their own
 * rate and have a backlogged leaf below them; in each inner class per priority a feed of the
 * children that borrow from it; and the wait queue of classes whose mode will improve. A class
 * moves between them when its mode changes ({@code htb_change_class_mode()}), a leaf joins when
 * its queue fills ({@code htb_activate()}) and leaves when it empties ({@code
 * htb_deactivate()}).
 *
 * <p>Modes are cached in {@link HtbClass#cmode} and follow the buckets: after {@link
 * #doEvents} at time t every class's cached mode is its mode at t, because a mode only improves
 * with time and the wait queue holds the time of each class's next improvement.
 */
final class HtbRows {

  static final int MAXDEPTH = 8;
  static final int NUMPRIO = 8;

  /** hlevel[level].hprio[prio].row, made when first used. */
  private final HtbIdSet[][] row = new HtbIdSet[MAXDEPTH][NUMPRIO];
  /** q->row_mask[level]: bit prio set while that row holds a class. */
  private final int[] rowMask = new int[MAXDEPTH];
  /** hlevel[level].wait_pq, one queue for every level. */
  private final HtbWaitQueue waitPq;
  /** The classes by wait-queue slot. */
  private final HtbClass[] bySlot;
  /** The classes by minor, 4,096 to a chunk made when first used. */
  private final HtbClass[][] byMinor = new HtbClass[16][];
  /** The major number every class of this htb shares, shifted into place. */
  private final int major;
  /** The classes passed over by the dequeue under way, put back when it ends. */
  private final List<HtbClass> skipped = new ArrayList<>();

  /**
   * Builds the structure for the classes of the htb with handle {@code handle} from their
   * buckets at {@code now} and their leaves' queues.
   */
  HtbRows(List<HtbClass> classes, int handle, long now) {
    this.major = handle & 0xFFFF0000;
    this.waitPq = new HtbWaitQueue(classes.size());
    this.bySlot = classes.toArray(new HtbClass[0]);
    for (int i = 0; i < bySlot.length; i++) {
      HtbClass c = bySlot[i];
      c.unlink(i);
      int minor = c.classid & 0xFFFF;
      if (byMinor[minor >>> 12] == null) {
        byMinor[minor >>> 12] = new HtbClass[4096];
      }
      byMinor[minor >>> 12][minor & 4095] = c;
    }
    for (HtbClass c : bySlot) {
      c.cmode = c.modeAt(now);
      if (c.cmode != HtbClass.CAN_SEND) {
        waitPq.put(c.slot, c.nextEventAt(now));
      }
    }
    for (HtbClass c : bySlot) {
      sync(c);
    }
  }

  /** Whether row {@code level}/{@code prio} holds a class. */
  boolean rowActive(int level, int prio) {
    return (rowMask[level] & (1 << prio)) != 0;
  }

  /** The prios of level {@code level} whose rows hold a class, as a bit mask. */
  int rowMask(int level) {
    return rowMask[level];
  }

  /**
   * htb_lookup_leaf(): the row's class at or after the row's round-robin pointer, then down
   * through the feeds, each at or after its own pointer, to a leaf.
   */
  HtbClass lookupLeaf(int level, int prio, int rowPtr) {
    HtbClass node = atOrAfter(row[level][prio], rowPtr);
    while (node.level > 0) {
      node = atOrAfter(node.feed[prio], node.feedPtr[prio]);
    }
    return node;
  }

  /**
   * The round-robin pick: the member whose classid is the first at or after {@code ptr}
   * (unsigned), wrapping to the first member.
   */
  private HtbClass atOrAfter(HtbIdSet set, int ptr) {
    int minor = -1;
    if (Integer.compareUnsigned(ptr, major) <= 0) {
      minor = set.atOrAfter(0);
    } else if ((ptr & 0xFFFF0000) == major) {
      minor = set.atOrAfter(ptr & 0xFFFF);
    }
    if (minor < 0) {
      minor = set.atOrAfter(0);
    }
    return byMinor[minor >>> 12][minor & 4095];
  }

  /**
   * Makes a leaf's place match its queue: active with packets (htb_activate()), inactive when
   * empty or passed over (htb_deactivate()). Inner classes are kept by their children.
   */
  void sync(HtbClass c) {
    if (c.level != 0) {
      return;
    }
    if (c.active()) {
      if (c.prioActivity == 0) {
        c.prioActivity = 1 << c.prio;
        activatePrios(c);
      }
    } else if (c.prioActivity != 0) {
      deactivatePrios(c);
      c.prioActivity = 0;
    }
  }

  /** A leaf had nothing to give this dequeue: it is out of the rows until {@link #endDequeue}. */
  void skip(HtbClass leaf) {
    leaf.skipped = true;
    skipped.add(leaf);
    sync(leaf);
  }

  /** The dequeue is over: the leaves passed over are back, if they still hold packets. */
  void endDequeue() {
    for (int i = 0; i < skipped.size(); i++) {
      HtbClass c = skipped.get(i);
      c.skipped = false;
      sync(c);
    }
    skipped.clear();
  }

  /** htb_do_events(): every class whose mode improved by {@code now} takes its new mode. */
  void doEvents(long now) {
    while (!waitPq.isEmpty() && waitPq.earliest() <= now) {
      HtbClass c = bySlot[waitPq.poll()];
      int mode = c.modeAt(now);
      changeMode(c, mode);
      if (mode != HtbClass.CAN_SEND) {
        waitPq.put(c.slot, c.nextEventAt(now));
      }
    }
  }

  /** The earliest wait-queue event: when some class's mode improves, or MAX. */
  long nextEvent() {
    return waitPq.earliest();
  }

  /**
   * htb_charge_class(): charge the leaf and its ancestors for {@code bytes} sent at {@code now},
   * the lender at {@code level} and those above it from their rate bucket, the borrowers below
   * from nothing; every class's ceil bucket pays. Each class then takes its new mode and its
   * place in the wait queue. Returns how many classes dropped to CANT_SEND (overlimits).
   */
  int charge(HtbClass cl, int level, int bytes, long now) {
    int overlimits = 0;
    while (cl != null) {
      long diff = Math.min(now - cl.tC, cl.mbuffer);
      int oldMode = cl.modeAt(now);
      if (cl.level >= level) {
        if (cl.level == level) {
          cl.lends++;
        }
        long toks = Math.min(diff + cl.tokens, cl.buffer) - cl.rate.l2tNs(bytes);
        cl.tokens = toks <= -cl.mbuffer ? 1 - cl.mbuffer : toks;
      } else {
        cl.borrows++;
        cl.tokens += diff;
      }
      long ctoks = Math.min(diff + cl.ctokens, cl.cbuffer) - cl.ceil.l2tNs(bytes);
      cl.ctokens = ctoks <= -cl.mbuffer ? 1 - cl.mbuffer : ctoks;
      cl.tC = now;
      int newMode = cl.modeAt(now);
      if (newMode != oldMode && newMode == HtbClass.CANT_SEND) {
        cl.overlimits++;
        overlimits++;
      }
      changeMode(cl, newMode);
      if (newMode != HtbClass.CAN_SEND) {
        waitPq.put(cl.slot, cl.nextEventAt(now));
      } else {
        waitPq.remove(cl.slot);
      }
      if (cl.level != 0) {
        cl.bytes += bytes;
        cl.packets++;
      }
      cl = cl.parent;
    }
    return overlimits;
  }

  /** htb_change_class_mode(): leave the old row or feed, take the mode, join the new one. */
  private void changeMode(HtbClass c, int mode) {
    if (mode == c.cmode) {
      return;
    }
    if (c.prioActivity != 0) {
      if (c.cmode != HtbClass.CANT_SEND) {
        deactivatePrios(c);
      }
      c.cmode = mode;
      if (mode != HtbClass.CANT_SEND) {
        activatePrios(c);
      }
    } else {
      c.cmode = mode;
    }
  }

  /**
   * htb_activate_prios(): a borrowing class joins its parent's feeds; a parent whose feed was
   * empty gains that prio and goes on up; a class that can send joins its level's rows.
   */
  private void activatePrios(HtbClass cl) {
    HtbClass p = cl.parent;
    int mask = cl.prioActivity;
    while (cl.cmode == HtbClass.MAY_BORROW && p != null && mask != 0) {
      int m = mask;
      while (m != 0) {
        int prio = Integer.numberOfTrailingZeros(m);
        m &= m - 1;
        HtbIdSet feed = p.feed[prio];
        if (feed == null) {
          feed = new HtbIdSet();
          p.feed[prio] = feed;
        } else if (!feed.isEmpty()) {
          // The parent already feeds on this prio: it is in place for it.
          mask &= ~(1 << prio);
        }
        feed.add(cl.classid & 0xFFFF);
      }
      p.prioActivity |= mask;
      cl = p;
      p = cl.parent;
    }
    if (cl.cmode == HtbClass.CAN_SEND && mask != 0) {
      addToRow(cl, mask);
    }
  }

  /** htb_deactivate_prios(): the reverse, removing what became empty on the way up. */
  private void deactivatePrios(HtbClass cl) {
    HtbClass p = cl.parent;
    int mask = cl.prioActivity;
    while (cl.cmode == HtbClass.MAY_BORROW && p != null && mask != 0) {
      int m = mask;
      mask = 0;
      while (m != 0) {
        int prio = Integer.numberOfTrailingZeros(m);
        m &= m - 1;
        HtbIdSet feed = p.feed[prio];
        feed.remove(cl.classid & 0xFFFF);
        if (feed.isEmpty()) {
          mask |= 1 << prio;
        }
      }
      p.prioActivity &= ~mask;
      cl = p;
      p = cl.parent;
    }
    if (cl.cmode == HtbClass.CAN_SEND && mask != 0) {
      removeFromRow(cl, mask);
    }
  }

  /** htb_add_class_to_row(). */
  private void addToRow(HtbClass cl, int mask) {
    while (mask != 0) {
      int prio = Integer.numberOfTrailingZeros(mask);
      mask &= mask - 1;
      if (row[cl.level][prio] == null) {
        row[cl.level][prio] = new HtbIdSet();
      }
      row[cl.level][prio].add(cl.classid & 0xFFFF);
      rowMask[cl.level] |= 1 << prio;
    }
  }

  /** htb_remove_class_from_row(). */
  private void removeFromRow(HtbClass cl, int mask) {
    while (mask != 0) {
      int prio = Integer.numberOfTrailingZeros(mask);
      mask &= mask - 1;
      row[cl.level][prio].remove(cl.classid & 0xFFFF);
      if (row[cl.level][prio].isEmpty()) {
        rowMask[cl.level] &= ~(1 << prio);
      }
    }
  }
}
