package io.gridlens.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridlens.core.blend.Snapshot;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewStore;
import java.time.Clock;

/**
 * The snapshot of answers that read no view rows (tenant, ingest and batch endpoints): the
 * published version and cut at the time of the answer, fresh as {@link Snapshot#of} derives it.
 */
final class Snapshots {

  private final ViewStore views;
  private final Clock clock;

  Snapshots(ViewStore views, Clock clock) {
    this.views = views;
    this.clock = clock;
  }

  ObjectNode now() {
    return Json.snapshot(
        Snapshot.of(
            views.pointer().map(ViewPointer::current).orElse(null),
            views.speedProgress(),
            clock.instant()));
  }
}
