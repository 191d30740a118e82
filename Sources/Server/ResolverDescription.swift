internal import Credentials

/// `/.well-known/gs1resolver`: the resolver description file GS1-Conformant Resolver 1.0 asks for
/// (name, root, the primary keys and link type namespaces it handles).
enum ResolverDescription {
    static func json(baseURL: String?) -> JSONValue {
        var description: [String: JSONValue] = [
            "name": "passport resolver",
            "supportedPrimaryKeys": ["01"],
            "linkTypeDefaultCanBeLinkset": false,
            "supportedLinkType": [
                ["namespace": .string(LinkTypes.gs1), "prefix": "gs1:", "profile": "https://gs1.org/voc/?show=linktypes"],
                ["namespace": .string(LinkTypes.untp), "prefix": "untp:", "profile": .string(LinkTypes.untp)],
            ],
            "supportedContextValuesEnumerated": [],
            "supportedContextValuesExternal": [],
            "jsonLdContextLocation": "https://gs1.org/voc/",
            "linksetQueries": ["linkType=linkset", "linkType=all", "Accept: application/linkset+json"],
        ]
        if let baseURL { description["resolverRoot"] = .string(baseURL) }
        return .object(description)
    }
}
