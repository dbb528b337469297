package io.smpsim.app.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smpsim.sim.TraceHash;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a finished run, written as {@code summary.json}.
 *
 * @param scenario the scenario file
 * @param model the world model
 * @param seed the seed
 * @param nodes cluster nodes used
 * @param simulatedNs simulated time reached
 * @param events events processed
 * @param windows local windows processed, summed over the nodes
 * @param epochs agreements on time between linked nodes (0 when no node waited for another)
 * @param startupMs wall-clock time from the JVM's start to the first window, ms
 * @param wallMs wall-clock time of the run proper (first window to end), ms
 * @param peakHeapBytes the most heap this JVM's pools held at once (garbage included)
 * @param traceHash the trace hash
 * @param entities number of entities
 * @param entitiesPerNode entities hosted by each node
 * @param machines machine names (Linux model)
 * @param commandFailures timeline commands that exited non-zero
 * @param panicked machines whose kernel panicked
 * @param unexpected timeline commands that did not exit as their entry expected, one line each
 *     ({@code file:line m0 'cmd' exited 1, expected 0: its error})
 */
public record RunSummary(String scenario, String model, long seed, int nodes, long simulatedNs,
    long events, long windows, long epochs, long startupMs, long wallMs, long peakHeapBytes,
    long traceHash, int entities,
    List<Integer> entitiesPerNode, List<String> machines, int commandFailures,
    List<String> panicked, List<String> unexpected) {

  public double eventsPerSec() {
    return wallMs <= 0 ? 0 : events * 1000.0 / wallMs;
  }

  /** The summary as a JSON object, keys in a fixed order. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", scenario);
    m.put("model", model);
    m.put("seed", seed);
    m.put("nodes", nodes);
    m.put("simulatedNs", simulatedNs);
    m.put("events", events);
    m.put("windows", windows);
    m.put("epochs", epochs);
    m.put("startupMs", startupMs);
    m.put("wallMs", wallMs);
    m.put("eventsPerSec", Math.round(eventsPerSec()));
    m.put("peakHeapBytes", peakHeapBytes);
    m.put("traceHash", TraceHash.hex(traceHash));
    m.put("entities", entities);
    m.put("entitiesPerNode", entitiesPerNode);
    m.put("machines", machines);
    m.put("commandFailures", commandFailures);
    m.put("panicked", panicked);
    m.put("unexpected", unexpected);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(m) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
