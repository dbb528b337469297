package io.smpsim.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.scenario.Scenario;
import io.smpsim.app.scenario.ScenarioLoader;
import io.smpsim.kernel.net.NetCommandResult;
import io.smpsim.kernel.net.tc.CommandRunner;
import io.smpsim.sim.engine.EmbeddedCluster;
import io.smpsim.sim.engine.RunClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code smpsim shell --batch --json} in-process: a scenario booted as a new run on a shared
 * cluster, commands typed one at a time, each answer read back from the JSON line the shell
 * prints.
 */
final class BatchShell implements CommandRunner, AutoCloseable {

  private static final long COMMAND_TIMEOUT_NS = 3_600_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Simulation sim;
  private final ShellSession session;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private long lastTimeNs;

  BatchShell(EmbeddedCluster cluster, RunClient client, Scenario scenario, ScenarioLoader loader) {
    this.sim = Simulation.on(cluster, client, scenario, loader);
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    this.session = new ShellSession(sim, true, COMMAND_TIMEOUT_NS, ps, ps);
    session.boot();
  }

  @Override
  public NetCommandResult run(String line) {
    out.reset();
    session.execute(line);
    try {
      JsonNode j = JSON.readTree(out.toString(StandardCharsets.UTF_8));
      lastTimeNs = j.get("timeNs").asLong();
      return new NetCommandResult(j.get("exit").asInt(), j.get("stdout").asText(),
          j.get("stderr").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("not one JSON object: " + out, e);
    }
  }

  /** The simulated time of the last answer. */
  long lastTimeNs() {
    return lastTimeNs;
  }

  @Override
  public void close() {
    sim.close();
  }
}
