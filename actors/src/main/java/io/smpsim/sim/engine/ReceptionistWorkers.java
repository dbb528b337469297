package io.smpsim.sim.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The workers of a cluster of processes, as the receptionist lists their schedulers (reachable
 * ones only), ordered by address: host, then port.
 */
public final class ReceptionistWorkers implements RunClient.Workers {

  private final AtomicReference<List<RunClient.Worker>> known = new AtomicReference<>(List.of());

  /** Subscribes on {@code system} to the schedulers' registrations. */
  public ReceptionistWorkers(ActorSystem<?> system) {
    system.systemActorOf(Behaviors.<Receptionist.Listing>setup(ctx -> {
      ctx.getSystem().receptionist().tell(
          Receptionist.subscribe(NodeScheduler.SERVICE, ctx.getSelf()));
      return Behaviors.receiveMessage(listing -> {
        List<RunClient.Worker> workers = new ArrayList<>();
        for (ActorRef<NodeScheduler.Command> s
            : listing.getServiceInstances(NodeScheduler.SERVICE)) {
          workers.add(new RunClient.Worker(s.path().address().toString(), s));
        }
        workers.sort(Comparator.comparing(RunClient.Worker::address,
            ReceptionistWorkers::compareAddress));
        known.set(List.copyOf(workers));
        return Behaviors.same();
      });
    }), "run-client-workers-" + System.identityHashCode(this), Props.empty());
  }

  @Override
  public List<RunClient.Worker> await(int nodes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int wanted = Math.max(1, nodes);
    while (known.get().size() < wanted) {
      if (System.nanoTime() > deadline) {
        throw new RunAbortedException("the cluster lists " + known.get().size()
            + " worker(s) ready for runs; waited " + timeout.toSeconds() + " s for " + wanted,
            3, 0);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunAbortedException("interrupted while waiting for workers", 1, 0);
      }
    }
    List<RunClient.Worker> all = known.get();
    return nodes <= 0 ? all : all.subList(0, nodes);
  }

  /** Orders addresses by host, then numerically by port, so node order is stable. */
  static int compareAddress(String a, String b) {
    int pa = a.lastIndexOf(':');
    int pb = b.lastIndexOf(':');
    if (pa > 0 && pb > 0) {
      int c = a.substring(0, pa).compareTo(b.substring(0, pb));
      if (c != 0) {
        return c;
      }
      try {
        return Integer.compare(Integer.parseInt(a.substring(pa + 1)),
            Integer.parseInt(b.substring(pb + 1)));
      } catch (NumberFormatException e) {
        return a.compareTo(b);
      }
    }
    return a.compareTo(b);
  }
}
