package io.stampede.ministamp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleAccessTest {
  @TempDir Path dir;

  @Test
  void onlyLoopbackHostsPass() {
    for (String ok : new String[] {"localhost", "127.0.0.1", "127.8.9.10", "::1", "[::1]", "LOCALHOST"}) {
      assertThat(ConsoleAccess.loopbackHost(ok)).as(ok).isTrue();
    }
    for (String no : new String[] {"evil.example", "127.0.0.1.evil.example", "128.0.0.1", "127.0.0", "127.0.0.256",
        "localhost.evil", "", "[::2]", "10.0.0.1"}) {
      assertThat(ConsoleAccess.loopbackHost(no)).as(no).isFalse();
    }
  }

  @Test
  void theTokenIsNewAtEveryStartAndReadableByItsOwnerOnly() throws Exception {
    ConsoleAccess.create(dir, new SecureRandom());
    String first = ConsoleAccess.read(dir).orElseThrow();
    assertThat(first).hasSize(64).matches("[0-9a-f]+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(ConsoleAccess.TOKEN_FILE))))
        .isEqualTo("rw-------");
    ConsoleAccess.create(dir, new SecureRandom());
    assertThat(ConsoleAccess.read(dir).orElseThrow()).isNotEqualTo(first);
    assertThat(ConsoleAccess.read(dir.resolve("elsewhere"))).isEmpty();
  }
}
