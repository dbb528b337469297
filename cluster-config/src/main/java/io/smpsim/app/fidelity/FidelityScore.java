package io.smpsim.app.fidelity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * How much of a recording smpsim reproduced.
 *
 * @param recording the recording's name
 * @param scenario the scenario that replayed it
 * @param keyLines how many key lines the recording has
 * @param matched how many of them smpsim printed, in order within their stream
 * @param matchedLines those lines, in the recording's order
 * @param unmatched the recording's key lines smpsim did not print, in the recording's order
 * @param extra smpsim's key lines the recording does not have, in smpsim's order
 */
public record FidelityScore(String recording, String scenario, int keyLines, int matched,
    List<Line> matchedLines, List<Line> unmatched, List<Line> extra) {

  /**
   * A key line and the stream it is ordered in.
   *
   * @param stream {@code machine}, {@code cpuN} or {@code $ command #k}
   * @param text the normalized line
   */
  public record Line(String stream, String text) {}

  public FidelityScore {
    matchedLines = List.copyOf(matchedLines);
    unmatched = List.copyOf(unmatched);
    extra = List.copyOf(extra);
  }

  /** Matched key lines in percent, to one decimal (100 for a recording without key lines). */
  public double percent() {
    return percent(matched, keyLines);
  }

  /**
   * {@code matched} of {@code keyLines} in percent, rounded down to one decimal (so 95.0
   * means at least 95%); 100 when there is nothing to match.
   */
  public static double percent(int matched, int keyLines) {
    return keyLines == 0 ? 100.0 : Math.floor(1000.0 * matched / keyLines) / 10.0;
  }

  /** The score as a JSON object. */
  public ObjectNode toJson(ObjectMapper json) {
    ObjectNode o = json.createObjectNode();
    o.put("recording", recording);
    o.put("scenario", scenario);
    o.put("keyLines", keyLines);
    o.put("matched", matched);
    o.put("percent", percent());
    o.set("unmatched", lines(json, unmatched));
    o.set("extra", lines(json, extra));
    return o;
  }

  static ArrayNode lines(ObjectMapper json, List<Line> lines) {
    ArrayNode a = json.createArrayNode();
    for (Line l : lines) {
      a.addObject().put("stream", l.stream()).put("line", l.text());
    }
    return a;
  }
}
