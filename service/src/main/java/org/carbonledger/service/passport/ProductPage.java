package org.carbonledger.service.passport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Server-rendered HTML of a product's page ({@code /01/{gtin}}, also what a lot without a passport walks up to), in
 * the passport's languages and style ({@link PassportPage}). Every value from the ledger is HTML-escaped; the message
 * bundles are trusted HTML.
 */
final class ProductPage {
    /** Why a scanned lot is answered by its product page. */
    enum LotStatus {
        /** the ledger holds no such lot */
        UNKNOWN,
        /** the lot exists but its footprint is not sealed yet */
        NOT_SEALED
    }

    /**
     * What the page shows.
     *
     * @param name the product's name
     * @param gtin its GTIN-14
     * @param path the product's Digital Link path ({@code /01/{gtin}}): its linkset and QR code, also when the page
     *     answers for a lot
     * @param producer the producer's name, present only when its profile is public
     * @param requestedLot the lot that was scanned, when the page answers for one
     * @param lotStatus why that lot has no passport (present exactly when {@code requestedLot} is)
     * @param sealedLotCount how many lots of the product are sealed
     * @param lots the newest sealed lots with their paths ({@code /01/{gtin}/10/{lot}}), at most a page's worth
     */
    record View(String name, String gtin, String path, Optional<String> producer, Optional<String> requestedLot,
                Optional<LotStatus> lotStatus, long sealedLotCount, List<Lot> lots) {
        View {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(gtin, "gtin");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(producer, "producer");
            Objects.requireNonNull(requestedLot, "requestedLot");
            Objects.requireNonNull(lotStatus, "lotStatus");
            if (requestedLot.isPresent() != lotStatus.isPresent()) {
                throw new IllegalArgumentException("a requested lot and its status come together");
            }
            lots = List.copyOf(lots);
        }
    }

    /**
     * A sealed lot listed on the page.
     *
     * @param lot the lot as the ledger holds it
     * @param path its Digital Link path on this resolver, percent-encoded
     */
    record Lot(String lot, String path) {
        Lot {
            Objects.requireNonNull(lot, "lot");
            Objects.requireNonNull(path, "path");
        }
    }

    private ProductPage() {
    }

    /**
     * @param chosen whether the reader chose the language with the switch ({@code ?lang=}): the links to the lots then
     *     keep that choice, which the browser's {@code Accept-Language} alone would not make
     */
    static String render(View v, PassportLanguage l, boolean chosen) {
        String name = PassportPage.esc(v.name());
        StringBuilder html = new StringBuilder(4096);
        html.append("<!doctype html><html lang=\"").append(l.tag()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(l.text("product.title", name)).append("</title><style>")
                .append(PassportPage.STYLE).append("</style></head><body><main>");
        PassportPage.languageSwitch(html, l);
        html.append("<header><div class=\"muted\">").append(l.text("product.kicker"))
                .append("</div><h1 id=\"product\">").append(name).append("</h1><div class=\"muted\">").append(l.text("gtin")).append(' ')
                .append(PassportPage.esc(v.gtin()));
        v.producer().ifPresent(p -> html.append(" · ").append(l.text("madeBy", PassportPage.esc(p))));
        html.append("</div></header>");
        v.requestedLot().ifPresent(lot -> html.append("<section><p id=\"requested-lot\">")
                .append(l.text(v.lotStatus().orElseThrow() == LotStatus.NOT_SEALED ? "product.lotNotSealed"
                        : "product.lotUnknown", PassportPage.esc(lot)))
                .append("</p></section>"));
        html.append("<section aria-labelledby=\"lots\"><h2 id=\"lots\">").append(l.text("product.lots.heading"))
                .append("</h2>");
        if (v.lots().isEmpty()) {
            html.append("<p>").append(l.text("product.lots.none")).append("</p>");
        } else {
            html.append("<p class=\"muted\" id=\"lot-count\">").append(v.sealedLotCount() == 1
                    ? l.text("product.lots.countOne") : l.text("product.lots.count", l.integer(v.sealedLotCount())))
                    .append("</p><ul>");
            String query = chosen ? "?lang=" + l.parameter() : "";
            for (Lot lot : v.lots()) {
                html.append("<li><a href=\"").append(PassportPage.esc(lot.path() + query)).append("\">")
                        .append(l.text("lot")).append(' ').append(PassportPage.esc(lot.lot())).append("</a></li>");
            }
            html.append("</ul>");
        }
        String path = PassportPage.esc(v.path());
        html.append("</section><footer><p><a href=\"").append(path).append("?linkType=all\">")
                .append(l.text("footer.links")).append("</a> · <a href=\"").append(path).append("?format=qr-svg\">")
                .append(l.text("footer.qr")).append("</a></p></footer>");
        return html.append("</main></body></html>").toString();
    }
}
