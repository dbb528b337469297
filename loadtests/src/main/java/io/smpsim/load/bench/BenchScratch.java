package io.smpsim.load.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One temporary directory for a bench's generated scenarios and its fresh runs' outputs, removed
 * when the bench is done: a million-CPU run leaves half a gigabyte of logs, and a user who runs
 * the bench a few times should not find /tmp full. A run that fails keeps the whole directory,
 * so its logs can be read; the failure names it.
 */
final class BenchScratch implements AutoCloseable {

  private final Path dir;
  private boolean keep;

  private BenchScratch(Path dir) {
    this.dir = dir;
  }

  /** A new, empty directory under the system's temporary directory. */
  static BenchScratch create() throws IOException {
    return new BenchScratch(Files.createTempDirectory("smpsim-bench"));
  }

  Path dir() {
    return dir;
  }

  /** Writes {@code text} to a new file named {@code name} in the directory. */
  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** A new, empty directory inside this one. */
  Path newDir(String prefix) throws IOException {
    return Files.createTempDirectory(dir, prefix);
  }

  /** Keeps the directory when the bench is done (a run failed: its logs are there). */
  void keep() {
    keep = true;
  }

  /** Removes {@code p} and everything under it, now. */
  static void delete(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try {
      Files.walkFileTree(p, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          if (e != null) {
            throw e;
          }
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + p, e);
    }
  }

  @Override
  public void close() {
    if (!keep) {
      delete(dir);
    }
  }
}
