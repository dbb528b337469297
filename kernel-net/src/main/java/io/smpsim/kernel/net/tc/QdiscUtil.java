package io.smpsim.kernel.net.tc;

/**
 * One iproute2 qdisc module (struct qdisc_util, tc/q_*.c): its option parser and printers.
 * Parsers report errors on {@link TcContext#err} and throw {@link TcExit}.
 */
interface QdiscUtil {

  /** Whether parse_qopt exists (pfifo_fast has none: options are refused). */
  default boolean hasParseQopt() {
    return true;
  }

  /** parse_qopt: the TCA_OPTIONS to send ({@code null}: none). */
  Object parseQopt(String id, Args a, String dev, TcContext c);

  /** print_qopt. */
  void printQopt(String id, JsonPrint out, Object opts, TcContext c);

  /** Whether parse_copt exists (the kind has classes with options). */
  default boolean hasParseCopt() {
    return false;
  }

  default Object parseCopt(Args a, String dev, TcContext c) {
    return null;
  }

  default void printCopt(JsonPrint out, Object opts, TcContext c) {}

  /** print_xstats, or {@code null} output when the kind has none. */
  default String printXstats(Object xstats) {
    return null;
  }
}
