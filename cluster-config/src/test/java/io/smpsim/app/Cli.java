package io.smpsim.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smpsim.app.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the smpsim command line in-process, capturing what it prints. */
public final class Cli {

  /** What a command printed and returned. */
  public record Outcome(int exit, String stdout, String stderr) {}

  private Cli() {}

  public static Outcome run(String... args) {
    return runWithInput("", args);
  }

  /** Runs with {@code stdin} as standard input. */
  public static synchronized Outcome runWithInput(String stdin, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int code = Main.commandLine().execute(args);
      System.out.flush();
      return new Outcome(code, o.toString(StandardCharsets.UTF_8),
          e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.setIn(in);
    }
  }

  /** The {@code summary.json} a run with {@code --out dir} wrote. */
  public static JsonNode summary(Path dir) {
    try {
      return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The trace hash in the {@code summary.json} a run with {@code --out dir} wrote. */
  public static String traceHash(Path dir) {
    return summary(dir).get("traceHash").asText();
  }
}
