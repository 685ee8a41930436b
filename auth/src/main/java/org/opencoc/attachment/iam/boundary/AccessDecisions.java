package org.opencoc.attachment.iam.boundary;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.opencoc.attachment.config.ConfigNames;
import org.opencoc.attachment.iam.Caller;
import org.opencoc.attachment.iam.authentication.VerifiedToken;
import org.opencoc.attachment.iam.policy.ConditionContext;
import org.opencoc.attachment.iam.policy.Decision;
import org.opencoc.attachment.iam.policy.GroupPolicies;
import org.opencoc.attachment.iam.policy.Policy;
import org.opencoc.attachment.iam.policy.PolicyEvaluator;
import org.opencoc.attachment.iam.policy.PolicyException;
import org.opencoc.attachment.iam.policy.PolicySetCache;

/**
 * Decides whether a caller may perform an action, as the cloud's IAM would: an account may do
 * everything; a user only what the policies of its token ({@code policies} claim) and of its groups
 * ({@code groups} claim, mapped by the file {@code coc.iam.group-policies}) allow, with explicit Deny
 * winning and no Allow meaning deny. A malformed policy fails closed. Parsed policies are cached per
 * distinct {@code policies} and {@code groups} claims ({@link VerifiedToken#authorizationKey()}), so a
 * repeated token, or a new token with the same policies, is not parsed again.
 *
 * <p>The group-policy file is read when the application starts; a broken file stops the deployment
 * with a message naming the file and the group.
 */
@ApplicationScoped
public class AccessDecisions {

    private static final Logger LOG = Logger.getLogger(AccessDecisions.class.getName());
    static final int POLICY_CACHE_ENTRIES = 1_000;

    @Inject
    @ConfigProperty(name = ConfigNames.GROUP_POLICIES)
    Optional<String> groupPolicyFile;

    @Inject
    @ConfigProperty(name = ConfigNames.TRUSTED_PROXIES)
    Optional<String> trustedProxies;

    @Inject
    Clock clock;

    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    /**
     * Parsed policies per distinct authorization claims. Bounded apart from the verified-token cache:
     * tokens that share their policies (every token of a user, a role's users) share one entry, so
     * {@value #POLICY_CACHE_ENTRIES} sets serve far more tokens; a parsed 10-statement set is tens of KB.
     */
    private final PolicySetCache cache = new PolicySetCache(POLICY_CACHE_ENTRIES);
    private GroupPolicies groups;
    private SourceAddresses sourceAddresses;

    @PostConstruct
    void load() {
        groups = groupPolicyFile.filter(file -> !file.isBlank())
                .map(file -> GroupPolicies.load(Path.of(file)))
                .orElse(GroupPolicies.empty());
        sourceAddresses = new SourceAddresses(trustedProxies.orElse(""));
        LOG.info(() -> "IAM: " + groups.groups().size() + " group(s) with policies"
                + groupPolicyFile.map(file -> " from " + file).orElse(""));
    }

    /** Loads the configuration at start, so a broken group-policy file stops the deployment. */
    void loadAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        groups.groups();
    }

    /** The address {@code g:SourceIp} stands for, given the socket peer and {@code X-Forwarded-For}. */
    public String sourceAddress(String peer, String forwardedFor) {
        return sourceAddresses.clientAddress(peer, forwardedFor);
    }

    /**
     * Evaluates {@code action} ({@code null} when the resource method names none: denied) for the
     * caller of {@code token} and returns the decision as the audit record of this request.
     *
     * <p>Public, like {@link #sourceAddress}, because the authorization filter calls it through this
     * bean's CDI client proxy on every request: Weld forwards a package-private method by reflection
     * (a {@code Method.invoke} per call, seen in the JFR profile of a warm 4 KiB GET), a public one directly.
     */
    public AuditRecord decide(VerifiedToken token, String action, String sourceIp, String ticketType) {
        Caller caller = token.caller();
        if (action == null) {
            return AuditRecord.implicitDeny(caller, "(none)", "the resource method names no action");
        }
        if (caller.type() == Caller.PrincipalType.ACCOUNT) {
            return AuditRecord.allow(caller, action, "account principal", "");
        }
        Decision decision;
        try {
            List<Policy> policies = cache.get(token.authorizationKey(), () -> policiesOf(token));
            decision = evaluator.evaluate(caller, action, policies,
                    ConditionContext.forRequest(caller, clock, sourceIp, ticketType));
        } catch (PolicyException e) {
            decision = Decision.failClosed(e);
        }
        String policy = decision.policy().orElse(decision.reason());
        String statement = decision.statement().orElse("");
        return switch (decision.outcome()) {
            case ALLOW -> AuditRecord.allow(caller, action, policy, statement);
            case EXPLICIT_DENY -> AuditRecord.explicitDeny(caller, action, policy, statement);
            case IMPLICIT_DENY -> AuditRecord.implicitDeny(caller, action, decision.reason());
        };
    }

    private List<Policy> policiesOf(JsonWebToken jwt) {
        List<Policy> policies = new ArrayList<>();
        Object claim = jwt.getClaim("policies");
        if (claim instanceof JsonValue documents) {
            policies.addAll(Policy.parseAll(documents, "policies"));
        } else if (claim != null) {
            throw new PolicyException("policies", null, "the claim must be an array of policy documents");
        }
        policies.addAll(groups.policiesFor(new TreeSet<>(jwt.getGroups() == null ? List.of() : jwt.getGroups())));
        return policies;
    }
}
