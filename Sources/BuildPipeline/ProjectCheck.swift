public import Foundation
public import PassportModel

/// `passport check`: everything `build` would refuse, found without signing or writing — the
/// records and the references between them, the producer's did:web, its key files and their
/// permissions, the certifiers' DID documents, evidence files, and the credentials certifiers
/// handed over.
public enum ProjectCheck {
    /// A project that holds, and what its producer should know.
    public struct Checked: Sendable {
        public let project: Project
        /// One line per certificate without a certifier's signature, naming its file: shown as
        /// "self-declared", never as a badge.
        public let warnings: [String]
    }

    /// The loaded project when all of it holds.
    /// - Throws: `BuildError.project` with every record problem, else the key and credential
    ///   problems (one, or `.several`).
    public static func run(projectRoot: URL, displayRoot: String) throws(BuildError) -> Checked {
        let project: Project
        do { project = try ProjectLoader.load(root: projectRoot, displayRoot: displayRoot) } catch {
            throw .project(error)
        }
        // The credentials certifiers handed over are checked here once; one that does not hold throws.
        let inputs = try SigningInputs.load(project)
        let prefix = displayRoot.isEmpty ? "" : (displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/")
        let warnings = project.certificates.filter { inputs.certificates[$0.id]?.handedOver == nil }.map { certificate in
            "\(prefix)certificates/\(certificate.id).yaml: warning: \(certificate.scheme) is self-declared: no certifier-signed credential "
                + "(certificates/\(certificate.id).dcc.jwt), so pages show it as \"self-declared\" and labels print no badge for it. "
                + "Ask \(certificate.certifierName) to sign it with `passport certify`."
        }
        return Checked(project: project, warnings: warnings)
    }
}
