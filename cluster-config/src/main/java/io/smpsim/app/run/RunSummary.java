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
 * @param windows windows processed
 * @param wallMs wall-clock time of the run proper (start of entities to end), ms
 * @param traceHash the trace hash
 * @param entities number of entities
 * @param entitiesPerNode entities hosted by each node
 * @param machines machine names (Linux model)
 * @param commandFailures timeline commands that exited non-zero
 * @param panicked machines whose kernel panicked
 */
public record RunSummary(String scenario, String model, long seed, int nodes, long simulatedNs,
    long events, long windows, long wallMs, long traceHash, int entities,
    List<Integer> entitiesPerNode, List<String> machines, int commandFailures,
    List<String> panicked) {

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
    m.put("wallMs", wallMs);
    m.put("eventsPerSec", Math.round(eventsPerSec()));
    m.put("traceHash", TraceHash.hex(traceHash));
    m.put("entities", entities);
    m.put("entitiesPerNode", entitiesPerNode);
    m.put("machines", machines);
    m.put("commandFailures", commandFailures);
    m.put("panicked", panicked);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(m) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
