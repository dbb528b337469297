package io.smpsim.kernel.core;


/** A file of procfs or sysfs: reading it (and writing it, when it is writable) is a job. */
public interface VfsFile {

  /** A job that reads the file and finishes with its text passed through {@code filter}. */
  ShellJob read(TextFilter filter);

  /** A job that writes {@code value} (with its trailing newline), or null if read-only. */
  default ShellJob write(String value) {
    return null;
  }
}
