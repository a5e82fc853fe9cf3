package io.stampede.frontend.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {
  @TempDir Path dir;

  @Test
  void readsUsersWithOptionalDisplayNamesCommentsAndBlankLines() {
    Users users = UsersFile.parse("""
        # access-key  secret  display name
        alice   alice-secret   Alice Liddell

          bob\tb#b-secret
        carol carol-secret   \s
        """, "users");
    assertThat(users.accessKeys()).containsExactly("alice", "bob", "carol");
    User alice = users.byAccessKey("alice").orElseThrow();
    assertThat(alice.secretKey()).isEqualTo("alice-secret");
    assertThat(alice.displayName()).isEqualTo("Alice Liddell");
    assertThat(users.byAccessKey("bob").orElseThrow().secretKey()).isEqualTo("b#b-secret");
    assertThat(users.byAccessKey("bob").orElseThrow().displayName()).isEqualTo("bob");
    assertThat(users.byAccessKey("carol").orElseThrow().displayName()).isEqualTo("carol");
    assertThat(users.byCanonicalId(alice.canonicalId())).contains(alice);
    assertThat(alice.toString()).doesNotContain("alice-secret");
  }

  @Test
  void canonicalIdsAreStable64HexCharactersPerAccessKey() {
    String id = User.canonicalIdOf("stampede");
    assertThat(id).hasSize(64).matches("[0-9a-f]{64}");
    assertThat(User.of("stampede", "other-secret", "Someone").canonicalId()).isEqualTo(id);
    assertThat(User.canonicalIdOf("other")).isNotEqualTo(id);
    Users users = Users.of(Map.of("stampede", "s"));
    assertThat(users.owner("stampede")).isEqualTo(new Owner(id, "stampede"));
    assertThat(users.owner("gone")).isEqualTo(new Owner(User.canonicalIdOf("gone"), "gone"));
  }

  @Test
  void refusesBadLinesNamingTheLine() {
    assertThatThrownBy(() -> UsersFile.parse("alice\n", "f")).hasMessageContaining("f line 1");
    assertThatThrownBy(() -> UsersFile.parse("# x\nalice s\nalice t\n", "f"))
        .hasMessageContaining("f line 3").hasMessageContaining("twice");
    assertThatThrownBy(() -> UsersFile.parse("al/ice s\n", "f")).hasMessageContaining("f line 1");
    assertThatThrownBy(() -> UsersFile.parse("a,b s\n", "f")).hasMessageContaining("access key");
    assertThatThrownBy(() -> UsersFile.parse("k".repeat(129) + " s\n", "f")).hasMessageContaining("access key");
    assertThatThrownBy(() -> UsersFile.parse("k " + "s".repeat(257) + "\n", "f")).hasMessageContaining("secret");
  }

  @Test
  void laterUsersReplaceEarlierOnesWithTheSameKey() {
    Users defaults = Users.of(List.of(User.of("stampede", "stampede-secret")));
    Users merged = defaults.plus(UsersFile.parse("stampede new-secret Admin\nbob b\n", "f"));
    assertThat(merged.accessKeys()).containsExactly("stampede", "bob");
    assertThat(merged.byAccessKey("stampede").orElseThrow().secretKey()).isEqualTo("new-secret");
    assertThat(merged.byAccessKey("stampede").orElseThrow().displayName()).isEqualTo("Admin");
  }

  @Test
  void loadsAFileAndRefusesOneThatIsNotUtf8() throws Exception {
    Path file = dir.resolve("users");
    Files.writeString(file, "zoe zoë-secret Zoë\r\nyann y\r\n", StandardCharsets.UTF_8);
    Users users = UsersFile.load(file);
    assertThat(users.byAccessKey("zoe").orElseThrow().displayName()).isEqualTo("Zoë");
    assertThat(users.byAccessKey("yann")).isPresent();
    assertThatThrownBy(() -> UsersFile.parse("zoë s\n", "f")).hasMessageContaining("access key");
    Files.write(file, new byte[] {'a', ' ', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> UsersFile.load(file)).hasMessageContaining("UTF-8");
  }
}
