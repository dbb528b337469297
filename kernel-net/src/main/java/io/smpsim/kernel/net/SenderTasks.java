package io.smpsim.kernel.net;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The traffic senders as tasks on the machine's CPUs: a sender woken on a CPU waits there until
 * that CPU runs it ({@code NetCpuMail.SenderWake}, answered by {@code Netns.SenderRan}), and a
 * sender whose CPU is offline waits for the CPU to come back, as a task bound to its CPU does.
 */
final class SenderTasks {

  /** The CPUs online, as cpuhp told. */
  private final BitSet online = new BitSet();
  /** Flows whose task was woken on a CPU and has not run yet, with that CPU. */
  private final TreeMap<Integer, Integer> wokenOn = new TreeMap<>();
  /** Flows waiting for their offline CPU, by CPU, in the order they parked. */
  private final TreeMap<Integer, List<Integer>> parkedOn = new TreeMap<>();

  /**
   * Wakes {@code flow}'s task on {@code cpu}: whether the CPU is online to run it (else the
   * flow waits for the CPU to come back).
   */
  boolean wake(int cpu, int flow) {
    if (!online.get(cpu)) {
      parkedOn.computeIfAbsent(cpu, c -> new ArrayList<>()).add(flow);
      return false;
    }
    wokenOn.put(flow, cpu);
    return true;
  }

  /**
   * {@code flow}'s task leaves its CPU's queue (it runs, or the CPU hands it back): the CPU it
   * was woken on, or null if it was not waiting.
   */
  Integer take(int flow) {
    return wokenOn.remove(flow);
  }

  /** {@code cpu} came online: the flows that waited for it, in the order they parked. */
  List<Integer> online(int cpu) {
    online.set(cpu);
    List<Integer> waiting = parkedOn.remove(cpu);
    return waiting == null ? List.of() : waiting;
  }

  /** {@code cpu} went offline: the senders woken on it wait until it is back. */
  void offline(int cpu) {
    online.clear(cpu);
    List<Integer> woken = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : wokenOn.entrySet()) {
      if (e.getValue() == cpu) {
        woken.add(e.getKey());
      }
    }
    for (int flow : woken) {
      wokenOn.remove(flow);
      parkedOn.computeIfAbsent(cpu, c -> new ArrayList<>()).add(flow);
    }
  }
}
