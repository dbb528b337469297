package io.smpsim.kernel.shell;

import io.smpsim.kernel.core.BusyboxUsage;
import io.smpsim.kernel.core.JobContext;
import io.smpsim.kernel.core.Options;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.sysctl.Sysctl;
import io.smpsim.sim.SimMessage;
import java.util.List;

/**
 * busybox hostname (networking/hostname.c): {@code hostname} prints the node name,
 * {@code -s} up to its first dot, {@code hostname NAME} sets it as root may (sethostname():
 * kernel.hostname, which uname reads). The resolver's options ({@code -i -d -f}) and
 * {@code -F FILE} are refused by name: the initramfs has no resolver and no files.
 *
 * @param set the name to set, or null to print
 * @param shortName -s
 */
record Hostname(String set, boolean shortName) implements ShellJob {

  /** Parses hostname's arguments (getopt32 "dfisF:v"). */
  static ShellJob parse(List<String> args) {
    Options o = Options.parse("hostname", args, "dfisF:v", 1);
    if (o.failure() != null) {
      return o.failure();
    }
    for (char c : new char[] {'d', 'f', 'i', 'F'}) {
      if (o.has(c)) {
        return new Failure(1, "hostname: -" + c + " is not supported by smpsim's hostname (the"
            + " initramfs has no resolver and no files)");
      }
    }
    if (o.operands().size() > 1) {
      return new Failure(1, BusyboxUsage.of("hostname"));
    }
    return new Hostname(o.operands().isEmpty() ? null : o.operands().get(0), o.has('s'));
  }

  @Override
  public void start(JobContext jc) {
    if (set != null) {
      // sethostname() refuses a name longer than __NEW_UTS_LEN.
      if (set.length() > 64) {
        jc.fail(1, "hostname: sethostname: Invalid argument");
        return;
      }
      jc.send(jc.layout().sysctl(), new Sysctl.Write(jc.jobId(), "hostname", set));
    } else {
      jc.send(jc.layout().sysctl(), new Sysctl.Read(jc.jobId(), "hostname"));
    }
  }

  @Override
  public void onReply(JobContext jc, SimMessage body) {
    if (!(body instanceof Sysctl.Answer a)) {
      return;
    }
    if (set != null) {
      jc.ok("");
      return;
    }
    String name = a.text().strip();
    int dot = name.indexOf('.');
    jc.ok((shortName && dot >= 0 ? name.substring(0, dot) : name) + "\n");
  }
}
