package io.smpsim.kernel.core;


/** A file of procfs or sysfs: reading it (and writing it, when it is writable) is a job. */
public interface VfsFile {

  /** A job that reads the file and finishes with its text passed through {@code filter}. */
  ShellJob read(TextFilter filter);

  /** A job that writes {@code value} (with its trailing newline), or null if read-only. */
  default ShellJob write(String value) {
    return null;
  }

  /**
   * The permission bits {@code ls -l} shows: 0644 when root may write the file, else 0444
   * (most sysfs attributes and proc files); a file created with other bits says so.
   */
  default int mode() {
    return write("0\n") != null ? 0644 : 0444;
  }
}
