package io.smpsim.kernel.shell;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.KernelTables;
import io.smpsim.kernel.core.Options;
import io.smpsim.kernel.core.ShellJob;
import io.smpsim.kernel.core.Vfs;
import java.util.List;

/**
 * busybox sync (coreutils/sync.c, 1.35): sync(), or with FILEs fsync() ({@code -d}:
 * fdatasync(), {@code -f}: syncfs()) of each; a FILE that cannot be opened is said and counted,
 * the rest still synced. smpsim's machines have no block device, so syncing writes nothing back
 * and the kernel prints nothing; procfs and sysfs files open and sync as they do on Linux.
 */
final class Sync {

  private Sync() {}

  /** The job for sync's words after its name; relative FILEs start at {@code cwd}. */
  static ShellJob parse(List<String> args, String cwd, KernelTables tables,
      MachineConfig config) {
    Options o = Options.parse("sync", args, "df", 1);
    if (o.failure() != null) {
      return o.failure();
    }
    StringBuilder err = new StringBuilder();
    for (String file : o.operands()) {
      String path = Vfs.resolve(cwd, file);
      if (Vfs.lookup(path, tables, config) == null && !Vfs.isDirectory(path, tables, config)) {
        err.append("sync: can't open '").append(file).append("': No such file or directory\n");
      }
    }
    return new ShellJob.Done(err.length() == 0 ? 0 : 1, "", err.toString());
  }
}
