package org.carbonledger.service.logging;

import java.util.Map;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/** Gives every request an id (see {@link RequestIds}) and puts it in the MDC for as long as the request is served. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {
    @RequestFilter
    void assign(HttpRequest<?> request, MutablePropagatedContext context) {
        String id = RequestIds.assign(request);
        context.add(new MdcPropagationContext(Map.of(LogFields.REQUEST_ID, id)));
    }

    @ResponseFilter
    void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        RequestIds.of(request).ifPresent(id -> response.header(RequestIds.HEADER, id));
    }

    @Override
    public int getOrder() {
        // Before security, so that 401/403 answers and their log lines carry the id too.
        return ServerFilterPhase.FIRST.order();
    }
}
