package io.smpsim.load.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bench leaves nothing behind in the temporary directory but the output of a failed run. */
class BenchScratchTest {

  @Test
  void aBenchDoneRemovesItsScenariosAndRunOutputs() throws Exception {
    Path dir;
    try (BenchScratch scratch = BenchScratch.create()) {
      dir = scratch.dir();
      Path conf = scratch.write("fleet.conf", "machines = []\n");
      Path run = scratch.newDir("startup-fleet-");
      Files.createDirectories(run.resolve("out/m0"));
      Files.writeString(run.resolve("out/m0/dmesg"), "[    0.000000] Linux version\n");
      assertEquals("machines = []\n", Files.readString(conf));
      assertTrue(run.startsWith(dir));
    }
    assertFalse(Files.exists(dir));
  }

  @Test
  void aRunReadAndDeletedGoesAtOnceTheOthersStay() throws Exception {
    try (BenchScratch scratch = BenchScratch.create()) {
      Path first = scratch.newDir("a-");
      Path second = scratch.newDir("a-");
      Files.writeString(first.resolve("stdout.log"), "x");
      BenchScratch.delete(first);
      assertFalse(Files.exists(first));
      assertTrue(Files.isDirectory(second));
    }
  }

  @Test
  void aFailedRunKeepsEverythingForTheUserToRead() throws Exception {
    Path dir;
    Path log;
    try (BenchScratch scratch = BenchScratch.create()) {
      dir = scratch.dir();
      log = scratch.newDir("million-").resolve("stderr.log");
      Files.writeString(log, "java.lang.OutOfMemoryError");
      scratch.keep();
    }
    try {
      assertEquals("java.lang.OutOfMemoryError", Files.readString(log));
    } finally {
      BenchScratch.delete(dir);
    }
  }
}
