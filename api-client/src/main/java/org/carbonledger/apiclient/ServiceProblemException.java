package org.carbonledger.apiclient;

import java.net.URI;
import java.util.Objects;

/** The service answered, and refused: a status other than 2xx, with the problem it stated. */
public final class ServiceProblemException extends ServiceException {
    /** The path of the OAuth token endpoint. */
    public static final String TOKEN_PATH = "/oauth/token";

    private final ServiceProblem problem;

    ServiceProblemException(URI base, String path, ServiceProblem problem) {
        super(base, path, "the service answered " + problem.status() + " to " + path + ": " + problem.detail(), null);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** @return what the service said */
    public ServiceProblem problem() {
        return problem;
    }

    /** @return the HTTP status */
    public int status() {
        return problem.status();
    }

    /** @return whether the token endpoint refused the client's credentials (400 or 401 there) */
    public boolean credentialsRefused() {
        return path().equals(TOKEN_PATH) && (status() == 400 || status() == 401);
    }
}
