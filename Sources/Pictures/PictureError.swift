/// Why a picture could not be decoded: the file, and what is wrong with it in words.
public enum PictureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be read, is not a PNG or JPEG, is damaged (the decoder's own message is
    /// in `reason`), or is too large.
    case unreadable(path: String, reason: String)

    /// What went wrong, and what to do.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "Cannot read the image \(path): \(reason). Use a PNG or JPEG photo or screenshot of the label."
        }
    }
}
