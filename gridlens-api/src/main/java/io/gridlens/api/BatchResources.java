package io.gridlens.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewStore;
import io.javalin.http.Context;
import java.util.Locale;

/** Batch control: start a run, read the status, roll back the published version. */
final class BatchResources {

  private final BatchControl batch;
  private final ViewStore views;
  private final AccessPolicy policy;
  private final Snapshots snapshots;

  BatchResources(BatchControl batch, ViewStore views, AccessPolicy policy, Snapshots snapshots) {
    this.batch = batch;
    this.views = views;
    this.policy = policy;
    this.snapshots = snapshots;
  }

  private BatchControl control(Context ctx, boolean write) {
    Principal p = ApiServer.principal(ctx);
    if (write ? !policy.canControlBatch(p) : !policy.canReadBatchStatus(p)) {
      throw ProblemException.forbidden(
          write
              ? "only an admin may run or roll back the batch"
              : "a consumer may not read the batch status");
    }
    if (batch == null) {
      throw ProblemException.unavailable("batch control is not enabled on this API instance");
    }
    return batch;
  }

  void run(Context ctx) {
    BatchControl b = control(ctx, true);
    String mode = ctx.queryParam("mode");
    String m = mode == null ? "incremental" : mode.strip().toLowerCase(Locale.ROOT);
    if (!m.equals("full") && !m.equals("incremental")) {
      throw ProblemException.badParameter(
          "mode", "mode must be full or incremental, was '" + mode + "'");
    }
    BatchRun run;
    try {
      run = b.run(m.equals("full"));
    } catch (IllegalStateException e) {
      throw ProblemException.conflict(e.getMessage());
    }
    ObjectNode n = Json.object();
    n.set("run", run(run));
    n.set("snapshot", snapshots.now());
    ApiServer.json(ctx, 202, n);
  }

  void status(Context ctx) {
    BatchStatus s = control(ctx, false).status();
    ObjectNode n = Json.object();
    n.put("state", s.state().json());
    n.set("run", s.run() == null ? null : run(s.run()));
    n.put("stage", s.stage());
    Json.putAmount(n, "progress", s.progress(), 4);
    n.put("message", s.message());
    n.set("pointer", Json.pointer(views.pointer().orElse(null)));
    n.set("snapshot", snapshots.now());
    ApiServer.json(ctx, 200, n);
  }

  void rollback(Context ctx) {
    BatchControl b = control(ctx, true);
    ViewPointer p;
    try {
      p = b.rollback();
    } catch (IllegalStateException e) {
      throw ProblemException.conflict(e.getMessage());
    }
    ObjectNode n = Json.object();
    n.set("pointer", Json.pointer(p));
    n.set("snapshot", snapshots.now());
    ApiServer.json(ctx, 200, n);
  }

  private static ObjectNode run(BatchRun r) {
    ObjectNode n = Json.object();
    n.put("id", r.id());
    n.put("mode", r.mode());
    n.put("startedAt", r.startedAt().toString());
    return n;
  }
}
