package io.smpsim.kernel.sysctl;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.Errno;

/**
 * The UTS names of /proc/sys/kernel (kernel/utsname_sysctl.c): ostype, osrelease and version,
 * read-only, from the machine's kernel build; hostname and domainname, "(none)" until set
 * (UTS_NODENAME, UTS_DOMAINNAME), which root may write (proc_do_uts_string(): the text up to
 * its first newline, at most __NEW_UTS_LEN = 64 characters). uname and hostname read the host
 * name here.
 */
final class UtsNames {

  /** __NEW_UTS_LEN. */
  private static final int LEN = 64;

  private final String release;
  private final String version;
  private String hostname = "(none)";
  private String domainname = "(none)";

  UtsNames(MachineConfig config) {
    this.release = config.kernel().release();
    this.version = config.kernel().utsVersion();
  }

  /** Whether {@code name} is one of these files. */
  static boolean owns(String name) {
    return switch (name) {
      case "ostype", "osrelease", "version", "hostname", "domainname" -> true;
      default -> false;
    };
  }

  /** Whether {@code name} is one of the read-only ones (0444). */
  static boolean readOnly(String name) {
    return name.equals("ostype") || name.equals("osrelease") || name.equals("version");
  }

  String read(String name) {
    return switch (name) {
      case "ostype" -> "Linux";
      case "osrelease" -> release;
      case "version" -> version;
      case "hostname" -> hostname;
      default -> domainname;
    } + "\n";
  }

  /** A write to hostname or domainname: the first line, cut to 64 characters. */
  Errno write(String name, String text) {
    int nl = text.indexOf('\n');
    String v = nl < 0 ? text : text.substring(0, nl);
    v = v.length() > LEN ? v.substring(0, LEN) : v;
    if (name.equals("hostname")) {
      hostname = v;
    } else {
      domainname = v;
    }
    return null;
  }
}
