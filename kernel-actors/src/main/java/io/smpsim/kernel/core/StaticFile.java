package io.smpsim.kernel.core;


/**
 * A read-only file whose text is known when it is looked up (kernel_max, /proc/cmdline).
 *
 * @param text the file's text
 */
public record StaticFile(String text) implements VfsFile {

  @Override
  public ShellJob read(TextFilter filter) {
    String out = filter.apply(text);
    return new ShellJob.Done(filter.exit(out), out, "");
  }
}
