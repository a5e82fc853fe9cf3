package io.stampede.frontend.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The users file: UTF-8 text, one user per line, fields separated by spaces or tabs:
 *
 * <pre>
 * # access-key   secret-key          display name (optional; defaults to the access key)
 * alice          alice-secret-key    Alice Liddell
 * bob            bob-secret-key
 * </pre>
 *
 * Blank lines and lines whose first non-blank character is {@code #} are ignored. The display
 * name is the rest of the line and may contain spaces; the secret may not. Access keys are 1 to
 * 128 of {@code A-Z a-z 0-9 . _ @ + = -}. An access key may appear once. At most
 * {@value #USERS_MAX} users and {@value #FILE_BYTES_MAX} bytes.
 */
public final class UsersFile {
  static final int USERS_MAX = 10_000;
  static final int FILE_BYTES_MAX = 1 << 20;

  private UsersFile() {}

  /** Reads and parses {@code file}; IllegalArgumentException naming the file and line if it is wrong. */
  public static Users load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > FILE_BYTES_MAX) {
      throw new IllegalArgumentException(file + ": a users file is at most " + FILE_BYTES_MAX + " bytes");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not UTF-8 text");
    }
    return parse(text, file.toString());
  }

  /** Parses the text of a users file; {@code source} names it in error messages. */
  public static Users parse(String text, String source) {
    List<User> users = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + (i + 1) + ": ";
      if (users.size() == USERS_MAX) {
        throw new IllegalArgumentException(where + "more than " + USERS_MAX + " users");
      }
      String[] f = line.split("[ \t]+", 3);
      if (f.length < 2) {
        throw new IllegalArgumentException(where + "expected 'access-key secret-key [display name]'");
      }
      String name = f.length == 3 ? f[2].strip() : f[0];
      try {
        if (!seen.add(f[0])) {
          throw new IllegalArgumentException("access key '" + f[0] + "' is configured twice");
        }
        users.add(User.of(f[0], f[1], name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage());
      }
    }
    return Users.of(users);
  }
}
