import Credentials
import Foundation
import PassportNetwork
import Site

/// The members' products, read from their bundles' passports (each checked against the member's
/// keys): for the catalogue page and the schema.org feed a headless shop reads.
struct Catalogue {
    var members: [CataloguePage.Member] = []
    var productCount: Int { members.reduce(0) { $0 + $1.products.count } }

    init(entries: [NetworkFolder.Entry]) throws(BuildError) {
        for entry in entries {
            var products: [String: CataloguePage.Product] = [:]
            for key in entry.bundle.passports.keys.sorted() {
                guard let jwt = entry.bundle.passports[key], let batch = entry.party.manifest.batches[key] else { continue }
                let passport: ProductPassport
                do { passport = try entry.party.check(passport: jwt, gtin: batch.gtin, lot: batch.lot, source: "members/\(entry.member.name)") } catch {
                    throw .network(error)
                }
                let facts = UpstreamPassportFacts(passport: passport)
                let batchPage = (facts.batchLink ?? "") + "/"
                let base = entry.member.website ?? ""
                var product = products[batch.gtin] ?? CataloguePage.Product(
                    name: facts.productName ?? "GTIN \(batch.gtin)", gtin: batch.gtin,
                    href: base + "/01/\(batch.gtin)/", batches: [])
                product.batches.append((batch.lot, batchPage))
                products[batch.gtin] = product
            }
            members.append(CataloguePage.Member(name: entry.member.name, did: entry.member.did, since: entry.member.since,
                                                website: entry.member.website,
                                                products: products.keys.sorted().compactMap { products[$0] }))
        }
    }

    /// A schema.org `ItemList` of `Product`s, each with its GTIN, its page and its maker.
    func feed(network: String, base: String) -> JSONValue {
        var items: [JSONValue] = []
        for member in members {
            for product in member.products {
                var maker: [String: JSONValue] = ["@type": "Organization", "name": .string(member.name), "identifier": .string(member.did)]
                if let website = member.website { maker["url"] = .string(website + "/") }
                items.append(["@type": "ListItem", "position": .int(items.count + 1), "item": [
                    "@type": "Product", "name": .string(product.name), "gtin14": .string(product.gtin),
                    "url": .string(product.href), "manufacturer": .object(maker),
                    "subjectOf": .array(product.batches.map { ["@type": "WebPage", "name": .string("Passport of lot \($0.lot)"), "url": .string($0.href)] }),
                ]])
            }
        }
        return ["@context": "https://schema.org", "@type": "ItemList", "name": .string("\(network) — products of its members"),
                "url": .string(base + "/"), "numberOfItems": .int(items.count), "itemListElement": .array(items)]
    }
}
