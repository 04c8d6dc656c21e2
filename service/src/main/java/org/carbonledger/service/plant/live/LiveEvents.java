package org.carbonledger.service.plant.live;

import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import org.carbonledger.core.json.Jcs;
import org.carbonledger.core.json.JsonObject;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The server-sent events of the live page: {@code snapshot} (the live figures) and {@code alert} (an alert raised,
 * acknowledged or cleared). Every connected page gets every event from the moment it connects; a page that cannot
 * keep up misses snapshots rather than slowing the readings down (the next snapshot carries everything).
 */
@Singleton
class LiveEvents {

    private final Sinks.Many<Event<String>> sink = Sinks.many().multicast().directBestEffort();

    void publish(String name, JsonObject data) {
        Event<String> event = Event.of(Jcs.canonicalString(data)).name(name);
        // Several threads publish (readings, the timer, acknowledgements): serialize the emissions.
        synchronized (sink) {
            sink.tryEmitNext(event);
        }
    }

    Flux<Event<String>> stream() {
        return sink.asFlux();
    }
}
