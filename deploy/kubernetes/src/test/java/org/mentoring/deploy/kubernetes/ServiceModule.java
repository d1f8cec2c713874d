package org.mentoring.deploy.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a service module says about itself in its application.properties (and pom.xml): the port it serves, its
 * database role and schema, its shutdown timeout, the image its build produces. Values are read the way the service
 * resolves them when no environment variable is set, i.e. the defaults of {@code ${NAME:default}}.
 */
final class ServiceModule {

    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private final String name;
    private final Properties properties;
    private final String version;

    private ServiceModule(String name, Properties properties, String version) {
        this.name = name;
        this.properties = properties;
        this.version = version;
    }

    static ServiceModule of(String serviceName) {
        Path module = Repository.serviceModule(serviceName);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                module.resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceModule(serviceName, properties, projectVersion(module.resolve("pom.xml")));
    }

    String name() {
        return name;
    }

    boolean has(String key) {
        return properties.containsKey(key);
    }

    /** The value as the service sees it with no environment variable set. */
    String value(String key) {
        String raw = properties.getProperty(key);
        if (raw == null) {
            throw new AssertionError(name + ": application.properties has no " + key);
        }
        return expand(raw);
    }

    String applicationName() {
        return value("quarkus.application.name");
    }

    int httpPort() {
        return Integer.parseInt(value("quarkus.http.port"));
    }

    /** The path under which Quarkus serves health and metrics, "/q" unless configured otherwise. */
    String nonApplicationRoot() {
        String root = properties.getProperty("quarkus.http.root-path", "/");
        String nonApplication = properties.getProperty("quarkus.http.non-application-root-path", "q");
        String joined = (root.endsWith("/") ? root : root + "/") + nonApplication;
        return joined.startsWith("/") ? joined : "/" + joined;
    }

    Duration shutdownTimeout() {
        return parseDuration(value("quarkus.shutdown.timeout"));
    }

    String databaseUser() {
        return value("quarkus.datasource.username");
    }

    String flywaySchema() {
        return value("quarkus.flyway.schemas");
    }

    /** registry/group/name:tag of the image a container-image build of this module produces. */
    String imageReference() {
        return value("quarkus.container-image.registry") + "/" + value("quarkus.container-image.group") + "/"
                + value("quarkus.container-image.name") + ":" + value("quarkus.container-image.tag");
    }

    /** The environment variable (if any) through which a key is set, e.g. MENTORING_HTTP_PORT for quarkus.http.port. */
    Set<String> environmentNamesOf(String key) {
        String raw = properties.getProperty(key);
        return raw == null ? Set.of() : environmentNames(raw);
    }

    /** Every environment variable the service's configuration reads through a placeholder. */
    Set<String> environmentSettings() {
        Set<String> names = new LinkedHashSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                names.addAll(environmentNames(properties.getProperty(key)));
            }
        }
        return names;
    }

    private static Set<String> environmentNames(String value) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = ENVIRONMENT_NAME.matcher(value);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private String expand(String value) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < value.length()) {
            int start = value.indexOf("${", at);
            if (start < 0) {
                out.append(value, at, value.length());
                break;
            }
            out.append(value, at, start);
            int end = closingBrace(value, start + 2);
            out.append(resolve(value.substring(start + 2, end)));
            at = end + 1;
        }
        return out.toString();
    }

    private String resolve(String expression) {
        int colon = topLevelColon(expression);
        String reference = colon < 0 ? expression : expression.substring(0, colon);
        String fallback = colon < 0 ? null : expression.substring(colon + 1);
        boolean environmentVariable = reference.equals(reference.toUpperCase()) && !reference.contains(".");
        if (!environmentVariable) {
            if (reference.equals("quarkus.application.version") && !properties.containsKey(reference)) {
                return version;
            }
            if (properties.containsKey(reference)) {
                return expand(properties.getProperty(reference));
            }
        }
        if (fallback == null) {
            throw new AssertionError(name + ": ${" + expression + "} has no value without the environment");
        }
        return expand(fallback);
    }

    private static int closingBrace(String value, int from) {
        int depth = 1;
        for (int i = from; i < value.length(); i++) {
            if (value.startsWith("${", i)) {
                depth++;
                i++;
            } else if (value.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced placeholder in " + value);
    }

    private static int topLevelColon(String expression) {
        int depth = 0;
        for (int i = 0; i < expression.length(); i++) {
            if (expression.startsWith("${", i)) {
                depth++;
                i++;
            } else if (expression.charAt(i) == '}') {
                depth--;
            } else if (expression.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Quarkus durations: "20s", "500ms", "1m", "PT20S" or a plain number of seconds. */
    static Duration parseDuration(String text) {
        String value = text.trim();
        if (value.startsWith("PT") || value.startsWith("pt")) {
            return Duration.parse(value.toUpperCase());
        }
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static String projectVersion(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            String own = childText(project, "version");
            if (own != null) {
                return own;
            }
            for (Node node = project.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element parent && parent.getTagName().equals("parent")) {
                    return childText(parent, "version");
                }
            }
            throw new IllegalStateException(pom + " names no version");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }

    private static String childText(Element element, String tag) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(tag)) {
                return child.getTextContent().trim();
            }
        }
        return null;
    }
}
