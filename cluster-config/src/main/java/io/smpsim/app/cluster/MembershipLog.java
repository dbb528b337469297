package io.smpsim.app.cluster;

import java.io.PrintStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * A worker's account of the cluster's membership on stderr: who became unreachable, reachable
 * again, or was removed (left, or downed by the split-brain resolver), so an operator sees a
 * lost worker go without reading Pekko's logs.
 */
public final class MembershipLog {

  private MembershipLog() {}

  /** Prints membership changes seen by {@code system} to {@code err}. */
  public static void start(ActorSystem<?> system, PrintStream err) {
    system.systemActorOf(Behaviors.<ClusterEvent.ClusterDomainEvent>setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      for (Class<? extends ClusterEvent.ClusterDomainEvent> c : java.util.List.of(
          ClusterEvent.UnreachableMember.class, ClusterEvent.ReachableMember.class,
          ClusterEvent.MemberRemoved.class)) {
        cluster.subscriptions().tell(Subscribe.create(ctx.getSelf().narrow(), c));
      }
      return Behaviors.receiveMessage(e -> {
        if (e instanceof ClusterEvent.UnreachableMember u) {
          err.println("smpsim: cluster member " + u.member().address() + " is unreachable");
        } else if (e instanceof ClusterEvent.ReachableMember r) {
          err.println("smpsim: cluster member " + r.member().address() + " is reachable again");
        } else if (e instanceof ClusterEvent.MemberRemoved m) {
          err.println("smpsim: cluster member " + m.member().address() + " removed (was "
              + m.previousStatus().toString().toLowerCase() + ")");
        }
        err.flush();
        return Behaviors.same();
      });
    }), "membership-log", Props.empty());
  }
}
