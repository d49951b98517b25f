package org.opencrm.infra.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.user.User;
import org.opencrm.infra.auth.DemoOrg.DemoUser;

/**
 * Signs and verifies the local cloud's dev ID tokens. They carry the claims a Cognito ID token
 * carries ({@code sub}, {@code cognito:username}, {@code custom:role}, ...) so handler code reads
 * them identically in AWS; only issuer and signature (HS256 with a well-known, dev-only secret)
 * differ. Never deployed.
 */
public final class DevTokens {

    public static final String ISSUER = "urn:opencrm:crm-local:dev";
    public static final String AUDIENCE = "crm-local-app";
    public static final String SECRET_VARIABLE = "CRM_DEV_JWT_SECRET";

    /** Well known on purpose: these tokens only ever open the local cloud. */
    public static final String DEFAULT_SECRET = "crm-local-dev-only-secret-never-deploy-0001";

    public static final Duration LIFETIME = Duration.ofHours(12);

    private final byte[] secret;
    private final Clock clock;

    public DevTokens(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        if (this.secret.length < 32) {
            throw new IllegalArgumentException(
                    SECRET_VARIABLE + " must be at least 32 bytes for HS256");
        }
    }

    /** Uses {@code CRM_DEV_JWT_SECRET} when set, else the well-known dev secret. */
    public static DevTokens fromEnvironment(Clock clock) {
        String configured = System.getenv(SECRET_VARIABLE);
        return new DevTokens(
                configured == null || configured.isBlank() ? DEFAULT_SECRET : configured, clock);
    }

    public String mint(DemoUser user) {
        return mint(
                claims(user.id(), user.email(), user.displayName(), user.role()),
                user.region().orElse(null),
                user.team().orElse(null));
    }

    /** A token for a user of the users table, with the claims of their record as it stands. */
    public String mint(User user) {
        return mint(
                claims(user.id(), user.email(), user.name(), user.role().name()),
                user.region(),
                user.team());
    }

    /** The claims every token carries. */
    private JWTClaimsSet.Builder claims(String id, String email, String name, String role) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .subject(id)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("token_use", "id")
                .claim("auth_time", now.getEpochSecond())
                .claim("cognito:username", id)
                .claim("email", email)
                .claim("name", name)
                .claim("custom:role", role);
    }

    /** Region and team only when the user has them, as Cognito leaves unset attributes out. */
    private String mint(JWTClaimsSet.Builder claims, String region, String team) {
        if (region != null) {
            claims.claim("custom:region", region);
        }
        if (team != null) {
            claims.claim("custom:team", team);
        }
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            token.sign(new MACSigner(secret));
        } catch (JOSEException cannotSign) {
            throw new IllegalStateException("cannot sign a dev token", cannotSign);
        }
        return token.serialize();
    }

    /**
     * The token's claims when signature, algorithm, issuer, audience and expiry (by the app clock)
     * hold.
     */
    public Optional<JWTClaimsSet> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new MACVerifier(secret))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            claimsVerifier().verify(claims, null);
            return Optional.of(claims);
        } catch (ParseException | JOSEException | BadJWTException rejected) {
            return Optional.empty();
        }
    }

    private DefaultJWTClaimsVerifier<?> claimsVerifier() {
        return new DefaultJWTClaimsVerifier<>(
                AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                Set.of("sub", "exp", "iat")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
    }
}
