package io.smpsim.kernel.net.tc;

import io.smpsim.kernel.net.sched.TcEstimator;
import io.smpsim.kernel.net.sched.TcH;

/**
 * iproute2's id, name and estimator parsing (tc/tc_util.c get_qdisc_handle, get_tc_classid;
 * tc/tc_estimator.c).
 */
public final class TcIds {

  private TcIds() {}

  /** get_qdisc_handle(): {@code none}, or a hex major with an optional ignored minor. */
  static Integer qdiscHandle(String str) {
    if (str.equals("none")) {
      return 0;
    }
    long[] r = CFormat.strtoul(str, 16);
    if (r[1] == 0 || Long.compareUnsigned(r[0], 1L << 16) >= 0) {
      return null;
    }
    int p = (int) r[1];
    if (p < str.length() && str.charAt(p) != ':') {
      return null;
    }
    return (int) (r[0] << 16);
  }

  /** get_tc_classid(): {@code root}, {@code none}, {@code M:m}, {@code :m}, {@code M}. */
  public static Integer classid(String str) {
    if (str.equals("root")) {
      return TcH.ROOT;
    }
    if (str.equals("none")) {
      return 0;
    }
    long[] r = CFormat.strtoul(str, 16);
    long maj = r[0];
    int p = (int) r[1];
    if (r[1] == 0) {
      maj = 0;
      p = 0;
      if (str.isEmpty() || str.charAt(0) != ':') {
        return null;
      }
    }
    if (p < str.length() && str.charAt(p) == ':') {
      if (Long.compareUnsigned(maj, 1L << 16) >= 0) {
        return null;
      }
      String rest = str.substring(p + 1);
      long[] m = CFormat.strtoul(rest, 16);
      if (m[1] != rest.length() && !(rest.isEmpty() && m[1] == 0)) {
        return null;
      }
      if (Long.compareUnsigned(m[0], 1L << 16) >= 0) {
        return null;
      }
      return (int) ((maj << 16) | m[0]);
    } else if (p < str.length()) {
      return null;
    }
    return (int) maj;
  }

  /** get_tc_classid() of an argument, or invarg({@code invalid}). */
  static int classid(String arg, String invalid) {
    Integer h = classid(arg);
    if (h == null) {
      throw TcExit.invarg(invalid, arg);
    }
    return h;
  }

  /** get_qdisc_handle() of an argument, or invarg({@code invalid}). */
  static int qdiscHandle(String arg, String invalid) {
    Integer h = qdiscHandle(arg);
    if (h == null) {
      throw TcExit.invarg(invalid, arg);
    }
    return h;
  }

  /**
   * strncpy(buf, name, sizeof(buf) - 1) into tc's 16-byte device and kind buffers
   * (IFNAMSIZ, FILTER_NAMESZ): a longer name is cut to 15 characters.
   */
  static String name16(String name) {
    return name.length() > 15 ? name.substring(0, 15) : name;
  }

  /** parse_estimator(): {@code estimator INTERVAL TIME_CONSTANT} into a tc_estimator. */
  static TcEstimator estimator(Args a, boolean duplicate) {
    String iv = a.next();
    if (duplicate) {
      throw TcExit.duparg("estimator", iv);
    }
    if (Args.matches(iv, "help")) {
      throw estimatorUsage();
    }
    Long interval = TcUnits.getTime(iv);
    if (interval == null) {
      throw TcExit.invarg("estimator", "invalid estimator interval");
    }
    String tc = a.next();
    if (Args.matches(tc, "help")) {
      throw estimatorUsage();
    }
    Long timeConst = TcUnits.getTime(tc);
    if (timeConst == null) {
      throw TcExit.invarg("estimator", "invalid estimator time constant");
    }
    int ival;
    for (ival = 0; ival <= 5; ival++) {
      if (interval <= (1L << ival) * (long) (TcUnits.TIME_UNITS_PER_SEC / 4)) {
        break;
      }
    }
    if (ival > 5) {
      throw new TcExit(255, "Error: estimator parameters are out of range.\n");
    }
    ival -= 2;
    int ewma;
    for (ewma = 1; ewma < 32; ewma++) {
      double w = 1.0 - 1.0 / (1L << ewma);
      if (interval / (-Math.log(w)) > timeConst) {
        break;
      }
    }
    ewma--;
    if (ewma == 0 || ewma >= 31) {
      throw new TcExit(255, "Error: estimator parameters are out of range.\n");
    }
    return new TcEstimator(ival, ewma);
  }

  /** tc_estimator.c est_help(), then exit(-1). */
  private static TcExit estimatorUsage() {
    return new TcExit(255, "Usage: ... estimator INTERVAL TIME-CONST\n"
        + "  INTERVAL is interval between measurements\n"
        + "  TIME-CONST is averaging time constant\n"
        + "Example: ... est 1sec 8sec\n");
  }
}
