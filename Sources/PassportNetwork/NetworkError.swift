import Foundation

/// Every failure of the value network: reading an upstream producer's published passports,
/// checking a batch's inputs and their mass balance, value-share attestations, and co-op member
/// lists. Each says where the problem is, what is wrong and what to do.
public enum NetworkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A source (folder, file or address) could not be read or fetched.
    case unreadableSource(source: String, reason: String)
    /// A plain-http address on a host other than this computer.
    case insecureAddress(String)
    /// An upstream producer's published files do not hold together (a signature, a digest, an id).
    case untrustworthyUpstream(source: String, reason: String)
    /// The upstream's manifest is older than the one `upstream/` already holds.
    case olderUpstream(did: String, held: String, offered: String)
    /// A batch input fails a check; `location` is `file:line:column: field`.
    case input(location: String, problem: String, fix: String)
    /// A value-share attestation (or its request) fails a check.
    case attestation(file: String, problem: String, fix: String)
    /// A co-op member list or its folder has a problem.
    case memberList(source: String, problem: String, fix: String)
    /// A file could not be written or read.
    case file(path: String, reason: String)
    /// Several problems, reported together.
    case several([NetworkError])

    public var description: String {
        switch self {
        case .unreadableSource(let source, let reason):
            return "\(source): \(reason) — give an upstream output folder, its bundle.json, or the https address of a batch"
        case .insecureAddress(let address):
            return "\(address): plain http is only accepted for this computer (127.0.0.1, localhost) — use the https address"
        case .untrustworthyUpstream(let source, let reason):
            return "\(source): \(reason) — nothing was imported; ask the upstream producer for its current published files"
        case .olderUpstream(let did, let held, let offered):
            return "the files of \(did) offered here were made \(offered), before the ones upstream/ already holds (\(held)) — an older manifest could hide a recall, so nothing was imported"
        case .input(let location, let problem, let fix):
            return "\(location): \(problem) — \(fix)"
        case .attestation(let file, let problem, let fix):
            return "\(file): \(problem) — \(fix)"
        case .memberList(let source, let problem, let fix):
            return "\(source): \(problem) — \(fix)"
        case .file(let path, let reason):
            return "\(path): \(reason)"
        case .several(let problems):
            let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
            return (problems.map(\.description) + ["\(count) found; nothing was written."]).joined(separator: "\n")
        }
    }

    /// One error for a list of problems: the problem itself when there is one.
    public static func combined(_ problems: [NetworkError]) -> NetworkError? {
        switch problems.count {
        case 0: return nil
        case 1: return problems[0]
        default: return .several(problems)
        }
    }
}
