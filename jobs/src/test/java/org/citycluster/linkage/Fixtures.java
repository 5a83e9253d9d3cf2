package org.citycluster.linkage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for hand-made CSV fixtures. */
final class Fixtures {

  private Fixtures() {}

  static InputStream csv(String... lines) {
    return new ByteArrayInputStream(
        (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
