/// A project whose every text field carries markup and script payloads.
enum HostileFiles {
    static let script = "<script>window.__pwned=1</script>"
    static let attribute = "\"><img src=x onerror=window.__pwned=1>"
    static let closer = "</script><script>window.__pwned=1</script>"
    static let single = "'><svg onload=window.__pwned=1>"
    static let mustache = "{{{t.lot}}} {{>head}}"
    static let javascriptURL = "javascript:window.__pwned=1"
    /// Short enough for a lot (GS1: at most 20 characters of CSET 82).
    static let lot = "</script><b>L\"'"
    static let serialPrefix = "<i>'"

    /// Payloads that must show as text on the batch page.
    static let visible = [script, attribute, closer, single, mustache]

    /// YAML double-quoted scalar.
    static func q(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static var files: [String: String] {
        [
            "passport.yaml": """
                name: \(q("Evil " + script))
                description: {en: \(q(attribute)), it: \(q(closer))}
                address: \(q(single))
                country: IT
                email: \(q("a\"><img/src=x/onerror=window.__pwned=1>@x.example"))
                phone: \(q("+39 " + attribute))
                base_url: https://hostile.example
                languages: [en, it]
                signing_key: main
                actors:
                  - {id: a, name: \(q(script)), role: \(q(attribute)), place: \(q(closer)), country: IT, website: \(q(javascriptURL))}
                  - {id: b, name: \(q(single)), role: \(q(mustache)), place: \(q(script)), website: \(q("https://x.example/\"><script>window.__pwned=1</script>"))}
                """,
            "keys/main.jwk": "",
            "products/evil.yaml": """
                gtin: "08012345000036"
                name: {en: \(q(script)), it: \(q(closer))}
                description: \(q(attribute))
                category: {name: \(q(single)), gpc: "10000043"}
                net_quantity: 1 kg
                materials:
                  - {name: \(q(closer)), origin: IT, place: \(q(attribute)), share: 50, hs: "1509"}
                  - {name: \(q(mustache)), origin: FR, share: 50, hazardous: true, unspsc: "50151513"}
                certifications: [evil-cert]
                """,
            "certificates/evil-cert.yaml": """
                scheme: \(q(script))
                badge: \(q(attribute))
                certifier: {name: \(q(closer)), did: "did:web:evil.example"}
                number: \(q(single))
                scope: \(q(mustache))
                valid_from: 2026-01-01
                valid_until: 2027-01-01
                evidence: \(q("https://x.example/\"><script>window.__pwned=1</script>"))
                topic: governance.ethics
                """,
            "batches/evil-batch.yaml": """
                product: evil
                lot: \(q(lot))
                production_date: 2026-10-01
                quantity: 10
                serialized: {prefix: \(q(serialPrefix)), first: 1, count: 2, digits: 3}
                retail_price: {amount: 10, currency: EUR}
                journey:
                  - {actor: a, role: \(q(attribute)), place: \(q(script)), lat: 43.0, lon: 11.0, date: 2026-09-01, what: \(q(closer))}
                  - {actor: b, role: \(q(single)), place: \(q(attribute)), lat: 43.5, lon: 11.5, date: 2026-09-02, what: {en: \(q(mustache)), it: \(q(single))}}
                value_shares:
                  - {actor: a, amount: 3, currency: EUR}
                  - {actor: b, percent: 20}
                inputs:
                  - {name: \(q(script)), passport: \(q("https://x.example/\"><img/src=x/onerror=window.__pwned=1>")), sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}
                recall: {date: 2026-10-05, reason: \(q(attribute + " " + script))}
                """,
        ]
    }
}
