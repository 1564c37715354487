package io.gridlens.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client of a started {@link ApiServer}, for tests. */
final class Http {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: status, content type, body text and the body as JSON (null when not JSON). */
  record Answer(int status, String contentType, String body) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
      }
    }

    /** The detail of a problem answer. */
    String detail() {
      return json().path("detail").asText();
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;

  Http(ApiServer server) {
    this.base = server.baseUri();
  }

  Answer get(String path, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
  }

  Answer post(String path, HttpRequest.BodyPublisher body, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).POST(body), headers);
  }

  Answer put(String path, String json, String... headers) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)),
        headers);
  }

  /** A PUT of a body with its content type. */
  Answer put(String path, String contentType, HttpRequest.BodyPublisher body, String... headers) {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType).PUT(body),
        headers);
  }

  /** The headers of a caller: tenant, subject, role. */
  static String[] as(String tenant, String subject, String role) {
    return new String[] {
      HeaderAuthenticator.TENANT, tenant,
      HeaderAuthenticator.SUBJECT, subject,
      HeaderAuthenticator.ROLE, role
    };
  }

  private Answer send(HttpRequest.Builder b, String... headers) {
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      HttpResponse<String> r =
          client.send(
              b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
