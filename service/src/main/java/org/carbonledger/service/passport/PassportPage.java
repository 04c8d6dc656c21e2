package org.carbonledger.service.passport;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.Scope;
import org.carbonledger.core.accounting.Stage;
import org.carbonledger.core.accounting.StageScope;
import org.carbonledger.core.quantity.Decimals;

/**
 * Server-rendered HTML of the consumer passport: one small self-contained page (inline CSS, the chart as inline SVG,
 * no script, no external resource), laid out for a phone first. Every value from the ledger is HTML-escaped.
 */
final class PassportPage {
    private static final Map<Scope, String> SCOPE_COLOURS = Map.of(
            Scope.SCOPE_1, "#b4233c", Scope.SCOPE_2, "#e08a00", Scope.SCOPE_3, "#2457c5");
    static final String STYLE = """
            *{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
            color:#1b2330;background:#f3f5f8}main{max-width:36rem;margin:0 auto;padding:1rem}
            header h1{font-size:1.35rem;margin:.2rem 0}.muted{color:#5b6575;font-size:.9rem}
            section{background:#fff;border-radius:.8rem;padding:1rem;margin:.8rem 0;box-shadow:0 1px 3px #0001}
            h2{font-size:1rem;margin:0 0 .6rem}.big{font-size:2.4rem;font-weight:700;line-height:1.1}
            .badge{display:inline-block;border-radius:1rem;padding:.25rem .75rem;font-weight:600;font-size:.9rem}
            .VERIFIED{background:#dff5e3;color:#115c26}.EXPIRED{background:#fff1d6;color:#7a4b00}
            .NOT_VERIFIED,.NOT_YET_VALID{background:#eceff3;color:#3b4452}dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem .8rem;
            margin:0}dt{color:#5b6575}dd{margin:0;overflow-wrap:anywhere}svg{width:100%;height:auto;display:block}
            .legend span{display:inline-block;margin-right:.8rem;font-size:.85rem}.legend i{display:inline-block;
            width:.8rem;height:.8rem;border-radius:.2rem;margin-right:.3rem;vertical-align:-.1rem}
            footer{font-size:.8rem;color:#5b6575;overflow-wrap:anywhere;padding:0 .2rem}a{color:#2457c5}
            """;

    private PassportPage() {
    }

    static String render(Passport p) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(esc(p.productName())).append(" · lot ").append(esc(p.batch().id().lot().value()))
                .append(" · carbon footprint</title><style>").append(STYLE).append("</style></head><body><main>");
        html.append("<header><div class=\"muted\">Carbon footprint passport</div><h1 id=\"product\">")
                .append(esc(p.productName())).append("</h1><div class=\"muted\">Lot <strong id=\"lot\">")
                .append(esc(p.batch().id().lot().value())).append("</strong> · GTIN ")
                .append(esc(p.batch().id().gtin().value()));
        p.producer().ifPresent(name -> html.append(" · made by ").append(esc(name)));
        html.append("</div></header>");

        html.append("<section aria-labelledby=\"fp\"><h2 id=\"fp\">Carbon footprint</h2><div class=\"big\" id=\"footprint\">")
                .append(esc(p.displayTotal())).append("</div><div>").append(esc(p.unitLabel()))
                .append(" · cradle to factory gate</div>");
        String biogenic = Passport.display(p.declared().perDeclaredUnit().biogenicCo2());
        if (p.declared().perDeclaredUnit().biogenicCo2().signum() > 0) {
            html.append("<p class=\"muted\">Plus ").append(esc(biogenic))
                    .append(" kg of biogenic CO2, reported separately as the GHG Protocol asks.</p>");
        }
        html.append("</section>");

        html.append("<section aria-labelledby=\"br\"><h2 id=\"br\">Where it comes from</h2>")
                .append(chart(p)).append("<div class=\"legend\">");
        for (Scope s : Scope.values()) {
            html.append("<span><i style=\"background:").append(SCOPE_COLOURS.get(s)).append("\"></i>Scope ")
                    .append(s.number()).append("</span>");
        }
        html.append("</div></section>");

        Passport.Verification v = p.verification();
        html.append("<section aria-labelledby=\"ve\"><h2 id=\"ve\">Verification</h2><span id=\"verification\" class=\"badge ")
                .append(v.status()).append("\">").append(switch (v.status()) {
                    case "VERIFIED" -> "✔ Independently verified";
                    case "EXPIRED" -> "Verification expired";
                    case "NOT_YET_VALID" -> "Verification not yet in force";
                    default -> "Not verified";
                }).append("</span>");
        v.attestation().ifPresent(a -> html.append("<dl style=\"margin-top:.6rem\"><dt>Certifier</dt><dd id=\"certifier\">")
                .append(esc(v.certifier().orElseThrow())).append("</dd><dt>Standard</dt><dd>").append(esc(a.standard()))
                .append("</dd><dt>Assurance</dt><dd>").append(esc(a.assuranceLevel().toLowerCase(Locale.ROOT)))
                .append("</dd><dt>Date</dt><dd>").append(esc(a.attestedAt().toString().substring(0, 10)))
                .append("</dd><dt>Valid until</dt><dd>").append(esc(a.validUntil().toString().substring(0, 10)))
                .append("</dd></dl>"));
        html.append("</section>");

        html.append("<section aria-labelledby=\"sc\"><h2 id=\"sc\">Supply chain</h2><dl><dt>Tiers</dt><dd id=\"tiers\">")
                .append(p.facts().provenance().tiers()).append(" (").append(p.facts().provenance().upstreamTiers())
                .append(" upstream)</dd><dt>Suppliers</dt><dd>");
        List<Passport.Supplier> suppliers = p.suppliers();
        long hidden = suppliers.stream().filter(s -> s.name().isEmpty()).count();
        if (suppliers.isEmpty()) {
            html.append("none: made from the producer's own materials");
        }
        String sep = "";
        for (Passport.Supplier s : suppliers) {
            if (s.name().isPresent()) {
                html.append(sep).append(esc(s.name().get())).append(" (tier ").append(s.tier()).append(')');
                sep = ", ";
            }
        }
        if (hidden > 0) {
            html.append(sep).append(hidden).append(hidden == 1 ? " supplier" : " suppliers")
                    .append(" not named at their request");
        }
        html.append("</dd></dl></section>");

        html.append("<section aria-labelledby=\"dq\"><h2 id=\"dq\">Data quality</h2><dl><dt>Primary data</dt><dd id=\"pds\">")
                .append(esc(Decimals.display(p.facts().provenance().primaryDataSharePercent(), 1)))
                .append(" % measured at the source</dd><dt>Readings</dt><dd>")
                .append(p.facts().provenance().recordCount()).append(" signed by metering devices</dd><dt>Period</dt><dd>")
                .append(esc(p.facts().provenance().referencePeriodStart().toString().substring(0, 10))).append(" – ")
                .append(esc(p.facts().provenance().referencePeriodEnd().toString().substring(0, 10)))
                .append("</dd><dt>Sealed</dt><dd>").append(esc(p.batch().sealedAt().orElseThrow().toString().substring(0, 10)))
                .append(" on the Carbon Ledger</dd></dl></section>");

        html.append("<footer><p>Seal ").append(esc(p.batch().sealHash().orElseThrow().toHex()))
                .append("</p><p><a href=\"").append(esc(p.link().path())).append("?linkType=all\">All links</a> · <a href=\"")
                .append(esc(p.link().path())).append("?format=qr-svg\">QR code</a></p></footer>");
        return html.append("</main></body></html>").toString();
    }

    /** One row per stage that has emissions, its bar split by scope, widths in proportion to the whole footprint. */
    static String chart(Passport p) {
        BigDecimal total = p.declared().perDeclaredUnit().total();
        Map<Stage, Map<Scope, BigDecimal>> rows = new LinkedHashMap<>();
        for (Map.Entry<StageScope, Co2e> e : p.declared().breakdownPerDeclaredUnit().entrySet()) {
            rows.computeIfAbsent(e.getKey().stage(), k -> new LinkedHashMap<>())
                    .merge(e.getKey().scope(), e.getValue().total(), BigDecimal::add);
        }
        int rowHeight = 46;
        int width = 320;
        StringBuilder svg = new StringBuilder("<svg id=\"breakdown-chart\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(Math.max(1, rows.size()) * rowHeight)
                .append("\" aria-label=\"Footprint by life-cycle stage and scope\">");
        int y = 0;
        for (Map.Entry<Stage, Map<Scope, BigDecimal>> row : rows.entrySet()) {
            BigDecimal stageTotal = row.getValue().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            svg.append("<text x=\"0\" y=\"").append(y + 14).append("\" font-size=\"12\" fill=\"#1b2330\">")
                    .append(esc(label(row.getKey()))).append("</text><text x=\"").append(width)
                    .append("\" y=\"").append(y + 14).append("\" font-size=\"12\" text-anchor=\"end\" fill=\"#1b2330\">")
                    .append(esc(Passport.display(stageTotal))).append(" kg · ")
                    .append(esc(Passport.sharePercent(stageTotal, total))).append(" %</text>");
            svg.append("<rect x=\"0\" y=\"").append(y + 20).append("\" width=\"").append(width)
                    .append("\" height=\"16\" rx=\"3\" fill=\"#eceff3\"/>");
            double x = 0;
            for (Map.Entry<Scope, BigDecimal> cell : row.getValue().entrySet()) {
                double w = total.signum() == 0 ? 0 : cell.getValue().doubleValue() / total.doubleValue() * width;
                svg.append("<rect class=\"segment\" x=\"").append(fmt(x)).append("\" y=\"").append(y + 20)
                        .append("\" width=\"").append(fmt(Math.max(w, cell.getValue().signum() > 0 ? 1.5 : 0)))
                        .append("\" height=\"16\" fill=\"").append(SCOPE_COLOURS.get(cell.getKey()))
                        .append("\"><title>").append(esc(label(row.getKey()))).append(", scope ")
                        .append(cell.getKey().number()).append(": ").append(esc(Passport.display(cell.getValue())))
                        .append(" kg CO2e</title></rect>");
                x += w;
            }
            y += rowHeight;
        }
        return svg.append("</svg>").toString();
    }

    /** Pixel geometry only: doubles are fine here, no value shown to the user comes from them. */
    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String label(Stage stage) {
        return switch (stage) {
            case RAW_MATERIALS -> "Materials and suppliers";
            case PRODUCTION -> "Production";
            case TRANSPORT -> "Transport";
            case PACKAGING -> "Packaging";
            case WASTE -> "Waste";
        };
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A minimal page for errors, so a phone shows a sentence rather than JSON. */
    static String error(int status, String title, String detail) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width,initial-scale=1\"><title>" + status + " " + esc(title) + "</title><style>"
                + STYLE + "</style></head><body><main><section><h1>" + esc(title) + "</h1><p>" + esc(detail)
                + "</p></section></main></body></html>";
    }
}
