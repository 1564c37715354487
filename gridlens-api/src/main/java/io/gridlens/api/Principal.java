package io.gridlens.api;

import java.util.Objects;

/**
 * Who sends a request: the tenant it acts for, its subject and its role. Every request under {@code
 * /api/v1} carries one in its context, resolved by the {@link Authenticator} before any handler
 * runs; handlers decide access from it through the {@link AccessPolicy} alone.
 *
 * @param tenant the tenant the caller belongs to (a retailer id)
 * @param subject who the caller is: for a consumer, the customer id whose meters it may read
 * @param role what the caller may do
 */
public record Principal(String tenant, String subject, Role role) {

  /**
   * The caller of a request without credentials under the development-only {@link
   * HeaderAuthenticator}: an administrator of every tenant.
   */
  public static final Principal LOCAL_ADMIN = new Principal("local", "local-admin", Role.ADMIN);

  public Principal {
    check("tenant", tenant);
    check("subject", subject);
    Objects.requireNonNull(role, "role");
  }

  private static void check(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("principal " + what + " must not be blank");
    }
    if (value.length() > 128) {
      throw new IllegalArgumentException(
          "principal " + what + " must be at most 128 characters, was " + value.length());
    }
  }
}
