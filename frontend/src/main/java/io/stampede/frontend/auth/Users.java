package io.stampede.frontend.auth;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users a front end accepts signatures from, by access key and by canonical id. Immutable.
 * See {@link UsersFile} for the configuration file they are usually read from.
 */
public final class Users {
  private final Map<String, User> byAccessKey;
  private final Map<String, User> byCanonicalId;

  private Users(Collection<User> users) {
    Map<String, User> keys = new LinkedHashMap<>();
    Map<String, User> ids = new LinkedHashMap<>();
    for (User u : users) {
      if (keys.put(u.accessKey(), u) != null) {
        throw new IllegalArgumentException("access key '" + u.accessKey() + "' is configured twice");
      }
      if (ids.put(u.canonicalId(), u) != null) {
        throw new IllegalArgumentException("canonical id of '" + u.accessKey() + "' is configured twice");
      }
    }
    this.byAccessKey = Collections.unmodifiableMap(keys);
    this.byCanonicalId = Collections.unmodifiableMap(ids);
  }

  /** These users; IllegalArgumentException if an access key repeats. */
  public static Users of(List<User> users) {
    return new Users(users);
  }

  /** Users named after their access keys, from access key to secret. */
  public static Users of(Map<String, String> secretsByAccessKey) {
    return new Users(secretsByAccessKey.entrySet().stream().map(e -> User.of(e.getKey(), e.getValue())).toList());
  }

  /** These users and then {@code more}; a user of {@code more} replaces one with the same access key. */
  public Users plus(Users more) {
    Map<String, User> all = new LinkedHashMap<>(byAccessKey);
    more.byAccessKey.values().forEach(u -> all.put(u.accessKey(), u));
    return new Users(all.values());
  }

  public Optional<User> byAccessKey(String accessKey) {
    return Optional.ofNullable(byAccessKey.get(accessKey));
  }

  public Optional<User> byCanonicalId(String canonicalId) {
    return Optional.ofNullable(byCanonicalId.get(canonicalId));
  }

  /**
   * The user who owns what {@code accessKey} created. A key no longer configured still owns its
   * buckets: it is shown with its derived canonical id and its access key as display name.
   */
  public Owner owner(String accessKey) {
    User u = byAccessKey.get(accessKey);
    return u != null ? u.owner() : new Owner(User.canonicalIdOf(accessKey), accessKey);
  }

  /** In configuration order. */
  public Collection<User> all() {
    return byAccessKey.values();
  }

  public Set<String> accessKeys() {
    return byAccessKey.keySet();
  }

  public boolean isEmpty() {
    return byAccessKey.isEmpty();
  }

  @Override
  public String toString() {
    return "Users" + byAccessKey.keySet();
  }
}
