public import Foundation

/// The demo producer project as its files: an olive-oil co-op with a serialized batch, a recalled
/// batch and three certificates. Its key file is a placeholder: the project loads, but cannot sign.
public enum DemoProject {
    /// Relative path → text.
    public static let files: [String: String] = [
        "passport.yaml": """
            name: Oliveto Cooperative
            description:
              en: Forty families growing olives on the hills south of Siena since 1962.
              it: Quaranta famiglie che coltivano olivi sulle colline a sud di Siena dal 1962.
            address: Via degli Ulivi 4, 53024 Montalcino
            country: IT
            email: info@oliveto.example
            phone: +39 0577 000000
            base_url: https://oliveto.example
            languages: [en, it]
            signing_key: main
            brand: {colour: "#5a6b2a", logo: images/logo.svg, typeface: serif}
            actors:
              - {id: rossi, name: Podere Rossi, role: grower, place: Montalcino, country: IT, website: "https://rossi.example"}
              - {id: bianchi, name: Azienda Bianchi, role: grower, place: Castelnuovo dell'Abate, country: IT}
              - {id: frantoio, name: Frantoio Oliveto, role: mill, place: Sant'Angelo in Colle, country: IT}
              - {id: vetreria, name: Vetreria Senese, role: bottler, place: Siena, country: IT}
              - {id: trasporti, name: Trasporti Val d'Orcia, role: carrier, place: Firenze, country: IT}
            """,
        "keys/main.jwk": "{}",
        "images/logo.svg": """
            <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#f6f1e1"/><path d="M14 50C24 40 34 28 50 14" fill="none" stroke="#4b5a23" stroke-width="3"/><circle cx="45" cy="38" r="4.5" fill="#2f3a22"/></svg>
            """,
        "images/bottle.svg": """
            <svg xmlns="http://www.w3.org/2000/svg" width="240" height="320" viewBox="0 0 240 320"><rect width="240" height="320" fill="#f3f5f2"/><rect x="105" y="20" width="30" height="40" rx="4" fill="#3b3b2f"/><path d="M100 60h40v30c25 15 35 35 35 60v140a10 10 0 0 1-10 10H75a10 10 0 0 1-10-10V150c0-25 10-45 35-60z" fill="#6b7d2a"/><rect x="75" y="170" width="90" height="80" rx="6" fill="#f7f1dc"/><text x="120" y="215" font-family="serif" font-size="16" text-anchor="middle" fill="#3b3b2f">Oliveto</text></svg>
            """,
        "products/extra-virgin.yaml": """
            gtin: "08012345000012"
            name: {en: Extra virgin olive oil, it: Olio extravergine di oliva}
            description:
              en: Cold-pressed within six hours of picking. Fruity, with a peppery finish.
              it: Spremuto a freddo entro sei ore dalla raccolta. Fruttato, con un finale piccante.
            story: {en: "Two family farms and one mill, six hours from tree to press.", it: "Due aziende di famiglia e un frantoio, sei ore dall'albero al torchio."}
            category: {name: {en: Olive oil, it: Olio d'oliva}, cpc: "21673"}
            net_quantity: 500 ml
            materials:
              - {name: {en: Olives, it: Olive}, origin: IT, place: "Montalcino, Tuscany", share: 100, cpc: "01450"}
            images: [images/bottle.svg]
            certifications: [eu-organic, roc, old-dop]
            """,
        "products/novello.yaml": """
            gtin: "08012345000029"
            name: {en: New season oil, it: Olio novello}
            category: {name: Olive oil, cpc: "21673"}
            net_quantity: 250 ml
            materials:
              - {name: Olives, origin: IT, share: 98, cpc: "01450"}
              - {name: Glass, origin: IT, share: 2, recycled: 60, cpc: "37191"}
            """,
        "certificates/eu-organic.yaml": """
            scheme: EU organic
            badge: EU Organic
            certifier: {name: Terra Certifications, did: "did:web:terracert.example"}
            number: IT-BIO-006-2026-0042
            scope: {en: Olive growing and milling, it: Coltivazione e molitura delle olive}
            valid_from: 2026-01-01
            valid_until: 2027-06-30
            evidence: {file: evidence/organic.txt}
            topic: environment.biodiversity
            """,
        "evidence/organic.txt": "Certificate IT-BIO-006-2026-0042\n",
        "certificates/roc.yaml": """
            scheme: Regenerative Organic Certified
            badge: ROC
            certifier: {name: Regenerative Organic Alliance, did: "did:web:roa.example"}
            number: ROC-2026-0042
            scope: Olive growing
            valid_from: 2025-12-01
            valid_until: 2027-01-10
            evidence: https://roa.example/certificates/ROC-2026-0042
            topic: environment.biodiversity
            """,
        "certificates/old-dop.yaml": """
            scheme: Toscano PGI
            badge: PGI
            certifier: {name: Consorzio Olio Toscano, did: "did:web:oliotoscano.example"}
            number: PGI-2024-118
            scope: Olive oil from Tuscany
            valid_from: 2024-01-01
            valid_until: 2025-12-31
            topic: governance.compliance
            """,
        "batches/l2026a.yaml": """
            product: extra-virgin
            lot: L2026A
            production_date: 2026-10-14
            best_before: 2028-04-30
            quantity: 1200
            serialized: {first: 1, count: 5, digits: 6}
            retail_price: {amount: 18.50, currency: EUR}
            journey:
              - {actor: rossi, role: grower, place: Montalcino, lat: 43.0563, lon: 11.4890, date: 2026-10-12, what: {en: Olives hand-picked from 80-year-old trees, it: Olive raccolte a mano da alberi di 80 anni}}
              - {actor: bianchi, place: Castelnuovo dell'Abate, lat: 43.0006, lon: 11.5253, date: 2026-10-12, what: Olives picked the same morning}
              - {actor: frantoio, role: mill, place: Sant'Angelo in Colle, lat: 42.9922, lon: 11.4375, date: 2026-10-12, what: {en: Cold-pressed within six hours, it: Spremute a freddo entro sei ore}}
              - {actor: vetreria, role: bottler, place: Siena, lat: 43.3188, lon: 11.3308, date: 2026-10-14, what: Bottled and sealed}
              - {actor: trasporti, role: carrier, place: Firenze, lat: 43.7696, lon: 11.2558, date: 2026-10-16, what: Delivered to the shop}
            value_shares:
              - {actor: rossi, amount: 6.20, currency: EUR}
              - {actor: frantoio, amount: 2.10, currency: EUR}
              - {actor: vetreria, amount: 1.40, currency: EUR}
              - {actor: trasporti, amount: 0.90, currency: EUR}
            inputs:
              - {name: {en: Glass bottle, it: Bottiglia di vetro}, passport: "https://vetreria.example/01/08000000000019/10/G77/dpp.jwt", sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, quantity: 1 unit}
            """,
        "batches/l2025r.yaml": """
            product: extra-virgin
            lot: L2025R
            production_date: 2025-11-02
            quantity: 800
            journey:
              - {actor: rossi, place: Montalcino, lat: 43.0563, lon: 11.4890, date: 2025-10-30}
              - {actor: frantoio, place: Sant'Angelo in Colle, lat: 42.9922, lon: 11.4375, date: 2025-11-02}
            value_shares:
              - {actor: rossi, percent: 40}
              - {actor: frantoio, percent: 15}
            recall:
              date: 2026-01-15
              reason: {en: Some bottles may contain glass fragments., it: Alcune bottiglie potrebbero contenere frammenti di vetro.}
            """,
        "batches/novello-1.yaml": """
            product: novello
            lot: "N-26/1"
            production_date: 2026-10-20
            quantity: 300
            journey:
              - {actor: frantoio, place: Sant'Angelo in Colle, lat: 42.9922, lon: 11.4375, date: 2026-10-20}
            """,
    ]

    /// Writes the project into `root`.
    public static func write(to root: URL) throws {
        try FileTree.write(files, to: root)
    }
}
