package io.smpsim.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scheduler's entity heap against a plain array model, through every path it has. */
class EntityHeapTest {

  @Test
  void agreesWithAModelThroughSetsAppendsPopsAndDrains() {
    int n = 500;
    Random r = new Random(11);
    for (int round = 0; round < 200; round++) {
      EntityHeap heap = new EntityHeap(n);
      long[] model = new long[n];
      Arrays.fill(model, Long.MAX_VALUE);
      for (int op = 0; op < 400; op++) {
        int e = r.nextInt(n);
        switch (r.nextInt(5)) {
          case 0, 1 -> {
            long k = r.nextInt(1000);
            heap.set(e, k);
            model[e] = k;
          }
          case 2 -> {
            // A window's answers: a batch of appends, some for entities still in the heap
            // (a new key, or none left), before anything reads the heap.
            for (int b = r.nextInt(40); b >= 0; b--) {
              int a = r.nextInt(n);
              long k = r.nextInt(8) == 0 ? Long.MAX_VALUE : r.nextInt(1000);
              heap.append(a, k);
              model[a] = k;
            }
          }
          case 3 -> {
            heap.remove(e);
            model[e] = Long.MAX_VALUE;
          }
          default -> {
            long bound = r.nextInt(400);
            List<Integer> got = new ArrayList<>();
            heap.drainBelow(bound, got::add);
            List<Integer> want = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              if (model[i] < bound) {
                want.add(i);
                model[i] = Long.MAX_VALUE;
              }
            }
            got.sort(null);
            assertEquals(want, got);
          }
        }
        assertEquals(Arrays.stream(model).min().getAsLong(), heap.minKey());
      }
    }
  }

  @Test
  void aLargeDrainAfterManyAppendsTakesExactlyTheDueEntities() {
    EntityHeap heap = new EntityHeap(10_000);
    for (int e = 0; e < 10_000; e++) {
      heap.append(e, 1000 + (e * 7919L) % 5000);
    }
    List<Integer> got = new ArrayList<>();
    heap.drainBelow(2000, got::add);
    long due = java.util.stream.IntStream.range(0, 10_000)
        .filter(e -> 1000 + (e * 7919L) % 5000 < 2000).count();
    assertEquals(due, got.size());
    assertEquals(2000, heap.minKey());
  }
}
