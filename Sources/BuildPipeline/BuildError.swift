public import Credentials
public import Output
public import PassportModel
public import PassportNetwork

/// Why a build (or init, or certify) could not finish. Nothing was written when one is thrown.
public enum BuildError: Error, CustomStringConvertible, Sendable {
    /// The records have problems; each is listed.
    case project(ProjectError)
    /// A key, signature or credential problem.
    case credential(CredentialError, context: String)
    /// A file could not be read or written.
    case file(path: String, reason: String)
    /// A project file cannot be read: outside the project, private, not a regular file, too large.
    case projectFile(ProjectFileError)
    /// The output could not be written or put in place (the previous output is unchanged).
    case output(OutputError)
    /// A conformity credential handed over by a certifier does not hold.
    case certifierCredential(certificate: String, reason: String)
    /// The passport pages could not be rendered (a template problem, named in the message).
    case site(String)
    /// Labels could not be rendered (template, font, or a code that does not fit: the message says which).
    case labels(String)
    /// Something else the user must fix, with the fix in the message.
    case invalid(String)
    /// An upstream input, its mass balance, or a value-share attestation does not hold.
    case network(NetworkError)
    /// Several of the above, found together (each is listed).
    case several([BuildError])

    public var description: String {
        switch self {
        case .project(let error): return error.description
        case .credential(let error, let context): return "\(context): \(error.description)"
        case .file(let path, let reason): return "\(path): \(reason)"
        case .projectFile(let error): return error.description
        case .output(let error): return error.description
        case .certifierCredential(let certificate, let reason):
            return "certificates/\(certificate).dcc.jwt: \(reason) — ask the certifier to sign it again with `passport certify`, or delete the file to publish the certificate as self-declared"
        case .site(let message): return message
        case .labels(let message): return message
        case .invalid(let message): return message
        case .network(let error): return error.description
        case .several(let problems):
            return (problems.map(\.description) + ["\(problems.count) problems found; nothing was written."])
                .joined(separator: "\n")
        }
    }
}

extension BuildError {
    /// One error for `problems`: the problem itself when there is only one.
    init(_ problems: [BuildError]) {
        self = problems.count == 1 ? problems[0] : .several(problems)
    }

    /// Runs file output, reporting its failure as a build error.
    static func output<T>(_ body: @autoclosure () throws(OutputError) -> T) throws(BuildError) -> T {
        do { return try body() } catch { throw .output(error) }
    }

    /// Runs a project file read, reporting its failure as a build error.
    static func projectFile<T>(_ body: @autoclosure () throws(ProjectFileError) -> T) throws(BuildError) -> T {
        do { return try body() } catch { throw .projectFile(error) }
    }
}
