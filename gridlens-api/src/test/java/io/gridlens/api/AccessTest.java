package io.gridlens.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.reference.Meter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The development header authenticator and the access policy. */
class AccessTest {

  private static final AccessPolicy POLICY = new AccessPolicy();
  private static final Meter M1 = ApiFixture.meter("M1", "t1", "C1");

  private static Principal authenticate(Map<String, String> headers) {
    return new HeaderAuthenticator().authenticate(headers::get);
  }

  @Test
  void shouldMakeARequestWithoutHeadersALocalAdmin() {
    assertThat(authenticate(Map.of())).isEqualTo(Principal.LOCAL_ADMIN);
  }

  @Test
  void shouldReadTenantSubjectAndRoleFromTheHeaders() {
    Principal p =
        authenticate(
            Map.of(
                HeaderAuthenticator.TENANT, "t1",
                HeaderAuthenticator.SUBJECT, "C1",
                HeaderAuthenticator.ROLE, "Consumer"));

    assertThat(p).isEqualTo(new Principal("t1", "C1", Role.CONSUMER));
  }

  @Test
  void shouldRefuseAConsumerWithoutSubject() {
    assertThatThrownBy(
            () ->
                authenticate(
                    Map.of(HeaderAuthenticator.TENANT, "t1", HeaderAuthenticator.ROLE, "consumer")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("X-Gridlens-Subject is required for a consumer");
  }

  @Test
  void shouldLetAConsumerReadOnlyItsOwnMeters() {
    assertThat(POLICY.canRead(new Principal("t1", "C1", Role.CONSUMER), M1)).isTrue();
    assertThat(POLICY.canRead(new Principal("t1", "C2", Role.CONSUMER), M1)).isFalse();
    // Same customer id in another tenant is another customer.
    assertThat(POLICY.canRead(new Principal("t2", "C1", Role.CONSUMER), M1)).isFalse();
  }

  @Test
  void shouldLetARetailerReadOnlyItsOwnTenant() {
    assertThat(POLICY.canRead(new Principal("t1", "ops", Role.RETAILER), M1)).isTrue();
    assertThat(POLICY.canRead(new Principal("t2", "ops", Role.RETAILER), M1)).isFalse();
    assertThat(POLICY.canWriteMeters(new Principal("t2", "ops", Role.RETAILER), "t1")).isFalse();
  }

  @Test
  void shouldLetOnlyAnAdminControlTheBatch() {
    assertThat(POLICY.canControlBatch(Principal.LOCAL_ADMIN)).isTrue();
    assertThat(POLICY.canControlBatch(new Principal("t1", "ops", Role.RETAILER))).isFalse();
  }
}
