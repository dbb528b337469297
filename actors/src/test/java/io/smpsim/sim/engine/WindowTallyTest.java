package io.smpsim.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A window's answers left in the tally by entities on several threads at once: the scheduler is
 * told once that the window is answered and by no other message, every answer is taken in exactly
 * once, with the values its entity wrote, by the entities on the scheduler's behalf while its
 * state is free (a bounded batch at a time), and never while the scheduler holds it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowTallyTest {

  private final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void everyAnswerIsTakenInOnceAndTheLastFinisherSaysSo() throws InterruptedException {
    TestProbe<NodeScheduler.Command> scheduler = kit.createTestProbe();
    int entities = 5 * WindowTally.HELP + 20;
    ReentrantLock state = new ReentrantLock();
    // What the scheduler's absorbFinished does with each answer, here: check and count it.
    BitSet seen = new BitSet(entities);
    int[] round = new int[1];
    AtomicInteger takenByHelpers = new AtomicInteger();
    WindowTally[] holder = new WindowTally[1];
    IntConsumer takeIn = max -> {
      assertTrue(state.isHeldByCurrentThread(), "taken in without the scheduler's lock");
      boolean helper = Thread.currentThread().getName().startsWith("entity-");
      if (helper) {
        // A helper holds the scheduler's lock for a bounded batch only.
        assertEquals(WindowTally.HELP_BATCH, max);
      }
      WindowTally t = holder[0];
      int n = 0;
      for (int k; n < max && (k = t.nextFinished()) >= 0; n++) {
        assertTrue(!seen.get(k), "answer read twice: " + k);
        seen.set(k);
        assertEquals(10L * k + round[0], t.answerOf(k).nextTime, "this window's answer");
        assertEquals(k * 31L, t.answerOf(k).hash);
        assertEquals(k % 9, t.answerOf(k).processed);
        if (helper) {
          takenByHelpers.incrementAndGet();
        }
      }
    };
    WindowTally tally = new WindowTally(7, scheduler.getRef(), entities, state, takeIn);
    holder[0] = tally;
    StepAnswer[] own = new StepAnswer[entities];
    for (int e = 0; e < entities; e++) {
      own[e] = new StepAnswer();
    }
    for (int window = 0; window < 4; window++) {
      int n = 5 * WindowTally.HELP + 17 + window;
      // Windows 1 and 3: the scheduler is busy (holds its state) the whole time.
      boolean schedulerBusy = window % 2 == 1;
      round[0] = window;
      seen.clear();
      takenByHelpers.set(0);
      tally.open(n);
      if (schedulerBusy) {
        state.lock();
      }
      answerFromThreads(tally, own, n, window);
      if (schedulerBusy) {
        assertEquals(0, takenByHelpers.get(),
            "a helper took answers in while the scheduler held its state");
        state.unlock();
      } else {
        // The first helper to try finds the state free, or another helper holding it.
        assertTrue(takenByHelpers.get() > 0, "no answer was taken in by the entities");
      }
      List<NodeScheduler.Command> told = drain(scheduler);
      assertEquals(1, told.size(), told.toString());
      assertEquals(7, ((NodeScheduler.WindowDone) told.get(0)).runId());
      // The scheduler, told the window is answered, takes in what is left.
      state.lock();
      try {
        takeIn.accept(Integer.MAX_VALUE);
      } finally {
        state.unlock();
      }
      assertEquals(n, seen.cardinality());
      assertTrue(tally.allRead());
      tally.clear();
      assertEquals(-1, tally.nextFinished());
    }
  }

  private static void answerFromThreads(WindowTally tally, StepAnswer[] own, int n, int round)
      throws InterruptedException {
    int threads = 4;
    CountDownLatch go = new CountDownLatch(1);
    Thread[] workers = new Thread[threads];
    for (int w = 0; w < threads; w++) {
      int first = w;
      workers[w] = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        // Each entity answers into its own object, which the scheduler reads after it.
        for (int e = first; e < n; e += threads) {
          own[e].set(Outbox.EMPTY, 10L * e + round, e * 31L, e % 9, List.of());
          tally.answer(e, own[e]);
        }
      }, "entity-" + w);
      workers[w].start();
    }
    go.countDown();
    for (Thread t : workers) {
      t.join();
    }
  }

  private static List<NodeScheduler.Command> drain(TestProbe<NodeScheduler.Command> probe) {
    List<NodeScheduler.Command> got = new ArrayList<>();
    while (true) {
      try {
        got.add(probe.receiveMessage(Duration.ofMillis(300)));
      } catch (AssertionError timeout) {
        return got;
      }
    }
  }
}
