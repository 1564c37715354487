package io.gridlens.api;

import java.util.Objects;

/**
 * A request the API refuses, with what the RFC 7807 problem details answer says: status, a type
 * slug ({@code /problems/<slug>}), a title per type and a detail that names the parameter or field
 * at fault and how to fix it.
 */
final class ProblemException extends RuntimeException {

  private final int status;
  private final String slug;
  private final String title;
  private final String parameter;

  ProblemException(int status, String slug, String title, String detail, String parameter) {
    super(Objects.requireNonNull(detail, "detail"));
    this.status = status;
    this.slug = Objects.requireNonNull(slug, "slug");
    this.title = Objects.requireNonNull(title, "title");
    this.parameter = parameter;
  }

  static ProblemException badParameter(String parameter, String detail) {
    return new ProblemException(400, "bad-parameter", "Bad request parameter", detail, parameter);
  }

  static ProblemException badBody(String field, String detail) {
    return new ProblemException(400, "bad-body", "Bad request body", detail, field);
  }

  static ProblemException notFound(String detail) {
    return new ProblemException(404, "not-found", "Not found", detail, null);
  }

  static ProblemException unknownMeter(String meterId) {
    return new ProblemException(
        404, "unknown-meter", "Unknown meter", "unknown meter '" + meterId + "'", "meterId");
  }

  static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail, null);
  }

  static ProblemException conflict(String detail) {
    return new ProblemException(409, "conflict", "Conflict", detail, null);
  }

  static ProblemException tooLarge(String detail) {
    return new ProblemException(413, "payload-too-large", "Payload too large", detail, null);
  }

  static ProblemException unavailable(String detail) {
    return new ProblemException(503, "unavailable", "Service unavailable", detail, null);
  }

  int status() {
    return status;
  }

  String slug() {
    return slug;
  }

  String title() {
    return title;
  }

  /** The query or path parameter, or body field, at fault; null when none. */
  String parameter() {
    return parameter;
  }
}
