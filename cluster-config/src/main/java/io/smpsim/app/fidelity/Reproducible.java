package io.smpsim.app.fidelity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * How much smpsim reproduced of the key lines that the real kernel itself reproduced: those of
 * a recording that every repeat of its experiment (the same commands on another boot) printed
 * too, in the same stream and order.
 *
 * @param repeats the repeats' names
 * @param keyLines how many of the recording's key lines every repeat printed
 * @param matched how many of those smpsim printed
 * @param unmatched those smpsim did not print, in the recording's order
 */
public record Reproducible(List<String> repeats, int keyLines, int matched,
    List<FidelityScore.Line> unmatched) {

  public Reproducible {
    repeats = List.copyOf(repeats);
    unmatched = List.copyOf(unmatched);
  }

  /** Matched in percent, as {@link FidelityScore#percent(int, int)} rounds it. */
  public double percent() {
    return FidelityScore.percent(matched, keyLines);
  }

  /** The score as a JSON object. */
  public ObjectNode toJson(ObjectMapper json) {
    ObjectNode o = json.createObjectNode();
    repeats.forEach(o.putArray("repeats")::add);
    o.put("keyLines", keyLines);
    o.put("matched", matched);
    o.put("percent", percent());
    o.set("unmatched", FidelityScore.lines(json, unmatched));
    return o;
  }
}
