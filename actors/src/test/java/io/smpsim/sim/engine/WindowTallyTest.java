package io.smpsim.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A window's answers left in the tally by entities on several threads at once: the scheduler is
 * told once that the window is answered, nudged while answers pile up, and reads every answer
 * exactly once, with the values its entity wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowTallyTest {

  private final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void everyAnswerIsReadOnceAndTheLastFinisherSaysSo() throws InterruptedException {
    TestProbe<NodeScheduler.Command> scheduler = kit.createTestProbe();
    int entities = 5 * WindowTally.NUDGE + 20;
    WindowTally tally = new WindowTally(7, scheduler.getRef(), entities);
    StepAnswer[] own = new StepAnswer[entities];
    for (int e = 0; e < entities; e++) {
      own[e] = new StepAnswer();
    }
    for (int window = 0; window < 3; window++) {
      int n = 5 * WindowTally.NUDGE + 17 + window;
      int round = window;
      tally.open(n);
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
        });
        workers[w].start();
      }
      go.countDown();
      for (Thread t : workers) {
        t.join();
      }
      // Every message was sent before the threads ended; they come in any order.
      int nudges = 0;
      int dones = 0;
      for (NodeScheduler.Command c : drain(scheduler)) {
        if (c instanceof NodeScheduler.WindowDone d) {
          assertEquals(7, d.runId());
          dones++;
        } else {
          assertTrue(c instanceof NodeScheduler.AnswersReady, c.toString());
          nudges++;
        }
      }
      assertEquals(1, dones);
      // One nudge per NUDGE finishers, unless the one due to send it was the last to publish.
      assertTrue(nudges == n / WindowTally.NUDGE || nudges == n / WindowTally.NUDGE - 1,
          "nudges: " + nudges);
      BitSet seen = new BitSet(n);
      for (int k = tally.nextFinished(); k >= 0; k = tally.nextFinished()) {
        assertTrue(!seen.get(k), "answer read twice: " + k);
        seen.set(k);
        assertEquals(10L * k + round, tally.answerOf(k).nextTime, "this window's answer");
        assertEquals(k * 31L, tally.answerOf(k).hash);
        assertEquals(k % 9, tally.answerOf(k).processed);
      }
      assertEquals(n, seen.cardinality());
      assertTrue(tally.allRead());
      tally.clear();
      // A nudge that comes after the window's WindowDone finds nothing to read.
      assertEquals(-1, tally.nextFinished());
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
