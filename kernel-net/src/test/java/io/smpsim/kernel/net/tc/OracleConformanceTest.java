package io.smpsim.kernel.net.tc;

import com.fasterxml.jackson.databind.JsonNode;
import io.smpsim.kernel.net.NetCommandResult;
import io.smpsim.kernel.net.dev.NetDevice;
import io.smpsim.kernel.net.dev.NetNamespace;
import java.io.IOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every recorded case of the tc oracle (src/test/resources/oracle/tc) against the
 * simulated network stack alone ({@link OracleReplay}), each case on a fresh stack; a device's
 * link state is compared field by field on the model.
 */
class OracleConformanceTest {

  private final OracleReplay replay = new OracleReplay(ModelMachine::new, () -> { });

  @TestFactory
  Stream<DynamicTest> oracleCases() throws IOException, URISyntaxException {
    return replay.casesIn("oracle/tc/cases", "tc oracle conformance");
  }

  /**
   * Further cases recorded with the oracle's record.py on the same kernel and iproute2 as the
   * public corpus, covering the README's behaviours the public cases do not exercise.
   */
  @TestFactory
  Stream<DynamicTest> locallyRecordedCases() throws IOException, URISyntaxException {
    return replay.casesIn("oracle/tc/local-cases", "tc locally recorded conformance");
  }

  /**
   * The siblings of the public cases, one or more per area, recorded with record.py on the
   * recording kernel (more-cases/README.md).
   */
  @TestFactory
  Stream<DynamicTest> moreRecordedCases() throws IOException, URISyntaxException {
    return replay.casesIn("oracle/tc/more-cases", "tc more recorded conformance");
  }

  /** A fresh {@link SimulatedNetRunner}: the network model with a simulated clock. */
  private static final class ModelMachine implements OracleReplay.Machine {
    private final SimulatedNetRunner runner = new SimulatedNetRunner(42);

    @Override
    public NetCommandResult run(String line) {
      return runner.run(line);
    }

    @Override
    public int lastAutohandleMajor() {
      return runner.stack().namespace().lastAutohandleMajor();
    }

    @Override
    public int txQueues(String dev, List<String> setup) {
      return runner.stack().namespace().device(dev).numTxQueues();
    }

    @Override
    public void compareLink(String name, JsonNode link, List<String> failures) {
      NetNamespace ns = runner.stack().namespace();
      NetDevice d = ns.device(name);
      if (link == null || link.isNull()) {
        if (d != null) {
          failures.add("link " + name + " exists but the recording has none");
        }
        return;
      }
      if (d == null) {
        failures.add("link " + name + " missing");
        return;
      }
      List<String> flags = new ArrayList<>();
      link.get("flags").forEach(f -> flags.add(f.asText()));
      String kind = d.kind().linkKind();
      String want = link.get("ifindex").asInt() + " " + flags + " "
          + link.get("operstate").asText() + " " + link.get("qdisc").asText() + " "
          + link.get("txqlen").asInt() + " " + link.get("num_tx_queues").asInt() + " "
          + link.get("num_rx_queues").asInt() + " " + link.get("mtu").asInt() + " "
          + (link.get("kind").isNull() ? "null" : link.get("kind").asText());
      String got = d.ifindex() + " " + Arrays.asList(IpAddress.flags(ns, d).split(",")) + " "
          + IpAddress.operstate(ns, d) + " " + d.qdisc().kind() + " " + d.txQueueLen() + " "
          + d.numTxQueues() + " " + d.numRxQueues() + " " + d.mtu() + " "
          + (kind == null ? "null" : kind);
      if (!got.equals(want)) {
        failures.add("link " + name + ": got " + got + " want " + want);
      }
    }

    @Override
    public void close() {
    }
  }
}
