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
}
