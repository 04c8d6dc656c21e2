package org.carbonledger.service.passport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.carbonledger.core.accounting.Co2e;
import org.carbonledger.core.accounting.Scope;
import org.carbonledger.core.accounting.Stage;
import org.carbonledger.core.accounting.StageScope;
import org.carbonledger.core.pact.Provenance;

/**
 * Server-rendered HTML of the consumer passport: one small self-contained page (inline CSS, the chart as inline SVG,
 * no script, no external resource), laid out for a phone first, in English or Chinese ({@link PassportLanguage}).
 * Every term a consumer may not know has a plain-language explanation in a {@code <details>} beside it. Every value
 * from the ledger is HTML-escaped; the message bundles are trusted HTML.
 */
final class PassportPage {
    private static final Map<PassportLanguage, String> NATIVE_NAMES = Map.of(
            PassportLanguage.EN, "English", PassportLanguage.ZH, "中文");
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
            .lang{text-align:right;font-size:.9rem}.lang>*{margin-left:.6rem}.lang span{font-weight:600}
            details.term{margin-top:.6rem;font-size:.9rem}details.term summary{cursor:pointer;color:#2457c5}
            details.term p{margin:.3rem 0 0;color:#3b4452}
            """;

    private PassportPage() {
    }

    /** Renders the page in English. */
    static String render(Passport p) {
        return render(p, PassportLanguage.EN);
    }

    static String render(Passport p, PassportLanguage l) {
        Provenance pv = p.facts().provenance();
        String lot = esc(p.batch().id().lot().value());
        StringBuilder html = new StringBuilder(16384);
        html.append("<!doctype html><html lang=\"").append(l.tag()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(l.text("title", esc(p.productName()), lot)).append("</title><style>")
                .append(STYLE).append("</style></head><body><main>");
        languageSwitch(html, l);
        html.append("<header><div class=\"muted\">").append(l.text("kicker")).append("</div><h1 id=\"product\">")
                .append(esc(p.productName())).append("</h1><div class=\"muted\">").append(l.text("lot"))
                .append(" <strong id=\"lot\">").append(lot).append("</strong> · ").append(l.text("gtin")).append(' ')
                .append(esc(p.batch().id().gtin().value()));
        p.producer().ifPresent(name -> html.append(" · ").append(l.text("madeBy", esc(name))));
        html.append("</div></header>");

        html.append("<section aria-labelledby=\"fp\"><h2 id=\"fp\">").append(l.text("footprint.heading"))
                .append("</h2><div class=\"big\" id=\"footprint\">").append(esc(l.decimal(displayed(
                        p.declared().perDeclaredUnit().total())))).append("</div><div id=\"unit\">")
                .append(l.text("footprint.unit", esc(unit(p, l)))).append(" · ").append(l.text("footprint.boundary"))
                .append("</div>");
        BigDecimal biogenic = p.declared().perDeclaredUnit().biogenicCo2();
        if (biogenic.signum() > 0) {
            html.append("<p class=\"muted\">").append(l.text("footprint.biogenic", esc(l.decimal(displayed(biogenic)))))
                    .append("</p>");
        }
        term(html, "co2e", l.text("term.co2e.q"), l.text("term.co2e.a"));
        term(html, "boundary", l.text("term.boundary.q"), l.text("term.boundary.a"));
        html.append("</section>");

        html.append("<section aria-labelledby=\"br\"><h2 id=\"br\">").append(l.text("breakdown.heading"))
                .append("</h2>").append(chart(p, l)).append("<div class=\"legend\">");
        for (Scope s : Scope.values()) {
            html.append("<span><i style=\"background:").append(SCOPE_COLOURS.get(s)).append("\"></i>")
                    .append(l.text("scope", s.number())).append("</span>");
        }
        html.append("</div>");
        term(html, "scope", l.text("term.scope.q"), l.text("term.scope.1"), l.text("term.scope.2"),
                l.text("term.scope.3"));
        html.append("</section>");

        Passport.Verification v = p.verification();
        html.append("<section aria-labelledby=\"ve\"><h2 id=\"ve\">").append(l.text("verification.heading"))
                .append("</h2><span id=\"verification\" class=\"badge ").append(v.status()).append("\">")
                .append(l.text("verification." + v.status())).append("</span>");
        v.attestation().ifPresent(a -> html.append("<dl style=\"margin-top:.6rem\"><dt>")
                .append(l.text("verification.certifier")).append("</dt><dd id=\"certifier\">")
                .append(esc(v.certifier().orElseThrow())).append("</dd><dt>").append(l.text("verification.standard"))
                .append("</dt><dd>").append(esc(a.standard())).append("</dd><dt>")
                .append(l.text("verification.assurance")).append("</dt><dd id=\"assurance\">")
                .append(esc(l.textOr("assurance." + a.assuranceLevel(), a.assuranceLevel().toLowerCase(Locale.ROOT))))
                .append("</dd><dt>").append(l.text("verification.date")).append("</dt><dd>")
                .append(esc(l.date(a.attestedAt()))).append("</dd><dt>").append(l.text("verification.validUntil"))
                .append("</dt><dd>").append(esc(l.date(a.validUntil()))).append("</dd></dl>"));
        term(html, "assurance", l.text("term.assurance.q"), l.text("term.assurance.limited"),
                l.text("term.assurance.reasonable"));
        html.append("</section>");

        html.append("<section aria-labelledby=\"sc\"><h2 id=\"sc\">").append(l.text("supply.heading"))
                .append("</h2><dl><dt>").append(l.text("supply.tiers")).append("</dt><dd id=\"tiers\">")
                .append(l.text("supply.tiersValue", l.integer(pv.tiers()), l.integer(pv.upstreamTiers())))
                .append("</dd><dt>").append(l.text("supply.suppliers")).append("</dt><dd>");
        List<Passport.Supplier> suppliers = p.suppliers();
        long hidden = suppliers.stream().filter(s -> s.name().isEmpty()).count();
        if (suppliers.isEmpty()) {
            html.append(l.text("supply.none"));
        }
        String sep = "";
        for (Passport.Supplier s : suppliers) {
            if (s.name().isPresent()) {
                html.append(sep).append(esc(s.name().get())).append(" (")
                        .append(l.text("supply.tier", l.integer(s.tier()))).append(')');
                sep = ", ";
            }
        }
        if (hidden > 0) {
            html.append(sep).append(hidden == 1 ? l.text("supply.hiddenOne")
                    : l.text("supply.hiddenMany", l.integer(hidden)));
        }
        html.append("</dd></dl></section>");

        DataQuality dq = DataQuality.of(pv);
        html.append("<section aria-labelledby=\"dq\"><h2 id=\"dq\">").append(l.text("quality.heading"))
                .append("</h2><dl><dt>").append(l.text("quality.measured")).append("</dt><dd id=\"pds\">")
                .append(l.text("quality.measuredValue", esc(l.decimal(dq.measuredPercent()))))
                .append("</dd><dt>").append(l.text("quality.calculated")).append("</dt><dd id=\"calculated\">")
                .append(l.text("quality.calculatedValue", esc(l.decimal(dq.calculatedPercent()))))
                .append("</dd><dt>").append(l.text("quality.readings")).append("</dt><dd id=\"readings\">")
                .append(l.text("quality.readingsValue", l.integer(dq.readings()), l.integer(dq.measuredReadings()),
                        l.integer(dq.activityReadings())))
                .append("</dd><dt>").append(l.text("quality.period")).append("</dt><dd>")
                .append(esc(l.date(pv.referencePeriodStart()))).append(" – ").append(esc(l.date(pv.referencePeriodEnd())))
                .append("</dd><dt>").append(l.text("quality.sealed")).append("</dt><dd>")
                .append(l.text("quality.sealedValue", esc(l.date(p.batch().sealedAt().orElseThrow()))))
                .append("</dd></dl>");
        term(html, "seal", l.text("term.seal.q"), l.text("term.seal.a"), l.text("term.seal.check"));
        html.append("</section>");

        html.append("<footer><p>").append(l.text("footer.seal")).append(" <span id=\"seal\">")
                .append(esc(p.batch().sealHash().orElseThrow().toHex())).append("</span></p><p><a href=\"")
                .append(esc(p.link().path())).append("?linkType=all\">").append(l.text("footer.links"))
                .append("</a> · <a href=\"").append(esc(p.link().path())).append("?format=qr-svg\">")
                .append(l.text("footer.qr")).append("</a></p></footer>");
        return html.append("</main></body></html>").toString();
    }

    /** The visible switch: each other language as a link to {@code ?lang=}, which wins over Accept-Language. */
    static void languageSwitch(StringBuilder html, PassportLanguage l) {
        html.append("<nav class=\"lang\" aria-label=\"").append(esc(l.text("switch.label"))).append("\">");
        for (PassportLanguage other : PassportLanguage.values()) {
            if (other == l) {
                html.append("<span aria-current=\"true\">").append(NATIVE_NAMES.get(other)).append("</span>");
            } else {
                html.append("<a id=\"lang-").append(other.parameter()).append("\" href=\"?lang=")
                        .append(other.parameter()).append("\" hreflang=\"").append(other.tag()).append("\" lang=\"")
                        .append(other.tag()).append("\">").append(NATIVE_NAMES.get(other)).append("</a>");
            }
        }
        html.append("</nav>");
    }

    /**
     * The two data-quality figures, worded so they cannot be read against each other: the measured share weighs
     * records by CO2e (and suppliers' batches by their own share), whereas every record, measured or not, is signed
     * by its meter, so the readings are counted by kind instead of all being called "measured".
     *
     * @param measuredPercent share of the footprint from measured emissions, 1 decimal, half-even
     * @param calculatedPercent the rest (activity amounts times emission factors), 1 decimal, half-even
     * @param readings every signed record of the provenance
     * @param measuredReadings those that report measured gases
     */
    record DataQuality(BigDecimal measuredPercent, BigDecimal calculatedPercent, int readings, int measuredReadings) {
        static DataQuality of(Provenance p) {
            BigDecimal measured = p.primaryDataSharePercent();
            BigDecimal calculated = BigDecimal.valueOf(100).subtract(measured);
            return new DataQuality(rounded(measured), rounded(calculated), p.recordCount(), p.measuredRecordCount());
        }

        private static BigDecimal rounded(BigDecimal percent) {
            return percent.setScale(1, RoundingMode.HALF_EVEN);
        }

        int activityReadings() {
            return readings - measuredReadings;
        }
    }

    /** A term a consumer may not know, with its plain-language explanation one tap away (no script needed). */
    private static void term(StringBuilder html, String id, String question, String... answer) {
        html.append("<details class=\"term\" id=\"term-").append(id).append("\"><summary>").append(question)
                .append("</summary>");
        for (String a : answer) {
            html.append("<p>").append(a).append("</p>");
        }
        html.append("</details>");
    }

    /** @return the declared unit's name in the language, else its symbol */
    private static String unit(Passport p, PassportLanguage l) {
        String symbol = p.declared().declaredUnit().symbol();
        return l.textOr("unit." + symbol, symbol);
    }

    /** @return 2 decimals, or 4 below 1 kg, half-even: the digits shown, exactly */
    static BigDecimal displayed(BigDecimal v) {
        return new BigDecimal(Passport.display(v));
    }

    /** One row per stage that has emissions, its bar split by scope, widths in proportion to the whole footprint. */
    static String chart(Passport p) {
        return chart(p, PassportLanguage.EN);
    }

    static String chart(Passport p, PassportLanguage l) {
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
                .append("\" aria-label=\"").append(esc(l.text("chart.label"))).append("\">");
        int y = 0;
        for (Map.Entry<Stage, Map<Scope, BigDecimal>> row : rows.entrySet()) {
            BigDecimal stageTotal = row.getValue().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            String stage = l.text("stage." + row.getKey().name());
            svg.append("<text x=\"0\" y=\"").append(y + 14).append("\" font-size=\"12\" fill=\"#1b2330\">")
                    .append(esc(stage)).append("</text><text x=\"").append(width)
                    .append("\" y=\"").append(y + 14).append("\" font-size=\"12\" text-anchor=\"end\" fill=\"#1b2330\">")
                    .append(esc(l.decimal(displayed(stageTotal)))).append(" kg · ")
                    .append(esc(Passport.sharePercent(stageTotal, total))).append(" %</text>");
            svg.append("<rect x=\"0\" y=\"").append(y + 20).append("\" width=\"").append(width)
                    .append("\" height=\"16\" rx=\"3\" fill=\"#eceff3\"/>");
            double x = 0;
            for (Map.Entry<Scope, BigDecimal> cell : row.getValue().entrySet()) {
                double w = total.signum() == 0 ? 0 : cell.getValue().doubleValue() / total.doubleValue() * width;
                svg.append("<rect class=\"segment\" x=\"").append(fmt(x)).append("\" y=\"").append(y + 20)
                        .append("\" width=\"").append(fmt(Math.max(w, cell.getValue().signum() > 0 ? 1.5 : 0)))
                        .append("\" height=\"16\" fill=\"").append(SCOPE_COLOURS.get(cell.getKey()))
                        .append("\"><title>").append(esc(l.text("chart.cell", stage, cell.getKey().number(),
                                l.decimal(displayed(cell.getValue()))))).append("</title></rect>");
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

    /**
     * A minimal page for errors, so a phone shows a sentence rather than JSON: a title and an explanation in the
     * reader's language, and the technical detail (English, as in the problem JSON) one tap away.
     *
     * @param kind the error's texts in the bundles: {@code error.<kind>.title} and {@code error.<kind>}
     * @param args values for the explanation, already escaped
     */
    static String error(int status, PassportLanguage l, String kind, String detail, Object... args) {
        String title = l.text("error." + kind + ".title");
        return "<!doctype html><html lang=\"" + l.tag() + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width,initial-scale=1\"><title>" + status + " " + title + "</title><style>"
                + STYLE + "</style></head><body><main><section><h1>" + title + "</h1><p id=\"explanation\">"
                + l.text("error." + kind, args) + "</p><details class=\"term\" id=\"error-detail\"><summary>"
                + l.text("error.detail", status) + "</summary><p" + (l == PassportLanguage.EN ? "" : " lang=\"en\"")
                + ">" + esc(detail) + "</p></details></section></main></body></html>";
    }
}
