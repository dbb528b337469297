package io.smpsim.sim.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.Lock;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where the entities stepped in one window leave their answers for their node scheduler: each
 * writes its own {@link StepAnswer} and then its local index into the list of finished ones, and
 * the last one tells the scheduler the window is answered ({@link NodeScheduler.WindowDone}). A
 * busy window steps every entity of the node, and one answer message per entity made the
 * scheduler's mailbox the run's bottleneck: ten thousand entities cost ten thousand enqueues and
 * dispatches on one thread per window.
 *
 * <p>Every {@link #HELP}th finisher also takes in the answers published so far on the
 * scheduler's behalf, when the scheduler's state is free (its lock, which the scheduler holds
 * while it handles any message): a message asking the scheduler to do it waited behind the
 * window's queued steps on the dispatcher, so most answers were read only after the last step,
 * on one thread while the other cores idled (a quarter of a busy window's wall time).
 *
 * <p>The scheduler and its entities always share a JVM (it creates them). An answer is
 * published by a volatile write after its fields, so the scheduler, reading the list in order,
 * sees an entity's answer once it sees its index; the count of published answers tells the last
 * finisher who it is. One tally serves a node's windows in turn: the scheduler opens it for
 * the next window only after the last one's answers are read.
 */
final class WindowTally {

  private final long runId;
  private final ActorRef<NodeScheduler.Command> scheduler;
  /** The scheduler's state; held by whoever takes answers in. */
  private final Lock schedulerState;
  /**
   * Takes in at most the given number of the answers published so far (the scheduler's code),
   * under {@link #schedulerState}.
   */
  private final IntConsumer takeIn;
  /** Finished answers between two attempts to take answers in on the scheduler's behalf. */
  static final int HELP = 64;
  /**
   * The most answers one attempt takes in: the scheduler (or, in a JVM with several nodes,
   * another node's work on the same thread) waits at most that long for the lock.
   */
  static final int HELP_BATCH = 4 * HELP;

  /** Claims a place in {@link #finished}. */
  private final AtomicInteger claimed = new AtomicInteger();
  /** Counts the places written. */
  private final AtomicInteger published = new AtomicInteger();
  /** Local index + 1 of the entities in the order they answered; 0 for a place not written yet. */
  private AtomicIntegerArray finished = new AtomicIntegerArray(0);
  /** How many places of {@link #finished} the scheduler has read. */
  private int read;
  /** Each local entity's answer object, learnt from its first answer. */
  private final StepAnswer[] answers;
  private int size;

  /**
   * @param entities the number of the node's entities
   * @param schedulerState the lock the scheduler holds while it handles a message
   * @param takeIn reads at most the given number of published answers into the scheduler's
   *     state; run only under {@code schedulerState}
   */
  WindowTally(long runId, ActorRef<NodeScheduler.Command> scheduler, int entities,
      Lock schedulerState, IntConsumer takeIn) {
    this.runId = runId;
    this.scheduler = scheduler;
    this.answers = new StepAnswer[entities];
    this.schedulerState = schedulerState;
    this.takeIn = takeIn;
  }

  /** Makes room for {@code n} answers; the window's steps are sent after this. */
  void open(int n) {
    if (finished.length() < n) {
      finished = new AtomicIntegerArray(Math.max(n, finished.length() * 2));
    }
    size = n;
    read = 0;
    claimed.set(0);
    published.set(0);
  }

  /**
   * The answer of local entity {@code local}, written into {@code answer} (the entity's own, the
   * same every step); called on that entity's thread.
   */
  void answer(int local, StepAnswer answer) {
    // Read before publishing: once this answer is counted, the window may end and the next one
    // reopen the tally with another size, and a count compared with that size could end the
    // next window for nothing.
    int total = size;
    if (answers[local] != answer) {
      // Only an entity's first answer writes here: the array's lines stay shared afterwards.
      answers[local] = answer;
    }
    int place = claimed.getAndIncrement();
    finished.set(place, local + 1);
    if (published.incrementAndGet() == total) {
      scheduler.tell(new NodeScheduler.WindowDone(runId));
    } else if ((place + 1) % HELP == 0 && schedulerState.tryLock()) {
      // Never waits: a busy scheduler (or another helper) takes them in itself.
      try {
        takeIn.accept(HELP_BATCH);
      } finally {
        schedulerState.unlock();
      }
    }
  }

  /**
   * The local index of the next entity whose answer is not read yet, or -1 when the next one is
   * not published yet (or all are read). Only under the scheduler's state lock.
   */
  int nextFinished() {
    if (read >= size) {
      return -1;
    }
    int s = finished.get(read);
    if (s == 0) {
      return -1;
    }
    read++;
    return s - 1;
  }

  int size() {
    return size;
  }

  /** Whether every answer of the window has been read. */
  boolean allRead() {
    return read == size;
  }

  /** The answer of local entity {@code local}, once {@link #nextFinished} has named it. */
  StepAnswer answerOf(int local) {
    return answers[local];
  }

  /** Forgets the window's answers, ready for the next window. */
  void clear() {
    for (int i = 0; i < size; i++) {
      finished.lazySet(i, 0);
    }
    // A helper that got the lock after this finds nothing to read.
    size = 0;
    read = 0;
  }
}
