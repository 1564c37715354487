package io.gridlens.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The API's Prometheus metrics: requests by method, route template and status, and their latency.
 * Routes are the templates ({@code /api/v1/meters/{meterId}/days}), never the paths, so the number
 * of series stays bounded. {@link #scrape()} writes every metric of the registry, the other
 * components' included. Thread-safe.
 */
final class HttpMetrics {

  /** The content type of the text exposition format. */
  static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusRegistry registry;
  private final Counter requests;
  private final Histogram latency;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  /** The HTTP metrics, registered in {@code registry}. */
  HttpMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    this.requests =
        Counter.builder()
            .name("gridlens_http_requests_total")
            .help("HTTP requests answered, by method, route template and status")
            .labelNames("method", "route", "status")
            .register(registry);
    this.latency =
        Histogram.builder()
            .name("gridlens_http_request_duration_seconds")
            .help("Time to answer an HTTP request, by method and route template")
            .labelNames("method", "route")
            .classicOnly()
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10)
            .register(registry);
  }

  void observe(String method, String route, int status, double seconds) {
    requests.labelValues(method, route, Integer.toString(status)).inc();
    latency.labelValues(method, route).observe(seconds);
  }

  /** The text exposition of every metric. */
  byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
