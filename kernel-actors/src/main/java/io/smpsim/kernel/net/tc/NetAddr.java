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
}
