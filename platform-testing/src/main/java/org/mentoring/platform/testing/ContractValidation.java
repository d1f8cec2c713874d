package org.mentoring.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks every REST-assured exchange of a test against the committed contract, {@code docs/openapi.yaml}, so that
 * the documented and the real API cannot drift apart. A service's tests adopt it with one line on the test class:
 * {@code @ExtendWith(ContractValidation.class)}.
 *
 * <p>Every response on a {@code /v1} path must be documented: its status, content type and body. A request is
 * checked against the contract when the service accepted it (status below 400); requests a test sends to provoke
 * an error are invalid on purpose, so only the error response they get is checked. Paths outside {@code /v1}
 * (health, {@code /admin}, test-support endpoints) and paths the contract does not know (tests probing for 404s)
 * pass unchecked. The filter applies to the annotated class only: it is removed after the class.
 */
public final class ContractValidation implements Filter, BeforeAllCallback, AfterAllCallback {

    public static final String CONTRACT = "docs/openapi.yaml";
    private static final String PUBLIC_PREFIX = "/v1/";
    private static volatile OpenApiInteractionValidator validator;

    /** The filter, for a single request: {@code given().filter(ContractValidation.filter())}. */
    public static Filter filter() {
        return new ContractValidation();
    }

    /** Adds the filter to REST-assured's defaults once, for every request of the test run. */
    public static synchronized void install() {
        boolean installed = RestAssured.filters().stream().anyMatch(ContractValidation.class::isInstance);
        if (!installed) {
            RestAssured.filters(filter());
        }
    }

    /** Removes the filter from REST-assured's defaults, so that it checks only the classes that ask for it. */
    public static synchronized void uninstall() {
        RestAssured.replaceFiltersWith(RestAssured.filters().stream()
                .filter(filter -> !(filter instanceof ContractValidation)).toList());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        uninstall();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        String path = URI.create(request.getURI()).getPath();
        if (!path.startsWith(PUBLIC_PREFIX)) {
            return response;
        }
        com.atlassian.oai.validator.model.Response actual = RestAssuredResponse.of(response);
        ValidationReport report = response.statusCode() < 400
                ? validator().validate(RestAssuredRequest.of(request), actual)
                : validator().validateResponse(path, Request.Method.valueOf(request.getMethod().toUpperCase(Locale.ROOT)), actual);
        if (report.hasErrors()) {
            throw new AssertionError(request.getMethod() + " " + path + " -> " + response.statusCode()
                    + " does not match the contract " + CONTRACT + " (regenerate it if the API changed on purpose):\n"
                    + SimpleValidationReportFormat.getInstance().apply(report));
        }
        return response;
    }

    static OpenApiInteractionValidator validator() {
        OpenApiInteractionValidator loaded = validator;
        if (loaded == null) {
            synchronized (ContractValidation.class) {
                if (validator == null) {
                    // A path the contract does not know is checked by the service's own tests (404 problem), not here.
                    validator = OpenApiInteractionValidator.createForInlineApiSpecification(read(contract()))
                            .withLevelResolver(LevelResolver.create()
                                    .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                                    .build())
                            .build();
                }
                loaded = validator;
            }
        }
        return loaded;
    }

    /** The contract of this checkout: tests run in a module directory, the contract sits at the repository root. */
    static Path contract() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(CONTRACT);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(CONTRACT + " not found above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
