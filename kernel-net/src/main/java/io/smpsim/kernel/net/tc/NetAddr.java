package io.smpsim.kernel.net.tc;

/** IPv4 text helpers shared by ip and tc. */
public final class NetAddr {

  private NetAddr() {}

  /** A dotted quad as an int, or {@code null}. */
  public static Integer parseIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return null;
      }
      int o = Integer.parseInt(p);
      if (o > 255) {
        return null;
      }
      v = (v << 8) | o;
    }
    return v;
  }

  /** An IPv4 address with optional /prefix, or null. */
  public static int[] parsePrefix(String s) {
    int slash = s.indexOf('/');
    String ip = slash >= 0 ? s.substring(0, slash) : s;
    int prefix = 32;
    if (slash >= 0) {
      Long p = TcUnits.getU32(s.substring(slash + 1), 10);
      if (p == null || p > 32) {
        return null;
      }
      prefix = (int) (long) p;
    }
    Integer a = parseIpv4(ip);
    return a == null ? null : new int[] {a, prefix};
  }
}
