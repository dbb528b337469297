package io.smpsim.kernel.core;

import io.smpsim.kernel.MachineConfig;
import java.util.regex.Matcher;

/**
 * How a subsystem opens its files of a patterned path ({@code cpuN/online}): from the match of
 * the path, the file, or null when this machine has no such file.
 */
@FunctionalInterface
public interface FileFactory {

  /** The file the path {@code match}ed, or null. */
  VfsFile open(Matcher match, MachineConfig config);
}
