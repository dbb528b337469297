package io.smpsim.sim.engine;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.cluster.ConfigValidation;
import org.apache.pekko.cluster.Invalid;
import org.apache.pekko.cluster.JoinConfigCompatChecker;
import org.apache.pekko.cluster.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The handshake of a node joining an smpsim cluster, run by Pekko's join configuration check
 * (listed in cluster.conf): the node that handles the join compares the joining node's
 * {@code smpsim.handshake} (smpsim build version, Kryo wire fingerprint, pinned scenario hash)
 * with its own, and refuses the join on any difference, before the newcomer becomes a member or
 * exchanges a single simulation message. Scenario hashes are compared only when both nodes are
 * pinned to a scenario. See {@link Handshake} for how the values are set.
 */
public final class HandshakeChecker extends JoinConfigCompatChecker {

  private static final Logger LOG = LoggerFactory.getLogger(HandshakeChecker.class);

  @Override
  public scala.collection.immutable.Seq<String> requiredKeys() {
    return CollectionConverters.asScala(
        List.of(Handshake.VERSION_KEY, Handshake.WIRE_KEY, Handshake.SCENARIO_KEY)).toList();
  }

  @Override
  public ConfigValidation check(Config toCheck, Config actualConfig) {
    List<String> problems = new ArrayList<>();
    for (String key : List.of(Handshake.VERSION_KEY, Handshake.WIRE_KEY, Handshake.SCENARIO_KEY)) {
      if (!toCheck.hasPath(key)) {
        problems.add("the other node has no " + key + " (not an smpsim node of this version?)");
      }
    }
    if (problems.isEmpty()) {
      compare(problems, "smpsim version", toCheck.getString(Handshake.VERSION_KEY),
          actualConfig.getString(Handshake.VERSION_KEY));
      compare(problems, "wire format (Kryo registrations)",
          toCheck.getString(Handshake.WIRE_KEY), actualConfig.getString(Handshake.WIRE_KEY));
      String theirs = toCheck.getString(Handshake.SCENARIO_KEY);
      String ours = actualConfig.getString(Handshake.SCENARIO_KEY);
      if (!theirs.isEmpty() && !ours.isEmpty()) {
        compare(problems, "pinned scenario hash", theirs, ours);
      }
    }
    if (problems.isEmpty()) {
      return Valid.getInstance();
    }
    LOG.warn("smpsim: refusing a cluster join: {}", String.join("; ", problems));
    return new Invalid(CollectionConverters.asScala(problems).toList());
  }

  private static void compare(List<String> problems, String what, String theirs, String ours) {
    if (!theirs.equals(ours)) {
      problems.add(what + " differs: the other node has " + theirs + ", this node has " + ours);
    }
  }
}
