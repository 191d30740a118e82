/// The version of passport, in one place: `passport --version` prints it, and credentials can
/// name it as the software that issued them.
public enum PassportVersion {
    /// This release, as semantic versioning writes it.
    public static let current = "0.1.0"
}
