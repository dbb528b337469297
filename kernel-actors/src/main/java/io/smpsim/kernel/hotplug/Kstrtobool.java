package io.smpsim.kernel.hotplug;

/**
 * lib/kstrtox.c kstrtobool(), which sysfs {@code online} files parse with: only the first
 * character counts ({@code 1yY} true, {@code 0nN} false), and {@code on}/{@code off} by their
 * second; so {@code 10} is true and {@code 2}, {@code -1} or an empty line are EINVAL.
 */
public final class Kstrtobool {

  private Kstrtobool() {}

  /** The value, or null for EINVAL. */
  public static Boolean parse(String s) {
    if (s.isEmpty()) {
      return null;
    }
    switch (s.charAt(0)) {
      case 'y', 'Y', '1':
        return true;
      case 'n', 'N', '0':
        return false;
      case 'o', 'O':
        if (s.length() > 1) {
          switch (s.charAt(1)) {
            case 'n', 'N':
              return true;
            case 'f', 'F':
              return false;
            default:
              break;
          }
        }
        return null;
      default:
        return null;
    }
  }
}
