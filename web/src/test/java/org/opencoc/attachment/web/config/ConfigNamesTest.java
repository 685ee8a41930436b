package org.opencoc.attachment.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.opencoc.attachment.config.ConfigNames;

/** The WAR's own configuration file and {@link ConfigNames} do not define the same setting twice. */
class ConfigNamesTest {

    @Test
    void theWarsConfigurationFileRestatesNoDefault() throws IOException {
        Properties file = warConfiguration();

        assertThat(file.stringPropertyNames())
                .as("keys of microprofile-config.properties whose default is in ConfigNames")
                .doesNotContainAnyElementsOf(keysWithADefault().values());
    }

    @Test
    void theWarsConfigurationFileSetsOnlyStandardKeys() throws IOException {
        assertThat(warConfiguration().stringPropertyNames())
                .as("the file holds only the development settings of MicroProfile JWT and OpenAPI")
                .allMatch(key -> key.startsWith("mp.jwt.") || key.startsWith("mp.openapi."));
    }

    @Test
    void everyKeyIsNamedOnce() throws IllegalAccessException {
        List<String> keys = new ArrayList<>();
        for (Field field : constants()) {
            if (!field.getName().endsWith("_DEFAULT")) {
                keys.add((String) field.get(null));
            }
        }

        assertThat(keys).doesNotHaveDuplicates().allMatch(key -> key.startsWith("coc."));
    }

    @Test
    void everyDefaultBelongsToAKeyOrToAStandardOne() {
        for (Field field : constants()) {
            String name = field.getName();
            if (name.endsWith("_DEFAULT") && !name.equals("CLOCK_SKEW_SECONDS_DEFAULT")) {
                assertThat(constants()).as("the key of " + name)
                        .anyMatch(key -> key.getName().equals(name.substring(0, name.length() - "_DEFAULT".length())));
            }
        }
    }

    private static Map<String, String> keysWithADefault() {
        Map<String, String> keys = new TreeMap<>();
        for (Field field : constants()) {
            String name = field.getName();
            if (name.endsWith("_DEFAULT")) {
                String keyName = name.substring(0, name.length() - "_DEFAULT".length());
                constants().stream().filter(key -> key.getName().equals(keyName)).findFirst()
                        .ifPresent(key -> keys.put(keyName, value(key)));
            }
        }
        keys.put("CLOCK_SKEW", "mp.jwt.verify.clock.skew");
        return keys;
    }

    private static List<Field> constants() {
        List<Field> fields = new ArrayList<>();
        for (Field field : ConfigNames.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static String value(Field field) {
        try {
            return String.valueOf(field.get(null));
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static Properties warConfiguration() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConfigNamesTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            assertThat(in).as("META-INF/microprofile-config.properties on the class path").isNotNull();
            properties.load(in);
        }
        return properties;
    }
}
