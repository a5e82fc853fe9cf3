package io.stampede.frontend.acl;

import java.util.Optional;

/** What an ACL grant allows, with the x-amz-grant-* header that grants it. */
public enum Permission {
  FULL_CONTROL("x-amz-grant-full-control"),
  READ("x-amz-grant-read"),
  WRITE("x-amz-grant-write"),
  READ_ACP("x-amz-grant-read-acp"),
  WRITE_ACP("x-amz-grant-write-acp");

  private final String header;

  Permission(String header) {
    this.header = header;
  }

  public String header() {
    return header;
  }

  /** The permission named exactly {@code name} (as in a Grant's Permission element). */
  public static Optional<Permission> named(String name) {
    for (Permission p : values()) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
