package io.gridlens.api;

/**
 * Turns the credentials of a request into its {@link Principal}. It is the one place that decides
 * who a caller is: a signed-token (JWT) authenticator replaces the development {@link
 * HeaderAuthenticator} without any handler changing.
 *
 * <p>Implementations are thread-safe and called once per request, before its handler.
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * The principal of a request.
   *
   * @param headers the request's headers
   * @throws AuthenticationException when the credentials are absent, malformed or not trusted
   *     (answered 401)
   */
  Principal authenticate(RequestHeaders headers);

  /** Read access to the headers of one request. */
  @FunctionalInterface
  interface RequestHeaders {

    /** The first value of a header, or null when the request has none. */
    String first(String name);
  }
}
