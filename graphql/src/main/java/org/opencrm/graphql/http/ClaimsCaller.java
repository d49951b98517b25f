package org.opencrm.graphql.http;

import java.util.Map;
import java.util.Optional;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.UnauthenticatedException;
import org.opencrm.core.input.InputRules;

/**
 * Reads the caller from the claims API Gateway's JWT authorizer verified. Cognito ID tokens carry
 * the role, region and team as custom attributes; the local cloud's dev tokens carry the same
 * claims, so this code is identical in AWS and locally.
 */
public final class ClaimsCaller {

    public static final String SUBJECT = "sub";
    public static final String ROLE = "custom:role";
    public static final String REGION = "custom:region";
    public static final String TEAM = "custom:team";

    private ClaimsCaller() {}

    public static Caller from(Map<String, String> claims, String requestId, String sourceIp) {
        String subject = claims.get(SUBJECT);
        if (subject == null || subject.isBlank()) {
            throw new UnauthenticatedException(
                    "the request carries no verified token subject (sub claim)");
        }
        // the users table is read by this id: one no user can have is refused before it
        if (!InputRules.isId(subject)) {
            throw new UnauthenticatedException("the token's subject (sub claim) is no user id");
        }
        Role role =
                Optional.ofNullable(claims.get(ROLE))
                        .flatMap(Role::parse)
                        .orElseThrow(
                                () ->
                                        new UnauthenticatedException(
                                                "the token of "
                                                        + subject
                                                        + " carries no known role ("
                                                        + ROLE
                                                        + " claim)"));
        return Caller.builder()
                .userId(subject)
                .role(role)
                .region(blankToNull(claims.get(REGION)))
                .team(blankToNull(claims.get(TEAM)))
                .requestId(requestId)
                .sourceIp(sourceIp)
                .build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
