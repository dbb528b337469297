package io.smpsim.sim.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * A logback appender that remembers serialization failures. With
 * {@code serialize-messages = on}, Pekko drops a message it cannot serialize and only logs an
 * error; tests call {@link #assertNone()} so such a drop fails them.
 */
public final class SerializationErrors extends AppenderBase<ILoggingEvent> {

  // Logback instantiates appenders itself, so the record must be reachable statically.
  private static final List<String> ERRORS = new ArrayList<>();

  @Override
  protected void append(ILoggingEvent e) {
    if (e.getLevel().isGreaterOrEqual(Level.WARN) && mentionsSerialization(e)) {
      synchronized (ERRORS) {
        ERRORS.add(e.getFormattedMessage());
      }
    }
  }

  private static boolean mentionsSerialization(ILoggingEvent e) {
    String m = e.getFormattedMessage();
    String t = e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage();
    String all = (m + " " + t).toLowerCase();
    return all.contains("serializ") || all.contains("swallowing exception")
        || all.contains("kryo");
  }

  /** The serialization errors logged since the last call, which are then forgotten. */
  public static List<String> take() {
    synchronized (ERRORS) {
      List<String> copy = new ArrayList<>(ERRORS);
      ERRORS.clear();
      return copy;
    }
  }

  /** Fails if any serialization error was logged since the last call. */
  public static void assertNone() {
    List<String> copy;
    synchronized (ERRORS) {
      copy = new ArrayList<>(ERRORS);
      ERRORS.clear();
    }
    if (!copy.isEmpty()) {
      throw new AssertionError("serialization errors were logged: " + copy);
    }
  }
}
