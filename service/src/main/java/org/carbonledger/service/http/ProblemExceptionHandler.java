package org.carbonledger.service.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders {@link ProblemException}. */
@Singleton
final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {
    @Override
    @SuppressWarnings("rawtypes") // the interface declares a raw HttpRequest; a generic override would not compile
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        return Problems.response(request, exception.problem());
    }
}
