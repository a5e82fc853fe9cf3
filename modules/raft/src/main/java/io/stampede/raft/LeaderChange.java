package io.stampede.raft;

import io.stampede.common.id.ManagerPeerId;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer learned who leads its Raft group: {@code leader} is empty while an election runs. A
 * manager starts its leader-only work (periodic checks, repairs) when {@link #selfLeads()} turns
 * true and stops it on the next change.
 */
public record LeaderChange(ManagerPeerId self, Optional<ManagerPeerId> leader) {
  public LeaderChange {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(leader, "leader");
  }

  public boolean selfLeads() {
    return leader.filter(self::equals).isPresent();
  }
}
