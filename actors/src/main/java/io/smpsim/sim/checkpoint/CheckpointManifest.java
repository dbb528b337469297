package io.smpsim.sim.checkpoint;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.smpsim.sim.TraceHash;
import io.smpsim.sim.WorldSpec;
import io.smpsim.sim.engine.ResumePoint;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a checkpoint is, besides its entities' states: the world it belongs to, where the run
 * was, how many state files and output records go with it, and the settings of the application
 * that took it. Kept as {@code manifest.conf} (HOCON) in the checkpoint's directory.
 *
 * @param version the smpsim build that wrote it
 * @param wire the Kryo fingerprint of that build (states hold registration ids)
 * @param spec the world
 * @param lookahead the run's lookahead, ns
 * @param point the clock coordinator's state at the window boundary
 * @param entities how many entity states it holds
 * @param nodes how many state files ({@code node-<i>.state}) it has
 * @param outputRecords how many records of the run's output log precede it
 * @param outputBytes the length of the output log up to it
 * @param outputSha256 the SHA-256 of those bytes of the output log
 * @param app the application's settings (duration, checkpoint interval, ...)
 */
public record CheckpointManifest(String version, String wire, WorldSpec spec, long lookahead,
    ResumePoint point, int entities, int nodes, long outputRecords, long outputBytes, String outputSha256, Config app) {

  /** The format of manifest.conf; bumped on incompatible changes. */
  static final int FORMAT = 2;

  /** The manifest as HOCON text. */
  String render() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("version", version);
    m.put("wire", wire);
    m.put("spec", Map.of("factory", spec.factory(), "source", spec.source(),
        "origin", spec.origin(), "seed", spec.seed()));
    m.put("lookahead", lookahead);
    m.put("point", Map.of("now", point.now(), "windows", point.windows(),
        "events", point.events(), "trace-hash", TraceHash.hex(point.traceHash())));
    m.put("entities", entities);
    m.put("nodes", nodes);
    m.put("outputs", Map.of("records", outputRecords, "bytes", outputBytes,
        "sha256", outputSha256));
    Config c = ConfigFactory.parseMap(m).withValue("app", app.root());
    return "# smpsim checkpoint: resume it with `smpsim resume DIR`.\n"
        + c.root().render(ConfigRenderOptions.defaults().setOriginComments(false)
            .setJson(false));
  }

  /** Parses manifest text; {@code origin} names the file in errors. */
  static CheckpointManifest parse(String text, String origin) {
    try {
      Config c = ConfigFactory.parseString(text);
      int format = c.getInt("format");
      if (format != FORMAT) {
        throw new CheckpointException(origin + ": checkpoint format " + format
            + " is not the format this smpsim reads (" + FORMAT + ")");
      }
      Config spec = c.getConfig("spec");
      Config point = c.getConfig("point");
      return new CheckpointManifest(c.getString("version"), c.getString("wire"),
          new WorldSpec(spec.getString("factory"), spec.getString("source"),
              spec.getString("origin"), spec.getLong("seed")),
          c.getLong("lookahead"),
          new ResumePoint(point.getLong("now"), point.getLong("windows"),
              point.getLong("events"), Long.parseUnsignedLong(point.getString("trace-hash"), 16)),
          c.getInt("entities"), c.getInt("nodes"), c.getLong("outputs.records"),
          c.getLong("outputs.bytes"), c.getString("outputs.sha256"), c.getConfig("app"));
    } catch (ConfigException | NumberFormatException e) {
      throw new CheckpointException(origin + ": not a valid checkpoint manifest: "
          + e.getMessage());
    }
  }
}
