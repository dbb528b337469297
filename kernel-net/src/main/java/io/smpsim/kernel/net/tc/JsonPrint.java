package io.smpsim.kernel.net.tc;

/**
 * iproute2's output layer (lib/json_print.c over lib/json_writer.c): the same calls produce
 * either the text form or JSON, compact or pretty ({@code -p}), byte for byte like tc 6.1.
 */
public final class JsonPrint {

  private final StringBuilder out = new StringBuilder();
  private final boolean pretty;
  private boolean json;
  private int depth;
  private char sep;

  /** A printer; {@code json} is whether {@code -j} was given. */
  public JsonPrint(boolean json, boolean pretty) {
    this.json = json;
    this.pretty = pretty;
  }

  /** Whether output goes to the JSON writer (is_json_context()). */
  public boolean isJson() {
    return json;
  }

  /** Turn the JSON writer off (commands that never call new_json_obj print text). */
  public void textOnly() {
    json = false;
  }

  public String text() {
    return out.toString();
  }

  // ------------------------------------------------------------ json_writer internals

  private void indent() {
    for (int i = 0; i < depth; i++) {
      out.append("    ");
    }
  }

  private void eol() {
    if (!pretty) {
      return;
    }
    out.append('\n');
    indent();
  }

  private void eor() {
    if (sep != '\0') {
      out.append(sep);
    }
    sep = ',';
  }

  private void begin(char c) {
    eor();
    out.append(c);
    depth++;
    sep = '\0';
  }

  private void end(char c) {
    depth--;
    if (sep != '\0') {
      eol();
    }
    out.append(c);
    sep = ',';
  }

  private void name(String name) {
    eor();
    eol();
    sep = '\0';
    quote(name);
    out.append(':');
    if (pretty) {
      out.append(' ');
    }
  }

  private void quote(String s) {
    out.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\t': out.append("\\t"); break;
        default: out.append(c);
      }
    }
    out.append('"');
  }

  private void raw(String key, String value) {
    if (key != null) {
      name(key);
    }
    eor();
    out.append(value);
  }

  // ------------------------------------------------------------ json_print API

  /** new_json_obj(): open the top-level array in JSON mode. */
  public void newJsonObj() {
    if (json) {
      begin('[');
      if (pretty) {
        out.append(' ');
      }
    }
  }

  /** delete_json_obj(): close the array and end the line. */
  public void deleteJsonObj() {
    if (json) {
      if (pretty && sep != '\0') {
        out.append(' ');
      }
      sep = '\0';
      end(']');
      out.append('\n');
    }
  }

  /** open_json_object(key). */
  public void openObject(String key) {
    if (json) {
      if (key != null) {
        name(key);
      }
      begin('{');
    }
  }

  public void closeObject() {
    if (json) {
      end('}');
    }
  }

  /** open_json_array(PRINT_ANY, key). */
  public void openArray(String key) {
    if (json) {
      if (key != null) {
        name(key);
      }
      begin('[');
      if (pretty) {
        out.append(' ');
      }
    }
  }

  public void closeArray() {
    if (json) {
      if (pretty && sep != '\0') {
        out.append(' ');
      }
      sep = '\0';
      end(']');
    }
  }

  /** Text that only the text form prints (PRINT_FP). */
  public void fp(String text) {
    if (!json) {
      out.append(text);
    }
  }

  /** print_nl(). */
  public void nl() {
    if (!json) {
      out.append('\n');
    }
  }

  /** PRINT_ANY string: {@code text} in text form, {@code "key":"value"} in JSON. */
  public void string(String key, String value, String text) {
    if (json) {
      if (key != null) {
        name(key);
        eor();
      } else {
        eor();
      }
      quote(value);
    } else {
      out.append(text);
    }
  }

  /** PRINT_ANY number. */
  public void number(String key, long value, String text) {
    if (json) {
      raw(key, Long.toString(value));
    } else {
      out.append(text);
    }
  }

  /** PRINT_ANY unsigned number. */
  public void unsigned(String key, long value, String text) {
    if (json) {
      raw(key, Long.toUnsignedString(value));
    } else {
      out.append(text);
    }
  }

  /** PRINT_ANY bool. */
  public void bool(String key, boolean value, String text) {
    if (json) {
      raw(key, value ? "true" : "false");
    } else {
      out.append(text);
    }
  }

  /** PRINT_JSON only values. */
  public void jsonNumber(String key, long value) {
    if (json) {
      raw(key, Long.toString(value));
    }
  }

  public void jsonUnsigned(String key, long value) {
    if (json) {
      raw(key, Long.toUnsignedString(value));
    }
  }

  public void jsonBool(String key, boolean value) {
    if (json) {
      raw(key, value ? "true" : "false");
    }
  }

  public void jsonFloat(String key, double value) {
    if (json) {
      raw(key, CFormat.g(value));
    }
  }

  public void jsonString(String key, String value) {
    if (json) {
      name(key);
      eor();
      quote(value);
    }
  }
}
