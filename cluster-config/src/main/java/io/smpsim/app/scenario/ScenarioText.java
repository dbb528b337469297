package io.smpsim.app.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The text of a scenario file (or another HOCON file a user gives, such as {@code --config}),
 * checked before the HOCON parser sees it: UTF-8 text of a sane size and nesting. The parser is
 * recursive (a few thousand nested objects overflow its stack) and reports undecodable bytes as
 * a bare Java exception, so these are found here, with the file and the line.
 */
public final class ScenarioText {

  /** The deepest nesting of objects and lists a scenario may have (real ones use about 4). */
  static final int MAX_DEPTH = 64;

  /** The largest scenario file read (the biggest shipped one is a few KB). */
  static final long MAX_BYTES = 16L << 20;

  private ScenarioText() {}

  /**
   * Reads and checks a scenario file.
   *
   * @param what how errors name the file ({@code origin}, or {@code origin (included from ...)})
   */
  public static String read(Path file, String what) {
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new ScenarioException(what + ": is a directory, not a scenario file");
      }
      // Read with a bound rather than by size: /dev/zero or a pipe has no size and no end.
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        throw new ScenarioException(what + ": more than " + MAX_BYTES + " bytes; a scenario file"
            + " is a few KB of text");
      }
    } catch (NoSuchFileException e) {
      throw new ScenarioException(what + ": no such file");
    } catch (AccessDeniedException e) {
      throw new ScenarioException(what + ": permission denied");
    } catch (IOException e) {
      throw new ScenarioException(what + ": cannot read (" + reason(e) + ")");
    }
    String text = decode(bytes, what);
    check(text, what);
    return text;
  }

  /** An I/O failure as a user reads it, without the exception's class name. */
  static String reason(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "input/output error" : m;
  }

  /** Decodes strict UTF-8: a bad byte is reported with its line and column. */
  private static String decode(byte[] bytes, String what) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new ScenarioException(what + ":" + line + ": not UTF-8 text (byte 0x"
          + String.format("%02x", bytes[at] & 0xff) + " at column " + (at - lineStart + 1)
          + "); a scenario is a HOCON text file");
    }
    try {
      CoderResult f = dec.flush(out);
      if (f.isError()) {
        f.throwException();
      }
    } catch (CharacterCodingException e) {
      throw new ScenarioException(what + ": not UTF-8 text; a scenario is a HOCON text file");
    }
    out.flip();
    return out.toString();
  }

  /**
   * Refuses control characters (binary data) and nesting deeper than {@link #MAX_DEPTH},
   * counting brackets outside strings and comments as HOCON does.
   */
  static void check(String text, String what) {
    int depth = 0;
    int line = 1;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c < 0x20 && c != '\t' && c != '\r' && c != '\f' || c == 0x7f) {
        throw new ScenarioException(what + ":" + line + ": binary data (control character 0x"
            + String.format("%02x", (int) c) + "); a scenario is a HOCON text file");
      } else if (c == '#' || c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
        while (i + 1 < n && text.charAt(i + 1) != '\n') {
          i++;
        }
      } else if (c == '"') {
        if (text.startsWith("\"\"\"", i)) {
          int end = text.indexOf("\"\"\"", i + 3);
          int stop = end < 0 ? n : end + 3;
          line += count(text, i, stop);
          i = stop - 1;
        } else {
          i++;
          while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
            i += text.charAt(i) == '\\' ? 2 : 1;
          }
          if (i < n && text.charAt(i) == '\n') {
            // An unterminated string: the parser reports it; the newline still counts.
            line++;
          }
        }
      } else if (c == '{' || c == '[') {
        if (++depth > MAX_DEPTH) {
          throw new ScenarioException(what + ":" + line + ": nested more than " + MAX_DEPTH
              + " objects or lists deep");
        }
      } else if (c == '}' || c == ']') {
        depth = Math.max(0, depth - 1);
      }
    }
  }

  private static int count(String text, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
