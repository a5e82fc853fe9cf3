package io.stampede.common.role;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Starts a role on an event loop of its own. Vert.x binds a server, and every connection it
 * accepts or a client opens, to the event loop of the context that created it; roles started
 * one after another from one context would all share that single loop, so one core would carry
 * every role's network work while the others idle. Each call deploys a verticle, which Vert.x
 * places on the next event loop of its pool, and runs {@code start} there.
 */
public final class RoleLoop {
  private RoleLoop() {}

  /** Runs {@code start} on a fresh event-loop context; completes as the future it returns does. */
  public static <T> Future<T> start(Vertx vertx, Supplier<Future<T>> start) {
    Promise<T> started = Promise.promise();
    vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        // the deployment itself always succeeds: the role's own close undoes what it started
        start.get().onComplete(started);
        return Future.succeededFuture();
      }
    }).onFailure(started::tryFail);
    return started.future();
  }
}
