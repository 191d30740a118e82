public import Foundation
public import PassportModel

/// `passport check`: everything `build` would refuse, found without signing or writing — the
/// records and the references between them, the producer's did:web, its key files and their
/// permissions, the certifiers' DID documents, evidence files, and the credentials certifiers
/// handed over.
public enum ProjectCheck {
    /// The loaded project when all of it holds.
    /// - Throws: `BuildError.project` with every record problem, else the key and credential
    ///   problems (one, or `.several`).
    public static func run(projectRoot: URL, displayRoot: String) throws(BuildError) -> Project {
        let project: Project
        do { project = try ProjectLoader.load(root: projectRoot, displayRoot: displayRoot) } catch {
            throw .project(error)
        }
        _ = try SigningInputs.load(project)
        return project
    }

    /// One line per thing to know, naming the file: self-declared certificates (shown as
    /// "self-declared", never as a badge), and certifier-signed credentials that do not check out.
    /// - Returns: warnings, and errors (a handed-over credential `build` would refuse).
    public static func notes(_ project: Project, displayRoot: String) -> (warnings: [String], errors: [String]) {
        let prefix = displayRoot.isEmpty ? "" : (displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/")
        let (signed, problems) = CertifierDocuments.certifierSigned(project)
        var warnings: [String] = [], errors: [String] = []
        for certificate in project.certificates {
            let file = "\(prefix)certificates/\(certificate.id).yaml"
            if let problem = problems[certificate.id] {
                errors.append(prefix + problem.description)
            } else if !signed.contains(certificate.id) {
                warnings.append("\(file): warning: \(certificate.scheme) is self-declared: no certifier-signed credential "
                    + "(certificates/\(certificate.id).dcc.jwt), so pages show it as \"self-declared\" and labels print no badge for it. "
                    + "Ask \(certificate.certifierName) to sign it with `passport certify`.")
            }
        }
        return (warnings, errors)
    }
}
