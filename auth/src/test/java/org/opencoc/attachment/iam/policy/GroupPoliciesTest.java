package org.opencoc.attachment.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupPoliciesTest {

    private static final String READ = "{\"Version\":\"5.0\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"coc:ticket:downloadFile\"}]}";
    private static final String WRITE = "{\"Version\":\"1.1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"coc:ticket:uploadFile\"}]}";

    @TempDir
    Path directory;

    @Test
    void returnsThePoliciesOfTheGivenGroupsInOrder() {
        GroupPolicies groups = GroupPolicies.parse("{\"readers\":[" + READ + "],\"writers\":[" + READ + "," + WRITE + "]}", "g.json");
        assertThat(groups.policiesFor(List.of("writers", "readers")))
                .extracting(Policy::label)
                .containsExactly("group:writers[0]", "group:writers[1]", "group:readers[0]");
    }

    @Test
    void unknownGroupsContributeNothing() {
        GroupPolicies groups = GroupPolicies.parse("{\"readers\":[" + READ + "]}", "g.json");
        assertThat(groups.policiesFor(List.of("strangers", "Readers"))).isEmpty();
    }

    @Test
    void aGroupListedTwiceContributesOnce() {
        GroupPolicies groups = GroupPolicies.parse("{\"readers\":[" + READ + "]}", "g.json");
        assertThat(groups.policiesFor(List.of("readers", "readers"))).hasSize(1);
    }

    @Test
    void loadsAFile() throws IOException {
        Path file = Files.writeString(directory.resolve("groups.json"), "{\"readers\":[" + READ + "]}");
        assertThat(GroupPolicies.load(file).groups()).containsExactly("readers");
    }

    @Test
    void rejectsABrokenPolicyNamingFileGroupAndStatement() throws IOException {
        Path file = Files.writeString(directory.resolve("broken.json"),
                "{\"readers\":[" + READ + "],\"writers\":[{\"Version\":\"5.0\",\"Statement\":[{\"Sid\":\"W\",\"Effect\":\"Allow\"}]}]}");
        PolicyException error = assertThrows(PolicyException.class, () -> GroupPolicies.load(file));
        assertThat(error.getMessage()).contains("broken.json", "group 'writers'", "statement W",
                "needs 'Action' or 'NotAction'");
    }

    @Test
    void rejectsAGroupThatIsNotAnArray() {
        PolicyException error = assertThrows(PolicyException.class,
                () -> GroupPolicies.parse("{\"readers\":" + READ + "}", "g.json"));
        assertThat(error.getMessage()).contains("g.json", "group 'readers'", "must be a JSON array");
    }

    @Test
    void rejectsAFileThatIsNotAnObject() {
        PolicyException error = assertThrows(PolicyException.class, () -> GroupPolicies.parse("[]", "g.json"));
        assertThat(error.getMessage()).contains("g.json", "must be a JSON object");
    }

    @Test
    void rejectsInvalidJsonNamingTheFile() {
        PolicyException error = assertThrows(PolicyException.class, () -> GroupPolicies.parse("{\"readers\": [", "g.json"));
        assertThat(error.getMessage()).contains("g.json", "not valid JSON");
    }

    @Test
    void rejectsAMissingFileNamingIt() {
        Path missing = directory.resolve("absent.json");
        PolicyException error = assertThrows(PolicyException.class, () -> GroupPolicies.load(missing));
        assertThat(error.getMessage()).contains("absent.json", "cannot be read");
    }

    @Test
    void emptyHasNoGroups() {
        assertThat(GroupPolicies.empty().policiesFor(List.of("readers"))).isEmpty();
    }
}
