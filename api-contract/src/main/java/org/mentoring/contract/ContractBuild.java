package org.mentoring.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.ConsoleRender;

/**
 * The contract check of the build: merges the services' stored documents ({@code <service>/target/openapi}) into
 * one, then compares it with the committed {@code docs/openapi.yaml}. A change that breaks existing clients fails
 * unless accepted on purpose; any difference fails unless the contract is being regenerated.
 */
public final class ContractBuild {

    public static final List<String> SERVICES =
            List.of("profile-service", "matching-service", "session-service", "feedback-service");
    public static final String CONTRACT = "docs/openapi.yaml";
    public static final String REGENERATE =
            "./mvnw -B -ntp -pl api-contract -am package -DskipTests -Dcontract.update=true";

    static final String HEADER = "# The OpenAPI contract in front of the mentoring platform. GENERATED from the services' code by the\n"
            + "# api-contract module: do not edit. Regenerate on purpose with\n"
            + "#   " + REGENERATE + "\n"
            + "# (add -Dcontract.accept-breaking=true when a change that breaks clients is intended).\n";

    private ContractBuild() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Path repository = Path.of(options.getOrDefault("repository", ".")).toAbsolutePath().normalize();
        boolean update = Boolean.parseBoolean(options.getOrDefault("update", "false"));
        boolean acceptBreaking = Boolean.parseBoolean(options.getOrDefault("accept-breaking", "false"));
        String version = options.getOrDefault("version", "0.0.0");

        JsonNode merged = new ContractMerger(version).merge(read(repository));
        RolesFromCode.apply(merged, RolesFromCode.read(repository, SERVICES));
        String generated = render(merged);
        Path contract = repository.resolve(CONTRACT);
        String committed = Files.exists(contract) ? Files.readString(contract, StandardCharsets.UTF_8) : null;

        if (committed != null && !committed.equals(generated)) {
            ChangedOpenApi diff = OpenApiCompare.fromContents(committed, generated);
            if (diff.isIncompatible()) {
                String changes = new ConsoleRender().render(diff);
                System.out.println("[contract] changes that BREAK clients of the committed " + CONTRACT + ":\n" + changes);
                if (!acceptBreaking) {
                    fail("The services' API breaks clients of the committed contract (changes above). If that is "
                            + "intended, regenerate with\n    " + REGENERATE + " -Dcontract.accept-breaking=true\n"
                            + "and say so in the commit; otherwise change the code back.");
                }
            } else if (diff.isDifferent()) {
                System.out.println("[contract] compatible changes against the committed " + CONTRACT);
            }
        }
        if (generated.equals(committed)) {
            System.out.println("[contract] " + CONTRACT + " matches the services' code");
            return;
        }
        if (update) {
            Files.writeString(contract, generated, StandardCharsets.UTF_8);
            System.out.println("[contract] wrote " + contract + "; commit it with the change of the API");
            return;
        }
        fail("The services' API differs from the committed " + CONTRACT + ":\n" + TextDiff.summary(committed, generated, 40)
                + "\nRegenerate it and commit it with the change:\n    " + REGENERATE);
    }

    static List<ContractMerger.ServiceDocument> read(Path repository) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<ContractMerger.ServiceDocument> documents = new ArrayList<>();
        for (String service : SERVICES) {
            Path stored = repository.resolve(service).resolve("target/openapi/openapi.yaml");
            if (!Files.exists(stored)) {
                fail(stored + " is missing: build " + service + " first (run this module with -am), and keep "
                        + "quarkus.smallrye-openapi.store-schema-directory=target/openapi in its application.properties");
            }
            JsonNode document = yaml.readTree(stored.toFile());
            documents.add(new ContractMerger.ServiceDocument(service, document));
        }
        return documents;
    }

    static String render(JsonNode document) throws IOException {
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build());
        return HEADER + yaml.writeValueAsString(document);
    }

    private static void fail(String message) {
        throw new ContractCheckFailure(message);
    }

    /** The build's verdict; exec-maven-plugin turns it into a failed build with this message. */
    public static final class ContractCheckFailure extends RuntimeException {
        ContractCheckFailure(String message) {
            super(message);
        }
    }
}
