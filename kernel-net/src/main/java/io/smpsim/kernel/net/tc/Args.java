package io.smpsim.kernel.net.tc;

import java.util.List;

/** An argv cursor with iproute2's NEXT_ARG()/NEXT_ARG_OK()/PREV_ARG() semantics. */
public final class Args {

  private final List<String> argv;
  private int pos;

  public Args(List<String> argv, int pos) {
    this.argv = argv;
    this.pos = pos;
  }

  /** argc: how many words remain. */
  public int left() {
    return argv.size() - pos;
  }

  public boolean more() {
    return pos < argv.size();
  }

  /** *argv. */
  public String cur() {
    return argv.get(pos);
  }

  /** argv[1]: the word after the current one, or {@code null}. */
  public String peekNext() {
    return pos + 1 < argv.size() ? argv.get(pos + 1) : null;
  }

  /** argc--, argv++. */
  public void advance() {
    pos++;
  }

  /** NEXT_ARG(): move on, failing with "Command line is not complete" at the end. */
  public String next() {
    pos++;
    if (pos >= argv.size()) {
      throw TcExit.incomplete();
    }
    return argv.get(pos);
  }

  /**
   * NEXT_ARG(), then duparg({@code key}, *argv) when the value was {@code given} already: how
   * tc_qdisc.c and tc_class.c take an argument that may appear once.
   */
  public String nextOnce(boolean given, String key) {
    String v = next();
    if (given) {
      throw TcExit.duparg(key, v);
    }
    return v;
  }

  /** NEXT_ARG_OK(). */
  public boolean nextOk() {
    return pos + 1 < argv.size();
  }

  public int position() {
    return pos;
  }

  public List<String> rest() {
    return argv.subList(Math.min(pos, argv.size()), argv.size());
  }

  /** iproute2's matches(): {@code cur} is a non-empty prefix of {@code word}. */
  public static boolean matches(String cur, String word) {
    return !cur.isEmpty() && word.startsWith(cur);
  }
}
