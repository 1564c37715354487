package io.gridlens.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridlens.core.blend.BlendingQuery;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of Gridlens (DESIGN.md section 12): per-meter answers blended from the batch and
 * speed views, tenant endpoints, uploads, reference-data upserts, batch control, health, metrics
 * and the OpenAPI document.
 *
 * <p>Design note. Every request under {@code /api/v1} gets its {@link Principal} from the {@link
 * Authenticator} before its handler runs, and handlers decide access through the one {@link
 * AccessPolicy}: replacing the development {@link HeaderAuthenticator} by a signed-token one
 * changes no handler. Routes are declared once, in {@link #routes()}; a test checks that the
 * OpenAPI document ({@code openapi.json}, a maintained resource) lists exactly them. Errors are RFC
 * 7807 problem details whose detail names the parameter or field at fault.
 *
 * <p>Lifecycle: {@link #builder} returns an unstarted server; {@link #start} binds it (port 0 picks
 * a free one); {@link #close} stops it. The collaborators are the caller's: closing the server
 * closes none of them.
 */
public final class ApiServer implements AutoCloseable {

  /** The prefix of the versioned API. */
  public static final String API = "/api/v1";

  static final String OPENAPI_PATH = API + "/openapi.json";
  private static final String PRINCIPAL = "gridlens.principal";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /**
   * One route of the API.
   *
   * @param method the HTTP method
   * @param path the path template, {@code {name}} for a path parameter
   * @param handler what answers it
   */
  record Route(HandlerType method, String path, Handler handler) {}

  private final ApiConfig config;
  private final Authenticator authenticator;
  private final ViewStore views;
  private final HttpMetrics metrics;
  private final List<Route> routes;
  private final byte[] openApi;
  private Javalin app;
  private boolean closed;

  private ApiServer(Builder b) {
    this.config = b.config;
    this.authenticator = b.authenticator;
    this.views = b.views;
    this.metrics = new HttpMetrics(b.registry);
    AccessPolicy policy = new AccessPolicy();
    Snapshots snapshots = new Snapshots(b.views, b.clock);
    IngestLedger ledger = new IngestLedger(b.config.deadLetterRing());
    MeterResources meters =
        new MeterResources(
            b.reference,
            b.views,
            new BlendingQuery(new TypedViewStore(b.views), b.clock),
            policy,
            b.config,
            b.clock);
    TenantResources tenants =
        new TenantResources(b.reference, b.directory, ledger, policy, b.config, b.clock, snapshots);
    IngestResources ingest =
        new IngestResources(
            b.ingest, b.writer, b.reference, ledger, policy, b.config, b.clock, snapshots);
    BatchResources batch = new BatchResources(b.batch, b.views, policy, snapshots);
    PlatformDataResources platform =
        new PlatformDataResources(b.writer, b.reference, policy, b.config, snapshots);
    this.openApi = loadOpenApi();
    String meter = API + "/meters/{meterId}";
    String tenant = API + "/tenants/{tenant}";
    this.routes =
        List.of(
            new Route(HandlerType.GET, meter + "/days", meters::days),
            new Route(HandlerType.GET, meter + "/consumption", meters::consumption),
            new Route(HandlerType.GET, meter + "/breakdown", meters::breakdown),
            new Route(HandlerType.GET, meter + "/peers", meters::peers),
            new Route(HandlerType.GET, meter + "/anomalies", meters::anomalies),
            new Route(HandlerType.GET, meter + "/forecast", meters::forecast),
            new Route(HandlerType.GET, meter + "/quality", meters::quality),
            new Route(HandlerType.PUT, meter, ingest::upsertMeter),
            new Route(HandlerType.POST, API + "/ingest", ingest::upload),
            new Route(HandlerType.PUT, API + "/regions/{region}/weather", platform::weather),
            new Route(HandlerType.GET, API + "/regions/{region}/weather", platform::readWeather),
            new Route(HandlerType.PUT, API + "/regions/{region}/carbon", platform::carbon),
            new Route(HandlerType.PUT, API + "/tempo", platform::tempo),
            new Route(HandlerType.GET, tenant + "/summary", tenants::summary),
            new Route(HandlerType.GET, tenant + "/ingest/status", tenants::ingestStatus),
            new Route(HandlerType.GET, tenant + "/deadletters", tenants::deadLetters),
            new Route(HandlerType.POST, API + "/batch/runs", batch::run),
            new Route(HandlerType.GET, API + "/batch/status", batch::status),
            new Route(HandlerType.POST, API + "/batch/rollback", batch::rollback),
            new Route(HandlerType.GET, OPENAPI_PATH, this::openApi),
            new Route(HandlerType.GET, "/health", this::health),
            new Route(HandlerType.GET, "/ready", this::ready),
            new Route(HandlerType.GET, "/metrics", this::metrics));
  }

  /**
   * A builder of an unstarted server over its required collaborators.
   *
   * @param views the batch and speed views (the caller closes them)
   * @param reference meters, premises, contracts, weather: what answers are computed with
   * @param clock stamps snapshots and gives "today"
   */
  public static Builder builder(ViewStore views, ReferenceData reference, Clock clock) {
    return new Builder(views, reference, clock);
  }

  /** Collects the collaborators and settings of a server; {@link #build()} makes it. */
  public static final class Builder {
    private final ViewStore views;
    private final ReferenceData reference;
    private final Clock clock;
    private ApiConfig config = ApiConfig.defaults();
    private Authenticator authenticator = new HeaderAuthenticator();
    private MeterDirectory directory = MeterDirectory.none();
    private IngestPort ingest;
    private ReferenceWriter writer;
    private BatchControl batch;
    private PrometheusRegistry registry = new PrometheusRegistry();

    private Builder(ViewStore views, ReferenceData reference, Clock clock) {
      this.views = Objects.requireNonNull(views, "views");
      this.reference = Objects.requireNonNull(reference, "reference");
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Settings; {@link ApiConfig#defaults()} when not called. */
    public Builder config(ApiConfig c) {
      this.config = Objects.requireNonNull(c, "config");
      return this;
    }

    /** Who callers are; the development-only {@link HeaderAuthenticator} when not called. */
    public Builder authenticator(Authenticator a) {
      this.authenticator = Objects.requireNonNull(a, "authenticator");
      return this;
    }

    /** The meters of each tenant, for fleet summaries; none when not called. */
    public Builder directory(MeterDirectory d) {
      this.directory = Objects.requireNonNull(d, "directory");
      return this;
    }

    /** Where uploads go; without it uploads are answered 503. */
    public Builder ingest(IngestPort port) {
      this.ingest = Objects.requireNonNull(port, "ingest");
      return this;
    }

    /** Where reference upserts go; without it they are answered 503. */
    public Builder referenceWriter(ReferenceWriter w) {
      this.writer = Objects.requireNonNull(w, "referenceWriter");
      return this;
    }

    /** The batch layer's control; without it batch endpoints are answered 503. */
    public Builder batch(BatchControl b) {
      this.batch = Objects.requireNonNull(b, "batch");
      return this;
    }

    /**
     * The registry {@code /metrics} exposes, where the API adds its HTTP metrics; the process's
     * other components register theirs in it too. A registry of its own when not called.
     */
    public Builder registry(PrometheusRegistry r) {
      this.registry = Objects.requireNonNull(r, "registry");
      return this;
    }

    /** An unstarted server. */
    public ApiServer build() {
      return new ApiServer(this);
    }
  }

  /**
   * Binds the server and starts answering.
   *
   * @param port the port, or 0 for a free one ({@link #port()} tells which)
   * @throws IllegalStateException when started twice or closed
   */
  public synchronized ApiServer start(int port) {
    if (app != null || closed) {
      throw new IllegalStateException(
          closed ? "the API server is closed; build a new one" : "the API server already runs");
    }
    if (authenticator instanceof HeaderAuthenticator) {
      LOG.warn(
          "DEVELOPMENT ONLY: the API trusts the {}, {} and {} headers, and makes a request"
              + " without them a local admin of every tenant. Never expose {}:{} to anyone else;"
              + " configure a signed-token authenticator for that.",
          HeaderAuthenticator.TENANT,
          HeaderAuthenticator.SUBJECT,
          HeaderAuthenticator.ROLE,
          config.host(),
          port);
    }
    Javalin j =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.useVirtualThreads = false;
              c.requestLogger.http(
                  (ctx, ms) ->
                      metrics.observe(
                          ctx.method().name(), route(ctx), ctx.status().getCode(), ms / 1000.0));
            });
    j.before(this::authenticate);
    for (Route r : routes) {
      j.addHttpHandler(r.method(), r.path(), r.handler());
    }
    j.exception(ProblemException.class, (e, ctx) -> problem(ctx, e));
    j.exception(
        AuthenticationException.class,
        (e, ctx) ->
            problem(
                ctx,
                new ProblemException(
                    401, "unauthenticated", "Unauthenticated", e.getMessage(), null)));
    j.exception(
        HttpResponseException.class,
        (e, ctx) ->
            problem(
                ctx,
                e.getStatus() == 404
                    ? noEndpoint(ctx)
                    : new ProblemException(
                        e.getStatus(), "http", "HTTP error", e.getMessage(), null)));
    j.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          problem(
              ctx,
              new ProblemException(
                  500,
                  "internal",
                  "Internal error",
                  "the server failed to answer: "
                      + e.getClass().getSimpleName()
                      + "; the error is logged, try again or report it",
                  null));
        });
    j.error(
        404,
        ctx -> {
          String type = ctx.res().getContentType();
          if (type == null || !type.startsWith(PROBLEM_JSON)) {
            problem(ctx, noEndpoint(ctx));
          }
        });
    j.start(config.host(), port);
    app = j;
    LOG.info("Gridlens API listening on http://{}:{}{}", config.host(), j.port(), API);
    return this;
  }

  /** The bound port. */
  public synchronized int port() {
    if (app == null) {
      throw new IllegalStateException("the API server is not started");
    }
    return app.port();
  }

  /** The base address, {@code http://host:port}. */
  public URI baseUri() {
    return URI.create("http://" + config.host() + ":" + port());
  }

  /** Stops answering and releases the port; idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  /** The routes of the API, in declaration order. */
  List<Route> routes() {
    return routes;
  }

  /** The principal of a request under {@code /api/v1}, set before its handler runs. */
  static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    if (p == null) {
      throw new IllegalStateException("no principal in the context of " + ctx.path());
    }
    return p;
  }

  static void json(Context ctx, int status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(Json.bytes(body));
  }

  private void authenticate(Context ctx) {
    String path = ctx.path();
    if (path.startsWith(API + "/") && !path.equals(OPENAPI_PATH)) {
      ctx.attribute(PRINCIPAL, authenticator.authenticate(ctx::header));
    }
  }

  private static ProblemException noEndpoint(Context ctx) {
    return ProblemException.notFound(
        "no endpoint " + ctx.method() + " " + ctx.path() + "; see " + OPENAPI_PATH);
  }

  private static String route(Context ctx) {
    try {
      String p = ctx.endpointHandlerPath();
      return p == null || p.isEmpty() ? "unmatched" : p;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  private static void problem(Context ctx, ProblemException e) {
    ObjectNode n = Json.object();
    n.put("type", "/problems/" + e.slug());
    n.put("title", e.title());
    n.put("status", e.status());
    n.put("detail", e.getMessage());
    n.put("instance", ctx.path());
    if (e.parameter() != null) {
      n.put("parameter", e.parameter());
    }
    ctx.status(e.status()).contentType(PROBLEM_JSON).result(Json.bytes(n));
  }

  private void openApi(Context ctx) {
    ctx.status(200).contentType("application/json").result(openApi);
  }

  private void health(Context ctx) {
    ObjectNode n = Json.object();
    try {
      n.set("pointer", Json.pointer(views.pointer().orElse(null)));
      n.put("status", "up");
      json(ctx, 200, n);
    } catch (RuntimeException e) {
      n.put("status", "down");
      n.put("detail", "view store unreadable: " + e.getMessage());
      json(ctx, 503, n);
    }
  }

  /**
   * Readiness: the view store answers and a batch version is published, so per-meter answers have
   * data (liveness, {@code /health}, only needs the store to answer).
   */
  private void ready(Context ctx) {
    ObjectNode n = Json.object();
    try {
      var pointer = views.pointer();
      n.set("pointer", Json.pointer(pointer.orElse(null)));
      if (pointer.isPresent()) {
        n.put("status", "ready");
        json(ctx, 200, n);
      } else {
        n.put("status", "not-ready");
        n.put("detail", "no batch version is published yet");
        json(ctx, 503, n);
      }
    } catch (RuntimeException e) {
      n.put("status", "not-ready");
      n.put("detail", "view store unreadable: " + e.getMessage());
      json(ctx, 503, n);
    }
  }

  private void metrics(Context ctx) {
    ctx.status(200).contentType(HttpMetrics.CONTENT_TYPE).result(metrics.scrape());
  }

  private static byte[] loadOpenApi() {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the gridlens-api jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read openapi.json", e);
    }
  }
}
