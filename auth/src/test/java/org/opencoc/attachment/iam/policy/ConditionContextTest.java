package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.opencoc.attachment.iam.Caller;

class ConditionContextTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
    private static final Caller ALICE = new Caller(Caller.PrincipalType.USER, "d-0001", "acme", "u-0001", "alice", true);

    @Test
    void forRequestFillsTheStandardKeys() {
        ConditionContext context = ConditionContext.forRequest(ALICE, CLOCK, "192.0.2.1", "incident");
        assertThat(context.values("g:CurrentTime")).containsExactly("2026-06-15T12:00:00Z");
        assertThat(context.values("g:SourceIp")).containsExactly("192.0.2.1");
        assertThat(context.values("g:UserId")).containsExactly("u-0001");
        assertThat(context.values("g:UserName")).containsExactly("alice");
        assertThat(context.values("g:DomainName")).containsExactly("acme");
        assertThat(context.values("g:PrincipalAccount")).containsExactly("d-0001");
        assertThat(context.values("g:PrincipalUrn")).containsExactly("iam::d-0001:user:alice");
        assertThat(context.values("g:PrincipalType")).containsExactly("User");
        assertThat(context.values("g:MFAPresent")).containsExactly("true");
        assertThat(context.values("coc:TicketType")).containsExactly("incident");
    }

    @Test
    void forRequestNamesAnAccountPrincipalType() {
        Caller root = new Caller(Caller.PrincipalType.ACCOUNT, "d-0001", "acme", "d-0001", null, false);
        ConditionContext context = ConditionContext.forRequest(root, CLOCK, null, null);
        assertThat(context.values("g:PrincipalType")).containsExactly("Account");
        assertThat(context.values("g:PrincipalUrn")).containsExactly("iam::d-0001:root");
    }

    @Test
    void forRequestLeavesOutAnAbsentSourceIpAndTicketType() {
        ConditionContext context = ConditionContext.forRequest(ALICE, CLOCK, " ", null);
        assertThat(context.contains("g:SourceIp")).isFalse();
        assertThat(context.contains("coc:TicketType")).isFalse();
    }

    @Test
    void keysAreCaseInsensitive() {
        ConditionContext context = ConditionContext.builder().put("coc:Tags", "red", "blue").build();
        assertThat(context.values("COC:TAGS")).containsExactly("red", "blue");
        assertThat(context.keys()).containsExactly("coc:Tags");
    }

    @Test
    void putWithAnotherCaseReplacesTheKey() {
        ConditionContext context = ConditionContext.builder().put("coc:Tags", "red").put("COC:tags", "blue").build();
        assertThat(context.values("coc:tags")).containsExactly("blue");
    }

    @Test
    void noValuesIsTheSameAsAbsent() {
        ConditionContext context = ConditionContext.builder().put("coc:Tags", "red").put("coc:Tags").build();
        assertThat(context.contains("coc:Tags")).isFalse();
    }

    @Test
    void toBuilderLeavesTheOriginalUnchanged() {
        ConditionContext original = ConditionContext.builder().put("k", "v").build();
        ConditionContext changed = original.toBuilder().remove("K").build();
        assertThat(original.values("k")).containsExactly("v");
        assertThat(changed.contains("k")).isFalse();
    }

    @Test
    void rejectsABlankKey() {
        assertThrows(IllegalArgumentException.class, () -> ConditionContext.builder().put(" ", "v"));
    }

    @Test
    void rejectsANullValue() {
        assertThrows(NullPointerException.class, () -> ConditionContext.builder().put("k", (String) null));
    }
}
